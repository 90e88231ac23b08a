/**
 * The sandbox's API rate limit, modelled on cloudcart/platform-wiki
 * `tools/overrides/concepts/platform-rate-limits.md` (PRL) and
 * `wiki/features/settings-api-keys/settings-api-keys-rate-limits.md` (AKR):
 * - a per-minute budget keyed on the request's Host domain, lower-cased (PRL);
 * - a *sliding* 60 s window that recovers gradually, not a bucket that resets each minute (PRL,
 *   AKR "rolling 1-minute"); `fixed` models the other reading, `average` the "sliding 60-second
 *   average" wording (the previous window's count weighted by how much of it still overlaps);
 * - the counter includes the current request, so `limit - 1` requests pass per window (PRL);
 * - every answer carries X-RateLimit-Limit/Remaining/Reset/Info, Reset being now + the window, a
 *   constant offset (PRL); its format is not settled (the wiki says "now + 60 s", the awsbg client
 *   parses it as a date), hence `resetFormat`;
 * - a denial is 429 with `Retry-After: 60` and the body {error, message, retry_after} (PRL), which
 *   is not the JSON:API error envelope that json-api-status-codes.md promises for every non-2xx;
 *   `throttleBody: 'jsonapi'` models that other reading;
 * - limit 0 (no API access, or a domain that is not the store's primary one: www., the service
 *   subdomain, a secondary domain) refuses every request (PRL "Known gotchas"); the limit is
 *   recomputed while the store runs (PRL: about every 5 minutes), so `limit` can change mid-run;
 * - a 429 that is an HTML page comes from another protection layer, without the X-RateLimit-*
 *   headers (PRL "Which 429 fired?"): `htmlThrottle`.
 * Whether refused requests count in the window is not documented: `countDenied` (default no).
 */
export type LimiterKind = 'sliding' | 'fixed' | 'average';
export type ResetFormat = 'epoch' | 'seconds' | 'date' | 'none';
export const LIMITER_KINDS: readonly LimiterKind[] = ['sliding', 'fixed', 'average'];
export const RESET_FORMATS: readonly ResetFormat[] = ['epoch', 'seconds', 'date', 'none'];

export interface RateLimitSettings {
  /** The store's cap per window (CloudCart plans: 50-800 a minute; 0 = no API access). */
  rateLimit: number;
  windowMs: number;
  limiter: LimiterKind;
  resetFormat: ResetFormat;
  throttleBody: 'platform' | 'jsonapi';
  /** false: a denial carries no Retry-After (to test the client's own backoff). */
  retryAfter: boolean;
  countDenied: boolean;
  /** When set, any other Host gets limit 0, as a www. or service subdomain does on CloudCart. */
  primaryHost: string | null;
  /** The next N API requests get an HTML 429 from "another layer" (not counted in the budget). */
  htmlThrottle: number;
  /** The next N API requests are refused as over the limit (another program spent the budget). */
  denyNext: number;
}

export type RateLimitOptions = Partial<RateLimitSettings> & { clock?: () => number };

export interface RateVerdict {
  headers: Record<string, string>;
  refusal?: { contentType: string; body: string };
}

export interface RateEvent {
  at: number;
  host: string;
  outcome: 'allowed' | 'quota' | 'no-access' | 'html';
}

interface Bucket {
  /** Times of requests that count (sliding) within the last window. */
  log: number[];
  /** Fixed/average: the current aligned window's start and counts. */
  windowStart: number;
  current: number;
  previous: number;
}

const DEFAULTS: RateLimitSettings = {
  rateLimit: 100,
  windowMs: 60_000,
  limiter: 'sliding',
  resetFormat: 'epoch',
  throttleBody: 'platform',
  retryAfter: true,
  countDenied: false,
  primaryHost: null,
  htmlThrottle: 0,
  denyNext: 0,
};

export class SandboxRateLimit {
  readonly settings: RateLimitSettings;
  /** What happened to each API request (kept to the last 20,000), for tests and the bench. */
  readonly events: RateEvent[] = [];
  /** The most requests let through within any one window, whatever the limiter kind. */
  peakInWindow = 0;
  /** Counts on a monotonic clock (as a server would); headers carry wall time. A test's clock is both. */
  private readonly clock: () => number;
  private readonly wallClock: () => number;
  private readonly buckets = new Map<string, Bucket>();
  private readonly passed: number[] = [];

  /** Takes the rate-limit keys of `options` (the sandbox passes all of its options). */
  constructor(options: RateLimitOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
    this.wallClock = options.clock ?? Date.now;
    this.settings = { ...DEFAULTS };
    const own = Object.entries(options).filter(([key]) => key in DEFAULTS);
    this.configure(Object.fromEntries(own));
  }

