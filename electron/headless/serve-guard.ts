/**
 * The serve host's gatekeeping, kept apart so it can be read (and tested) on its own:
 * - the token: a random per-start secret, accepted as `?token=` once (then a cookie), as a
 *   `Authorization: Bearer` header, or as the HttpOnly cookie;
 * - DNS rebinding: the Host header must name the loopback address and port we serve, and an
 *   Origin, when sent, must be that same origin.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'sklad_sync_token';

export interface GuardOptions {
  token: string;
  /** Host names the page may be reached by, e.g. 127.0.0.1 and localhost. */
  allowedHosts: string[];
  port: number;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function checkOrigin(req: IncomingMessage, options: GuardOptions): GuardVerdict {
  const host = req.headers.host ?? '';
  const allowed = new Set(options.allowedHosts.map((h) => `${h}:${options.port}`));
  if (!allowed.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `host "${host}" is not served here` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    const allowedOrigins = new Set([...allowed].map((h) => `http://${h}`));
    if (!allowedOrigins.has(origin.toLowerCase())) {
      return { ok: false, status: 403, reason: `origin "${origin}" is not allowed` };
    }
  } else if (origin === 'null') {
    return { ok: false, status: 403, reason: 'opaque origin is not allowed' };
  }
  return { ok: true };
}

export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = parseCookies(req.headers.cookie ?? '')[TOKEN_COOKIE];
  if (cookie) return cookie;
  return url.searchParams.get('token');
}

export function tokenMatches(presented: string | null, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Cookies are shared by every port of a host, so the header carries whatever other local programs
 * set: a value that is not valid percent-encoding is kept as it is instead of failing the request.
 */
export function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = safeDecode(part.slice(eq + 1).trim()) ?? part.slice(eq + 1).trim();
  }
  return out;
}

/** decodeURIComponent that says null instead of throwing on a broken escape such as `%E0%A4%A`. */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The request's URL, or null when the request line holds something no URL parser accepts (`http://[`). */
export function requestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://placeholder');
  } catch {
    return null;
  }
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
