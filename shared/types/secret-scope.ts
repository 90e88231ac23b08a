/**
 * Where a saved secret may go. A saved API key belongs to the store it was typed for, a saved
 * database password to the server, port and user (or the file) it was typed for: when the
 * address changes, the secret does not follow; the user types it again. The engine applies this
 * to tests, saves and runs; the editor uses the same rule to say so before the user asks.
 */
import type { DatabaseConnection } from './server-profile';

/** The default port of each network database kind, as its driver uses it when none is given. */
const DEFAULT_PORT: Partial<Record<DatabaseConnection['kind'], number>> = { mysql: 3306, mssql: 1433 };

/**
 * The origin the API key is sent to: scheme, host and port. A domain without a scheme is
 * reached over https (as the store client does), so `shop.bg` and `https://shop.bg/` are the same
 * store, and `http://shop.bg` is not.
 */
export function storeEndpoint(domain: string): string {
  let d = domain.trim().replace(/\/+$/, '').toLowerCase();
  if (!/^https?:\/\//.test(d)) d = `https://${d}`;
  const scheme = d.startsWith('http://') ? 'http' : 'https';
  const rest = d.slice(scheme.length + 3).split('/')[0];
  const withPort = /:\d+$/.test(rest) ? rest : `${rest}:${scheme === 'http' ? 80 : 443}`;
  return `${scheme}://${withPort.replace(/:(\d+)$/, (_, p: string) => `:${Number(p)}`)}`;
}

/** Where a database password is sent: the kind, host, port and user, or the file of a file database. */
export function databaseEndpoint(c: Pick<DatabaseConnection, 'kind' | 'host' | 'port' | 'user' | 'filePath'>): string {
  if (c.kind === 'access' || c.kind === 'sqlite') return `${c.kind}:${c.filePath.trim()}`;
  const port = c.port ?? DEFAULT_PORT[c.kind] ?? 0;
  return `${c.kind}://${c.user.trim()}@${c.host.trim().toLowerCase()}:${port}`;
}

/** A short, readable name of a database endpoint for messages: user@host:port, or the file. */
export function databaseEndpointLabel(
  c: Pick<DatabaseConnection, 'kind' | 'host' | 'port' | 'user' | 'filePath'>,
): string {
  if (c.kind === 'access' || c.kind === 'sqlite') return c.filePath.trim();
  return `${c.user.trim()}@${c.host.trim()}:${c.port ?? DEFAULT_PORT[c.kind] ?? ''}`;
}

export function sameStoreEndpoint(a: string, b: string): boolean {
  return storeEndpoint(a) === storeEndpoint(b);
}

export function sameDatabaseEndpoint(
  a: Pick<DatabaseConnection, 'kind' | 'host' | 'port' | 'user' | 'filePath'>,
  b: Pick<DatabaseConnection, 'kind' | 'host' | 'port' | 'user' | 'filePath'>,
): boolean {
  return databaseEndpoint(a) === databaseEndpoint(b);
}
