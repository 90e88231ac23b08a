/**
 * One pacer per store host (B11), shared by every run that talks to that host. CloudCart limits a
 * store's domain over a *sliding* 60 s window, and `limit - 1` requests pass per window
 * (cloudcart/platform-wiki `tools/overrides/concepts/platform-rate-limits.md`). Under a sliding
 * window the budget never comes back all at once, so the pacer does not spend a "remaining" over
 * a "reset" (that settles near half the allowed rate: 51-53% measured); it sends at a steady
 * (limit - 1) per window, learnt from X-RateLimit-Limit, 3% under it so timer and network jitter
 * never push one window over. X-RateLimit-Reset is read and kept for the store check, not paced on:
 * the wiki says it is a constant "now + 60 s", and its format is not settled.
 * A 429 blocks the host for Retry-After (or a backoff when it is missing) and lowers the pace a
 * little for a while: another program may share the store's budget (all keys share one bucket).
 */
import { numberHeader, readReset, readRetryAfter, type ResetReading } from './rate-headers';

/** CloudCart's window (platform-rate-limits.md). Tests and the bench shorten it on both sides. */
export const DOCUMENTED_WINDOW_MS = 60_000;
/** Before the first answer tells the limit: the lowest paid plan (Starter Pack, 50 a minute). */
export const START_LIMIT = 50;
/** How far under the allowed rate the pacer stays: 3% of the window absorbs jitter. */
export const MARGIN = 0.03;
/** A request sent later than its slot by up to this share of the window keeps the schedule. */
const LATE_SLACK = 0.01;

export interface PaceOptions {
  windowMs?: number;
}

interface HostState {
  windowMs: number;
  limit: number | null;
  remaining: number | null;
  reset: ResetReading | null;
  /** The time slot given to the last request; the next one goes a gap later. */
  lastSlot: number;
  /** After a 429: nothing goes to the host before this time (monotonic, as lastSlot). */
  blockedUntil: number;
  /** 1 normally; lowered by each 429 (down to 0.5) and raised back slowly by allowed answers. */
  share: number;
  throttledInARow: number;
  /** The first request's answer: until it tells the limit, nothing else goes to the host. */
  firstAnswer: Promise<void> | null;
}

const hosts = new Map<string, HostState>();

function state(host: string): HostState {
  let s = hosts.get(host);
  if (!s) {
    s = {
      windowMs: DOCUMENTED_WINDOW_MS,
      limit: null,
      remaining: null,
      reset: null,
      lastSlot: -Infinity,
      blockedUntil: 0,
      share: 1,
      throttledInARow: 0,
      firstAnswer: null,
    };
    hosts.set(host, s);
  }
  return s;
}

/** The plan's limit as the store last stated it (null before the first answer). */
export function planLimit(host: string): number | null {
  return hosts.get(host)?.limit ?? null;
}

/** What the pacer has seen of a host's limit headers and how it paces, for the store check. */
export function rateObservation(host: string) {
  const s = hosts.get(host);
  if (!s) return null;
  return {
    limit: s.limit,
    remaining: s.remaining,
    reset: s.reset,
    windowMs: s.windowMs,
    gapMs: gap(s),
    throttledInARow: s.throttledInARow,
  };
}

/** Milliseconds between two requests to the host. */
function gap(s: HostState): number {
  const passing = (s.limit ?? START_LIMIT) - 1;
  if (passing <= 0) return s.windowMs;
  return (s.windowMs * (1 + MARGIN)) / (passing * s.share);
}

/** A backoff for a 429 without Retry-After: 1/8 of the window, doubling up to the window. */
function backoff(s: HostState): number {
  const base = Math.min(s.windowMs, (s.windowMs / 8) * 2 ** Math.max(0, s.throttledInARow - 1));
  return base * (0.75 + Math.random() * 0.5);
}

/** Pacing runs on the monotonic clock: the PC's wall clock can be slewed (0.5% fast was seen on
 * the build machine) or set by the user, and either would bend the pace. */
const monotonic = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the host's next slot: a steady gap after the last one, and never while blocked. */
async function acquire(s: HostState): Promise<void> {
  for (;;) {
    const now = monotonic();
    const at = Math.max(now, s.lastSlot + gap(s), s.blockedUntil);
    s.lastSlot = at;
    if (at > now) await sleep(at - now);
    const woke = monotonic();
    // A 429 that arrived meanwhile moved blockedUntil: take a new slot after it.
    if (s.blockedUntil > woke) continue;
    // Woken late (a busy or suspended process) by more than 1% of the window: the later slots
    // move with this request, so its lateness does not squeeze them into one window.
    s.lastSlot = Math.max(s.lastSlot, woke - s.windowMs * LATE_SLACK);
    return;
  }
}

/** Runs `send` at the host's pace and learns from the answer's headers. */
export async function paced<T extends { status: number; headers: Record<string, unknown> }>(
  host: string,
  send: () => Promise<T>,
  options: PaceOptions = {},
): Promise<T> {
  const s = state(host);
  s.windowMs = options.windowMs ?? DOCUMENTED_WINDOW_MS;
  // A sensible start: one request, then the plan's pace from its answer. Guessing a pace for the
  // requests of runs that start together could overrun a plan below the guess in its first window.
  let first: (() => void) | null = null;
  if (s.limit === null && s.firstAnswer) await s.firstAnswer;
  else if (s.limit === null) s.firstAnswer = new Promise<void>((resolve) => (first = resolve));
  await acquire(s);
  const sending = send().then((res) => {
    learn(s, res);
    return res;
  });
  if (first) sending.then(first, first);
  return sending;
}

function learn(s: HostState, res: { status: number; headers: Record<string, unknown> }): void {
  const now = monotonic();
  const wall = Date.now();
  const limit = numberHeader(res.headers, 'x-ratelimit-limit');
  // 0 is not a pace: it means no API access here, and the caller stops on it.
  if (limit !== null && limit > 0) s.limit = Math.floor(limit);
  const remaining = numberHeader(res.headers, 'x-ratelimit-remaining');
  if (remaining !== null) s.remaining = remaining;
  if (res.headers['x-ratelimit-reset'] !== undefined) s.reset = readReset(res.headers['x-ratelimit-reset'], wall);
  if (res.status !== 429) {
    s.throttledInARow = 0;
    if (s.share < 1) s.share = Math.min(1, s.share + 0.05 / Math.max(1, (s.limit ?? START_LIMIT) - 1));
    return;
  }
  if (limit === 0) return;
  s.throttledInARow++;
  s.share = Math.max(0.5, s.share - 0.1);
  const wait = Math.min(readRetryAfter(res.headers['retry-after'], wall) ?? backoff(s), 5 * s.windowMs);
  s.blockedUntil = Math.max(s.blockedUntil, now + wait);
}