  /** Changes settings while the sandbox runs (a plan change, a fault); unknown keys are refused. */
  configure(changes: Record<string, unknown>): RateLimitSettings {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (!(key in DEFAULTS)) throw new Error(`unknown rate-limit setting "${key}"`);
      if (key === 'limiter' && !LIMITER_KINDS.includes(value as LimiterKind))
        throw new Error(`limiter must be one of ${LIMITER_KINDS.join(', ')}`);
      if (key === 'resetFormat' && !RESET_FORMATS.includes(value as ResetFormat))
        throw new Error(`resetFormat must be one of ${RESET_FORMATS.join(', ')}`);
      (this.settings as unknown as Record<string, unknown>)[key] = value;
    }
    if (!(this.settings.windowMs > 0)) throw new Error('windowMs must be above 0');
    return { ...this.settings };
  }

  /** Decides one API request, given its Host header, and returns the headers to send. */
  admit(hostHeader: string | undefined): RateVerdict {
    const s = this.settings;
    const now = this.clock();
    const host = String(hostHeader ?? '')
      .toLowerCase()
      .replace(/:\d+$/, '');
    if (s.htmlThrottle > 0) {
      s.htmlThrottle--;
      this.record(now, host, 'html');
      return { headers: {}, refusal: { contentType: 'text/html; charset=utf-8', body: HTML_429 } };
    }
    const limit = s.primaryHost && host !== s.primaryHost.toLowerCase() ? 0 : Math.max(0, Math.floor(s.rateLimit));
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Info':
        limit === 0
          ? 'No API access for this domain. Call the store on its primary domain, or upgrade the plan.'
          : `${limit} API requests per minute on this plan. More: Settings > Api keys > Upgrade.`,
    };
    const reset = this.resetHeader(this.wallClock());
    if (reset !== null) headers['X-RateLimit-Reset'] = reset;

    const bucket = this.bucket(host, now);
    // The counter includes the current request: at `limit` it refuses, so limit - 1 pass.
    const count = this.countWith(bucket, now) + 1;
    const forced = limit > 0 && s.denyNext > 0;
    if (limit === 0 || count >= limit || forced) {
      if (forced) s.denyNext--;
      if (s.countDenied && limit > 0) this.count(bucket, now);
      headers['X-RateLimit-Remaining'] = '0';
      const seconds = s.windowMs / 1000;
      if (s.retryAfter) headers['Retry-After'] = String(seconds);
      this.record(now, host, limit === 0 ? 'no-access' : 'quota');
      return { headers, refusal: this.refusalBody(limit, seconds) };
    }
    this.count(bucket, now);
    headers['X-RateLimit-Remaining'] = String(Math.max(0, Math.floor(limit - count)));
    this.record(now, host, 'allowed');
    this.passed.push(now);
    while (this.passed.length && this.passed[0] <= now - s.windowMs) this.passed.shift();
    this.peakInWindow = Math.max(this.peakInWindow, this.passed.length);
    return { headers };
  }

  private bucket(host: string, now: number): Bucket {
    let b = this.buckets.get(host);
    if (!b) {
      b = { log: [], windowStart: now, current: 0, previous: 0 };
      this.buckets.set(host, b);
    }
    const w = this.settings.windowMs;
    while (b.log.length && b.log[0] <= now - w) b.log.shift();
    if (now - b.windowStart >= w) {
      const windows = Math.floor((now - b.windowStart) / w);
      b.previous = windows === 1 ? b.current : 0;
      b.current = 0;
      b.windowStart += windows * w;
    }
    return b;
  }

  /** Requests already counted against the window, before this one. */
  private countWith(b: Bucket, now: number): number {
    const { limiter, windowMs } = this.settings;
    if (limiter === 'sliding') return b.log.length;
    if (limiter === 'fixed') return b.current;
    const overlap = 1 - (now - b.windowStart) / windowMs;
    return b.previous * overlap + b.current;
  }

  private count(b: Bucket, now: number) {
    b.log.push(now);
    b.current++;
  }

  private resetHeader(now: number): string | null {
    const { resetFormat, windowMs } = this.settings;
    if (resetFormat === 'none') return null;
    if (resetFormat === 'seconds') return String(windowMs / 1000);
    if (resetFormat === 'date') return new Date(now + windowMs).toUTCString();
    return String(Math.floor((now + windowMs) / 1000));
  }

  private refusalBody(limit: number, seconds: number): { contentType: string; body: string } {
    const message =
      limit === 0
        ? 'API rate limit exceeded. This plan has no API access; upgrade the plan to use the API.'
        : 'API rate limit exceeded. Wait and retry later, or upgrade the plan for a higher API limit.';
    if (this.settings.throttleBody === 'jsonapi')
      return {
        contentType: 'application/vnd.api+json',
        body: JSON.stringify({ errors: [{ status: '429', title: 'Too Many Requests', detail: message }] }),
      };
    return {
      contentType: 'application/json',
      body: JSON.stringify({ error: 'Too Many Requests', message, retry_after: seconds }),
    };
  }

  private record(at: number, host: string, outcome: RateEvent['outcome']) {
    this.events.push({ at, host, outcome });
    if (this.events.length > 20_000) this.events.splice(0, this.events.length - 20_000);
  }
}

const HTML_429 = `<!DOCTYPE html>
<html><head><title>429 Too Many Requests</title></head>
<body><h1>Too Many Requests</h1><p>Your request was blocked by a protection layer in front of the site.</p></body></html>
`;
