/**
 * The CloudCart JSON-API v2 transport: one request at a time through the host's pacer, retries
 * for 429 / 5xx / timeouts / resets, and clear AppErrors. The API key is only ever put in the
 * request header: no message, log line or onRequest report carries it.
 */
import http from 'node:http';
import https from 'node:https';
import { AppError } from '../errors';
import { pacerFor, sleep } from './pacer';
import type { HostPacer } from './pacer';

export const MEDIA = 'application/vnd.api+json';

export interface RequestInfo {
  method: string;
  /** Path and query under the API base, e.g. `/products?page[size]=1`. */
  path: string;
  /** HTTP status, or 0 when no answer came (timeout, reset, refused). */
  status: number;
  ms: number;
}

export interface TransportOptions {
  domain: string;
  apiKey: string;
  onRequest?: (info: RequestInfo) => void;
  timeoutMs?: number;
  maxRetries?: number;
  /** First backoff step; doubled per attempt, with jitter. */
  retryBaseMs?: number;
}

export interface JsonApiResource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data?: { type: string; id: string } | { type: string; id: string }[] | null }>;
}

export interface JsonApiDocument {
  data: JsonApiResource | JsonApiResource[] | null;
  included?: JsonApiResource[];
  meta?: { page?: Record<string, number | null> };
  errors?: { status?: string; title?: string; detail?: string; source?: { pointer?: string; parameter?: string } }[];
}

export interface SendOptions {
  body?: unknown;
  /** Answer null on 404 instead of failing. */
  allow404?: boolean;
  /**
   * For POST: called after a lost answer (timeout, reset, 5xx, broken body) before sending again.
   * Returns the object if the write did happen, so it is never created twice.
   */
  recover?: () => Promise<JsonApiDocument | null>;
}

/** Raw outcome of one attempt. */
type Attempt =
  { kind: 'answer'; status: number; headers: http.IncomingHttpHeaders; text: string } | { kind: 'lost'; code: string };

const FATAL_NET = new Set(['ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPROTO']);

function isTlsError(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
  );
}

/** `shop.example.bg` -> https://shop.example.bg/api/v2 ; `http://127.0.0.1:5000` -> http://127.0.0.1:5000/api/v2 */
export function apiBase(domain: string): URL {
  const d = domain.trim().replace(/\/+$/, '');
  const withScheme = /^https?:\/\//i.test(d) ? d : `https://${d}`;
  const u = new URL(withScheme);
  return new URL(`${u.protocol}//${u.host}/api/v2/`);
}

export class Transport {
  readonly base: URL;
  private readonly pacer: HostPacer;
  private readonly agent: http.Agent;
  private answered = false;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;

  constructor(private readonly opts: TransportOptions) {
    this.base = apiBase(opts.domain);
    this.pacer = pacerFor(this.base.host);
    this.agent =
      this.base.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.timeoutMs = opts.timeoutMs ?? 45_000;
    this.maxRetries = opts.maxRetries ?? 4;
    this.retryBaseMs = opts.retryBaseMs ?? 500;
  }

  get host(): string {
    return this.base.host;
  }

  get rateLimit(): number | null {
    return this.pacer.limit;
  }

  close(): void {
    this.agent.destroy();
  }

  async get(path: string, opts: Omit<SendOptions, 'body' | 'recover'> = {}): Promise<JsonApiDocument | null> {
    return this.send('GET', path, opts);
  }

  async send(method: string, path: string, opts: SendOptions = {}): Promise<JsonApiDocument | null> {
    let failures = 0;
    let throttled = 0;
    for (;;) {
      await this.pacer.acquire();
      const started = Date.now();
      const a = await this.attempt(method, path, opts.body);
      const status = a.kind === 'answer' ? a.status : 0;
      this.report({ method, path, status, ms: Date.now() - started });

      let lost: string;
      if (a.kind === 'lost') {
        if (FATAL_NET.has(a.code) || isTlsError(a.code)) throw this.unreachable(a.code);
        lost = a.code;
      } else {
        this.pacer.learn(a.headers);
        if (a.status === 429) {
          const limit = Number(a.headers['x-ratelimit-limit']);
          if (a.headers['x-ratelimit-limit'] !== undefined && limit === 0) throw noApiAccess();
          const retry = Number(a.headers['retry-after']);
          this.pacer.pause((Number.isFinite(retry) && retry > 0 ? retry : 60) * 1000);
          if (++throttled > 50) throw busy();
          continue; // Not applied, not a failure: wait and send again.
        }
        if (a.status >= 500) lost = `HTTP ${a.status}`;
        else {
          let doc: JsonApiDocument | null = null;
          if (a.text) {
            try {
              doc = JSON.parse(a.text) as JsonApiDocument;
            } catch {
              doc = null;
            }
          }
          if (a.status >= 200 && a.status < 300) {
            if (a.text && doc === null) lost = 'malformed answer';
            else {
              this.answered = true;
              return doc;
            }
          } else {
            if (a.status === 404 && opts.allow404) {
              // Before any success a 404 may mean "no CloudCart API on this host": one probe tells.
              if (!this.answered) await this.get('/products?page[size]=1');
              return null;
            }
            throw this.httpError(a.status, doc, a.text);
          }
        }
      }

      // The answer was lost: the request may or may not have been applied.
      if (++failures > this.maxRetries) throw unavailableAfter(lost);
      const backoff = this.retryBaseMs * 2 ** (failures - 1) * (0.5 + Math.random());
      await sleep(Math.min(backoff, 15_000));
      if (method === 'POST' && opts.recover) {
        const found = await opts.recover();
        if (found) return found;
      }
    }
  }

