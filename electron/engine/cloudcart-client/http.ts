/**
 * One JSON:API request to a CloudCart store: auth header, media types, pacing, retries and clear
 * errors. GET and PATCH are retried on 5xx, timeouts and dropped connections (with backoff and
 * jitter, a bounded number of times); a 429 waits (pacer.ts) and is retried without counting as a
 * failure, up to MAX_THROTTLED_IN_A_ROW in a row, and a limit of 0 stops at once (throttle.ts);
 * POST is never retried here: the caller checks whether the object exists first. Each attempt is
 * bounded (`bounded-request.ts`): a total deadline, a size cap, no redirect to another origin.
 */
import { AppError } from '../errors';
import { boundedRequest, DeadlineExceeded, DEFAULT_BOUNDS, type Bounds } from './bounded-request';
import { paced, planLimit } from './pacer';
import { MAX_THROTTLED_IN_A_ROW, noApiAccess, throttleKind, tooManyThrottles } from './throttle';

export interface RequestInfo {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export interface HttpOptions {
  domain: string;
  apiKey: string;
  onRequest?: (info: RequestInfo) => void;
  /** Idle timeout of one attempt (no byte for this long). */
  timeoutMs?: number;
  /** Total deadline of one attempt, however slowly the bytes come (default 60 s). */
  deadlineMs?: number;
  /** The largest answer accepted (default 64 MB). */
  maxResponseBytes?: number;
  maxRetries?: number;
  /** 429s in a row before the request fails (default MAX_THROTTLED_IN_A_ROW; a connection test: 1). */
  maxThrottled?: number;
  /** The store's rate window: 60 s on CloudCart; only the sandbox's tests and the bench shorten it. */
  rateWindowMs?: number;
}

export interface SendOptions {
  /** Statuses answered at once instead of retried (paging asks a 504 page again, smaller). */
  failFastOn?: number[];
}

export class LostAnswerError extends Error {
  constructor(readonly method: string) {
    super(`the store did not answer the ${method}`);
  }
}

const MEDIA = 'application/vnd.api+json';

/** "shop.bg" -> https://shop.bg/api/v2; "http://127.0.0.1:8080" (the sandbox) is kept as given. */
export function apiBase(domain: string): string {
  const d = domain.trim().replace(/\/+$/, '');
  return /^https?:\/\//.test(d) ? `${d}/api/v2` : `https://${d}/api/v2`;
}

export class CloudCartHttp {
  readonly base: string;
  private readonly host: string;
  private requestsSent = 0;

  private readonly bounds: Bounds;

  constructor(private readonly o: HttpOptions) {
    this.bounds = {
      idleTimeoutMs: o.timeoutMs ?? DEFAULT_BOUNDS.idleTimeoutMs,
      deadlineMs: o.deadlineMs ?? DEFAULT_BOUNDS.deadlineMs,
      maxResponseBytes: o.maxResponseBytes ?? DEFAULT_BOUNDS.maxResponseBytes,
    };
    this.base = apiBase(o.domain);
    this.host = new URL(this.base).host;
  }

  get hostName(): string {
    return this.host;
  }

