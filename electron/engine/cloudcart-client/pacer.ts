/**
 * One pacer per store host (B11): it learns the plan's budget from X-RateLimit-Limit/Remaining/
 * Reset and, when the budget of the window is spent, waits for the reset instead of provoking 429s.
 * A long export therefore runs at the plan's rate. A 429 that still happens waits Retry-After.
 */
interface HostState {
  limit: number | null;
  remaining: number | null;
  resetAt: number;
  /** When the last request was sent, to spread the rest of the window's budget evenly. */
  lastSentAt: number;
  /** Serialises requests to one host so the budget is counted in order. */
  queue: Promise<unknown>;
}

const hosts = new Map<string, HostState>();

function state(host: string): HostState {
  let s = hosts.get(host);
  if (!s) {
    s = { limit: null, remaining: null, resetAt: 0, lastSentAt: 0, queue: Promise.resolve() };
    hosts.set(host, s);
  }
  return s;
}

export function planLimit(host: string): number | null {
  return hosts.get(host)?.limit ?? null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `send` when the host's budget allows, one at a time per host, and learns from its headers. */
export function paced<T extends { headers: Record<string, unknown> }>(
  host: string,
  send: () => Promise<T>,
): Promise<T> {
  const s = state(host);
  const run = async () => {
    if (s.remaining !== null && s.remaining <= 0 && Date.now() < s.resetAt) await sleep(s.resetAt - Date.now() + 5);
    else if (s.remaining !== null && s.remaining > 0 && Date.now() < s.resetAt) {
      // Spread what is left of the window's budget over the rest of the window: a long export
      // then moves steadily instead of spending the budget in a burst and stalling until the
      // reset, and an order poll arriving meanwhile still finds budget left.
      const gap = (s.resetAt - Date.now()) / s.remaining;
      const wait = s.lastSentAt + gap - Date.now();
      if (wait > 0) await sleep(wait);
    }
    s.lastSentAt = Date.now();
    const res = await send();
    learn(s, res.headers);
    return res;
  };
  const next = s.queue.then(run, run);
  s.queue = next.catch(() => undefined);
  return next;
}

function learn(s: HostState, headers: Record<string, unknown>): void {
  const num = (name: string) => {
    const v = headers[name];
    const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : null;
  };
  const limit = num('x-ratelimit-limit');
  const remaining = num('x-ratelimit-remaining');
  const reset = num('x-ratelimit-reset');
  if (limit !== null) s.limit = limit;
  if (remaining !== null) s.remaining = remaining;
  // Reset: seconds until the window restarts, or an epoch time in seconds (both are seen).
  if (reset !== null) s.resetAt = reset > 1e9 ? reset * 1000 : Date.now() + reset * 1000;
  const retryAfter = num('retry-after');
  if (retryAfter !== null) {
    s.remaining = 0;
    s.resetAt = Math.max(s.resetAt, Date.now() + retryAfter * 1000);
  }
}
