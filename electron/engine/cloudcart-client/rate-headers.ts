/**
 * Reading CloudCart's rate-limit headers (cloudcart/platform-wiki
 * `tools/overrides/concepts/platform-rate-limits.md`): X-RateLimit-Limit (the cap, 0 = no API
 * access or not the primary domain), X-RateLimit-Remaining, X-RateLimit-Reset (always "now + 60 s",
 * a constant offset, not the moment the budget comes back) and Retry-After (60, on a denial).
 * The format of Reset is not settled: the wiki gives only its value, the awsbg client
 * (src/Client.php) reads it with PHP's date_create as a date. So it is read in every form we know,
 * and reported, but nothing paces on it.
 */
export type ResetFormat = 'seconds' | 'epoch-seconds' | 'epoch-ms' | 'date' | 'unreadable' | 'absent';

export interface ResetReading {
  format: ResetFormat;
  /** The moment it names, in ms since the epoch; null when absent or unreadable. */
  at: number | null;
  raw: string | null;
}

function headerText(value: unknown): string | null {
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A non-negative number header (Limit, Remaining), or null when missing or not a number. */
export function numberHeader(headers: Record<string, unknown>, name: string): number | null {
  const text = headerText(headers[name]);
  if (text === null || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

// Zone-less "2026-11-28 10:00:00": CloudCart's own date format elsewhere; read as UTC here (the
// awsbg client compares it with Carbon::now('GMT')).
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;

/** X-RateLimit-Reset as seconds from now, epoch seconds, epoch milliseconds or a date. */
export function readReset(value: unknown, now = Date.now()): ResetReading {
  const raw = headerText(value);
  if (raw === null) return { format: 'absent', at: null, raw: null };
  if (/^\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    if (n >= 1e12) return { format: 'epoch-ms', at: n, raw };
    if (n >= 1e9) return { format: 'epoch-seconds', at: n * 1000, raw };
    return { format: 'seconds', at: now + n * 1000, raw };
  }
  const at = ZONELESS.test(raw) ? Date.parse(`${raw.replace(' ', 'T')}Z`) : Date.parse(raw);
  return Number.isFinite(at) ? { format: 'date', at, raw } : { format: 'unreadable', at: null, raw };
}

/** Retry-After in ms: delay-seconds (fractions allowed: the sandbox's short windows) or an HTTP-date. */
export function readRetryAfter(value: unknown, now = Date.now()): number | null {
  const raw = headerText(value);
  if (raw === null) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