  private report(info: RequestInfo): void {
    try {
      this.opts.onRequest?.(info);
    } catch {
      // A faulty listener must not break the request.
    }
  }

  private attempt(method: string, path: string, body: unknown): Promise<Attempt> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise<Attempt>((resolve) => {
      let done = false;
      const finish = (a: Attempt) => {
        if (!done) {
          done = true;
          resolve(a);
        }
      };
      const req = lib.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            'X-CloudCart-ApiKey': this.opts.apiKey,
            Accept: MEDIA,
            ...(payload ? { 'Content-Type': MEDIA, 'Content-Length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            finish({
              kind: 'answer',
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('aborted', () => finish({ kind: 'lost', code: 'ECONNRESET' }));
          res.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'lost', code: e.code ?? 'ECONNRESET' }));
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        finish({ kind: 'lost', code: 'ETIMEDOUT' });
        req.destroy();
      });
      req.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'lost', code: e.code ?? 'ECONNRESET' }));
      req.end(payload);
    });
  }

  private unreachable(code: string): AppError {
    const host = this.base.host;
    if (isTlsError(code))
      return new AppError('unavailable', {
        bg: `Защитената връзка с ${host} не може да се установи (${code}). Проверете адреса на магазина и часовника на компютъра.`,
        en: `A secure connection to ${host} could not be made (${code}). Check the store address and the computer's clock.`,
      });
    return new AppError('unavailable', {
      bg: `Магазинът ${host} не е достъпен (${code}). Проверете адреса на магазина и интернет връзката.`,
      en: `The store ${host} cannot be reached (${code}). Check the store address and the internet connection.`,
    });
  }

  private httpError(status: number, doc: JsonApiDocument | null, text: string): AppError {
    const host = this.base.host;
    const first = doc?.errors?.[0];
    const detail = (first?.detail ?? first?.title ?? '').slice(0, 300);
    if (status === 401)
      return new AppError('unauthorized', {
        bg: 'CloudCart отказа API ключа (401). Проверете ключа в Настройки > API ключове на магазина и дали е активен.',
        en: 'CloudCart refused the API key (401). Check the key under Settings > API Keys in the store and that it is active.',
      });
    if (status === 402)
      return new AppError('forbidden', {
        bg: 'Планът на магазина е изтекъл или е достигнат лимитът на плана (402). Проверете абонамента в CloudCart.',
        en: "The store's plan has expired or its cap is reached (402). Check the CloudCart subscription.",
      });
    if (status === 404 && !this.answered)
      return new AppError('unavailable', {
        bg: `На ${host} няма CloudCart API (404). Проверете адреса: трябва да е основният домейн на магазина.`,
        en: `There is no CloudCart API at ${host} (404). Check the address: it must be the store's primary domain.`,
      });
    if (status === 404)
      return new AppError('not_found', {
        bg: `Записът не е намерен в магазина (404)${detail ? `: ${detail}` : ''}.`,
        en: `The record was not found in the store (404)${detail ? `: ${detail}` : ''}.`,
      });
    if (status === 422) {
      const src = first?.source?.pointer ?? first?.source?.parameter ?? '';
      const field = src.split('/').filter(Boolean).pop() ?? '';
      return new AppError(
        'store_error',
        {
          bg: `CloudCart не прие данните${field ? ` (поле „${field}“)` : ''}: ${detail || 'невалидна стойност'}. Поправете стойността на този артикул; останалите продължават.`,
          en: `CloudCart did not accept the data${field ? ` (field "${field}")` : ''}: ${detail || 'invalid value'}. Fix this item's value; the others continue.`,
        },
        field ? { [field]: detail || 'invalid' } : undefined,
      );
    }
    const what = detail || (text.startsWith('<') ? 'HTML answer' : text.slice(0, 120));
    return new AppError('store_error', {
      bg: `CloudCart отговори с грешка ${status}${what ? `: ${what}` : ''}.`,
      en: `CloudCart answered with error ${status}${what ? `: ${what}` : ''}.`,
    });
  }
}

function noApiAccess(): AppError {
  return new AppError('forbidden', {
    bg: 'CloudCart отказва достъп до API (лимит 0 заявки). Използвайте основния домейн на магазина (не www., *.cloudcart.net или допълнителен домейн) или проверете дали планът включва API.',
    en: "CloudCart refuses API access (limit of 0 requests). Use the store's primary domain (not www., *.cloudcart.net or a secondary domain) or check that the plan includes the API.",
  });
}

function busy(): AppError {
  return new AppError('unavailable', {
    bg: 'CloudCart продължава да отказва заявки заради лимита. Опитайте по-късно.',
    en: 'CloudCart keeps refusing requests because of the rate limit. Try again later.',
  });
}

function unavailableAfter(reason: string): AppError {
  return new AppError('unavailable', {
    bg: `Магазинът не отговаря след няколко опита (${reason}). Опитайте отново по-късно.`,
    en: `The store does not answer after several attempts (${reason}). Try again later.`,
  });
}
