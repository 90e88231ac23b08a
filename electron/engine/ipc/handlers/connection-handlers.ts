/** IPC handlers: Tests of the two systems before a server is saved: the store (connection, compatibility check) and the database (connection, reference lists). */
import type { Localized } from '../../../../shared/i18n/localized';
import { pick } from '../../../../shared/i18n/localized';
import type { DatabaseConnection } from '../../../../shared/types/server-profile';
import { AppError } from '../../errors';
import { passwordMoved, storeKeyMoved } from '../../secrets/secret-scope';
import type { Engine } from '../../engine';
import { checkAndSave } from '../../store-check/run-check';
import type { DomainHandlers } from './domain';

/**
 * The secret to test with: the one typed in the request, else the saved one of the server, but
 * only while the address is the one it was saved for (`secrets/secret-scope.ts`). `moved` says
 * why the saved one was not used.
 */
function secretFor(
  engine: Engine,
  serverId: string | undefined,
  typed: string | undefined,
  target: { name: 'apiKey'; domain: string } | { name: 'dbPassword'; connection: DatabaseConnection },
): { secret: string | null; moved: Localized | null } {
  if (typed) return { secret: typed, moved: null };
  if (!serverId) return { secret: null, moved: null };
  const saved = engine.servers.get(serverId);
  const moved =
    target.name === 'apiKey' ? storeKeyMoved(saved, target.domain) : passwordMoved(saved, target.connection);
  if (moved) return { secret: null, moved: engine.servers.readSecret(serverId, target.name) ? moved : null };
  return { secret: engine.servers.readSecret(serverId, target.name), moved: null };
}

export const connectionHandlers = {
  'store:test': async (engine, { serverId, domain, apiKey }) => {
    const { secret, moved } = secretFor(engine, serverId, apiKey, { name: 'apiKey', domain });
    if (!secret) {
      return {
        ok: false,
        message: moved
          ? pick(moved, engine.locale)
          : engine.locale === 'bg'
            ? 'Въведете ключа на API.'
            : 'Enter the API key.',
        storeName: null,
        rateLimit: null,
      };
    }
    return engine.probes.testStore(domain, secret, engine.locale);
  },
  'store:check': async (engine, { serverId, domain, apiKey, writeTest, facts }) => {
    const { secret, moved } = secretFor(engine, serverId, apiKey, { name: 'apiKey', domain });
    if (!secret) {
      throw new AppError(
        moved ? 'conflict' : 'invalid_payload',
        moved ?? { bg: 'Въведете ключа на API.', en: 'Enter the API key.' },
        { 'secrets.apiKey': moved ? 'retype' : 'required' },
      );
    }
    // The report carries the server's name while the address is the one it was saved for.
    const saved = serverId ? engine.servers.get(serverId) : null;
    const server = saved && !storeKeyMoved(saved, domain) ? { id: saved.id, name: saved.name } : null;
    return checkAndSave(engine.options.dataDir, { domain, apiKey: secret, facts, writeTest }, server);
  },
  'database:test': async (engine, { serverId, connection, password, orderTarget }) => {
    // Moved: tested without any password (a database may need none), never with the saved one.
    const { secret, moved } = secretFor(engine, serverId, password, { name: 'dbPassword', connection });
    const check = await engine.probes.testDatabase(connection, secret, engine.locale, orderTarget);
    if (!moved || check.ok) return check;
    return { ...check, message: `${pick(moved, engine.locale)} ${check.message}` };
  },
  'database:reference': async (engine, { serverId, connection, password }) => {
    const { secret, moved } = secretFor(engine, serverId, password, { name: 'dbPassword', connection });
    try {
      return await engine.probes.reference(connection, secret);
    } catch (err) {
      if (!moved) throw err;
      throw new AppError('conflict', moved, { 'secrets.dbPassword': 'retype' });
    }
  },
} satisfies DomainHandlers;