  async send<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    opts: SendOptions = {},
  ): Promise<{ status: number; data: T; headers: Record<string, unknown> }> {
    const maxRetries = this.o.maxRetries ?? 4;
    let deadlines = 0;
    let throttled = 0;
    for (let attempt = 0; ; attempt++) {
      let res: { status: number; data: string; headers: Record<string, unknown> };
      const started = Date.now();
      try {
        res = await paced(
          this.host,
          () =>
            boundedRequest(
              {
                method,
                url: this.base + path,
                body: body === undefined ? undefined : JSON.stringify(body),
                headers: {
                  'X-CloudCart-ApiKey': this.o.apiKey,
                  Accept: MEDIA,
                  ...(body === undefined ? {} : { 'Content-Type': MEDIA }),
                },
              },
              this.bounds,
            ),
          { windowMs: this.o.rateWindowMs },
        );
      } catch (err) {
        this.report(method, path, 0, started);
        if (err instanceof AppError) throw err; // a redirect away, an answer over the size cap
        if (err instanceof DeadlineExceeded) {
          // A store that trickles its answer: the write may be done (look before sending again); a
          // read is tried once more, then the run hears a clear reason instead of waiting on.
          if (method === 'POST') throw new LostAnswerError(method);
          if (deadlines++ < 1 && attempt < maxRetries) {
            await backoff(attempt);
            continue;
          }
          throw tooSlow(this.host, err.ms);
        }
        const code = (err as { code?: string }).code ?? '';
        const lost =
          ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ERR_BAD_RESPONSE', 'ECONNREFUSED'].includes(code) ||
          /socket hang up/i.test(String(err));
        if (['ENOTFOUND', 'EAI_AGAIN'].includes(code) || (code === 'ECONNREFUSED' && this.requestsSent === 0))
          throw unreachable(this.host);
        if (/certificate|SSL|TLS/i.test(String(err))) throw tlsError(this.host);
        if (method === 'POST' && lost) throw new LostAnswerError(method);
        if (lost && attempt < maxRetries) {
          await backoff(attempt);
          continue;
        }
        throw unreachable(this.host);
      }
      this.requestsSent++;
      this.report(method, path, res.status, started);
      if (res.status === 429) {
        const kind = throttleKind(res);
        if (kind === 'no-access') throw noApiAccess(this.host, res);
        if (++throttled >= (this.o.maxThrottled ?? MAX_THROTTLED_IN_A_ROW))
          throw tooManyThrottles(this.host, kind, throttled, planLimit(this.host));
        attempt--; // the pacer waits Retry-After (or backs off): a 429 is not one of the retries
        continue;
      }
      if (res.status >= 500) {
        if (method === 'POST') throw new LostAnswerError(method);
        if (attempt < maxRetries && !opts.failFastOn?.includes(res.status)) {
          await backoff(attempt);
          continue;
        }
        throw Object.assign(
          new AppError('unavailable', {
            bg: `Магазинът отговаря с грешка ${res.status}. Опитайте по-късно.`,
            en: `The store answers with error ${res.status}. Try again later.`,
          }),
          { status: res.status },
        );
      }
      let data: T;
      try {
        data = (res.data === '' || res.status === 204 ? null : JSON.parse(res.data)) as T;
      } catch {
        if (method !== 'POST' && attempt < maxRetries) {
          await backoff(attempt);
          continue;
        }
        throw new AppError('store_error', {
          bg: 'Магазинът върна повреден отговор. Ще бъде опитано отново при следващото изпълнение.',
          en: 'The store returned a damaged answer. It will be tried again on the next run.',
        });
      }
      if (res.status === 401)
        throw new AppError('unauthorized', {
          bg: 'Грешен API ключ: магазинът отказва достъп. Проверете ключа в CloudCart: Настройки > API ключове.',
          en: 'Wrong API key: the store refuses access. Check the key in CloudCart: Settings > API Keys.',
        });
      if (res.status === 404 && this.requestsSent === 1 && !path.includes('filter[')) throw unknownStore(this.host);
      if (res.status >= 400) throw clientError(res.status, data, method, path);
      return { status: res.status, data, headers: res.headers as Record<string, unknown> };
    }
  }

  private report(method: string, path: string, status: number, started: number) {
    this.o.onRequest?.({ method, path: path.split('?')[0], status, ms: Date.now() - started });
  }
}

async function backoff(attempt: number) {
  const ms = Math.min(8000, 200 * 2 ** attempt) * (0.5 + Math.random());
  await new Promise((r) => setTimeout(r, ms));
}

function unreachable(host: string) {
  return new AppError('unavailable', {
    bg: `Няма връзка с магазина ${host}. Проверете интернет връзката и API идентификатора.`,
    en: `Cannot reach the store ${host}. Check the internet connection and the API identifier.`,
  });
}
function tooSlow(host: string, ms: number) {
  return new AppError('unavailable', {
    bg: `Магазинът ${host} не довърши отговора си за ${Math.round(ms / 1000)} s (праща данните твърде бавно). Опитайте по-късно; ако се повтаря, проверете адреса и връзката.`,
    en: `The store ${host} did not finish its answer within ${Math.round(ms / 1000)} s (it sends the data too slowly). Try again later; if it repeats, check the address and the connection.`,
  });
}
function tlsError(host: string) {
  return new AppError('unavailable', {
    bg: `Защитената връзка с ${host} не може да бъде проверена (TLS). Проверете часовника на компютъра и адреса.`,
    en: `The secure connection to ${host} cannot be verified (TLS). Check the computer's clock and the address.`,
  });
}
function unknownStore(host: string) {
  return new AppError('unavailable', {
    bg: `На адрес ${host} няма CloudCart API. Въведете основния домейн на магазина.`,
    en: `There is no CloudCart API at ${host}. Enter the store's primary domain.`,
  });
}
function clientError(status: number, data: unknown, method: string, path: string) {
  const first = (data as { errors?: { detail?: string; title?: string; source?: { pointer?: string } }[] })
    ?.errors?.[0];
  const field = first?.source?.pointer?.split('/').pop();
  const detail = first?.detail ?? first?.title ?? `HTTP ${status}`;
  const what = `${method} ${path.split('?')[0]}`;
  const err = new AppError('store_error', {
    bg: `Магазинът отказа ${what}${field ? ` (поле „${field}“)` : ''}: ${detail}`,
    en: `The store refused ${what}${field ? ` (field "${field}")` : ''}: ${detail}`,
  });
  return Object.assign(err, { status, field: field ?? null, detail });
}
