/**
 * One HTTP exchange with a store, bounded in time and memory (issue 14 point 2):
 * - a total deadline per attempt, not only an idle timeout: a store that trickles a byte every few
 *   seconds never goes idle, so axios's `timeout` alone would wait for it for ever;
 * - a cap on the answer's size: a body that never ends is cut off at the cap, not buffered;
 * - no redirect is followed to another origin (scheme, host or port), so the API key never goes
 *   there; a redirect on a write is never taken for its success (a POST that a 302/303 turns into
 *   a GET would otherwise "succeed" with the GET's answer). Same-origin redirects of a read are
 *   followed, at most three.
 */
import axios, { type AxiosResponse } from 'axios';
import { AppError } from '../errors';

export interface Bounds {
  /** No byte for this long ends the attempt (axios's own timeout). */
  idleTimeoutMs: number;
  /** The whole attempt (connect, headers, body) ends by then, however the bytes trickle. */
  deadlineMs: number;
  /** Answers larger than this are cut off and refused. */
  maxResponseBytes: number;
}

export const DEFAULT_BOUNDS: Bounds = { idleTimeoutMs: 30_000, deadlineMs: 60_000, maxResponseBytes: 64 * 1024 * 1024 };

const MAX_REDIRECTS = 3;

export interface RawAnswer {
  status: number;
  data: string;
  headers: Record<string, unknown>;
}

/** The attempt ran past its total deadline (the answer may still be on its way). */
export class DeadlineExceeded extends Error {
  readonly code = 'DEADLINE';
  constructor(readonly ms: number) {
    super(`no complete answer within ${ms} ms`);
  }
}

export async function boundedRequest(
  req: { method: string; url: string; body?: string; headers: Record<string, string> },
  bounds: Bounds,
): Promise<RawAnswer> {
  const origin = new URL(req.url).origin;
  let url = req.url;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(bounds.deadlineMs)), bounds.deadlineMs);
  try {
    for (let hop = 0; ; hop++) {
      let r: AxiosResponse<string>;
      try {
        r = await axios.request<string>({
          method: req.method,
          url,
          data: req.body,
          headers: req.headers,
          timeout: bounds.idleTimeoutMs,
          signal: controller.signal,
          maxRedirects: 0,
          maxContentLength: bounds.maxResponseBytes,
          maxBodyLength: bounds.maxResponseBytes,
          responseType: 'text',
          validateStatus: () => true,
          transformResponse: (x) => x,
          proxy: false,
        });
      } catch (err) {
        if (controller.signal.aborted) throw new DeadlineExceeded(bounds.deadlineMs);
        if (/maxContentLength/i.test(String((err as Error).message))) throw tooLarge(new URL(url).host, bounds);
        throw err;
      }
      const answer = {
        status: r.status,
        data: String(r.data ?? ''),
        headers: { ...r.headers } as Record<string, unknown>,
      };
      if (r.status < 300 || r.status >= 400 || r.status === 304) return answer;
      const location = String(r.headers.location ?? '');
      const target = location ? new URL(location, url) : null;
      if (!target || target.origin !== origin) throw redirectedAway(new URL(url).host, target);
      if (req.method !== 'GET') throw writeRedirected(req.method, new URL(url).host, target);
      if (hop >= MAX_REDIRECTS) throw redirectedAway(new URL(url).host, target);
      url = target.href;
    }
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(host: string, bounds: Bounds): AppError {
  const mb = Math.round(bounds.maxResponseBytes / (1024 * 1024));
  return Object.assign(
    new AppError('store_error', {
      bg: `Отговорът на ${host} е по-голям от ${mb} MB и е прекъснат. Това не е обичаен отговор на CloudCart: проверете адреса на магазина; ако се повтаря, изпратете дневника на поддръжката на CloudCart.`,
      en: `The answer from ${host} is larger than ${mb} MB and was cut off. That is not a usual CloudCart answer: check the store's address; if it repeats, send the log to CloudCart support.`,
    }),
    { fatal: true },
  );
}

function redirectedAway(host: string, target: URL | null): AppError {
  const where = target ? target.host + target.pathname : '?';
  return new AppError('unavailable', {
    bg: `${host} пренасочва заявките към друг адрес (${where}). Програмата не следва пренасочването и не изпраща ключа натам. Въведете основния домейн на магазина (от CloudCart: Настройки > API ключове).`,
    en: `${host} redirects the requests to another address (${where}). The program does not follow it and does not send the key there. Enter the store's primary domain (from CloudCart: Settings > API Keys).`,
  });
}

function writeRedirected(method: string, host: string, target: URL): AppError {
  return new AppError('unavailable', {
    bg: `${host} отговори на ${method} с пренасочване към ${target.pathname}: записът не е потвърден и не се приема за успешен. Въведете основния домейн на магазина; следващото изпълнение ще провери какво е записано.`,
    en: `${host} answered the ${method} with a redirect to ${target.pathname}: the write is not confirmed and is not taken as done. Enter the store's primary domain; the next run checks what was written.`,
  });
}
