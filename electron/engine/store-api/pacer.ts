/**
 * Request pacing per store host. One pacer per host (module-level map), shared by every client
 * instance, because CloudCart's budget is per request Host, not per key. It learns the budget from
 * `X-RateLimit-Limit` / `X-RateLimit-Remaining` / `X-RateLimit-Reset`: while plenty remains it lets
 * requests through; near the end of the budget it spaces them at window / limit, so a long job runs
 * close to the limit without hitting it. A 429 pauses the whole host for `Retry-After`.
 */

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export class HostPacer {
  limit: number | null = null;
  remaining: number | null = null;
  /** Estimated window length; CloudCart's is 60 s. */
  windowMs = 60_000;
  private nextAt = 0;
  private pausedUntil = 0;

  /** Waits for this request's slot. */
  async acquire(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.pausedUntil, this.nextAt);
    this.nextAt = at + this.spacing();
    if (at > now) await sleep(at - now);
    // Another request may have hit a 429 while we slept.
    if (this.pausedUntil > Date.now()) await this.acquire();
  }

  spacing(): number {
    if (this.limit == null || this.remaining == null || this.limit <= 0) return 0;
    // Keep a reserve for requests already in flight and for other tools on the same store.
    const reserve = Math.max(2, Math.ceil(this.limit * 0.2));
    if (this.remaining > reserve) return 0;
    return (this.windowMs / Math.max(1, this.limit - 1)) * 1.05;
  }

  learn(headers: Record<string, string | string[] | undefined>): void {
    const num = (name: string) => {
      const v = headers[name];
      const n = Number(Array.isArray(v) ? v[0] : v);
      return v === undefined || !Number.isFinite(n) ? null : n;
    };
    const limit = num('x-ratelimit-limit');
    const remaining = num('x-ratelimit-remaining');
    const reset = num('x-ratelimit-reset');
    if (limit != null) this.limit = limit;
    if (remaining != null) this.remaining = remaining;
    if (reset != null && reset > 1e9) {
      // A Unix timestamp of now + window; clamp to something sane (the sandbox uses short windows).
      const ms = reset * 1000 - Date.now();
      if (ms > 0) this.windowMs = Math.min(60_000, Math.max(1_000, ms));
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}

const pacers = new Map<string, HostPacer>();

export function pacerFor(host: string): HostPacer {
  const key = host.toLowerCase();
  let p = pacers.get(key);
  if (!p) {
    p = new HostPacer();
    pacers.set(key, p);
  }
  return p;
}
