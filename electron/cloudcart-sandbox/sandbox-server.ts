/**
 * The CloudCart sandbox: an HTTP server we own that speaks the subset of JSON-API v2 the sync uses
 * (cloudcart-api.md), so the engine, the demo and the tests run against real HTTP. Beside the API,
 * a clearly separate test-only admin surface under /__sandbox/ seeds, places orders and injects
 * faults; it is not part of CloudCart.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BEHAVIOUR, type SandboxBehaviour } from './sandbox-behaviour';
import { SandboxModel, TYPES, type OrderChange, type ResourceType } from './sandbox-model';
import { SandboxQuery } from './sandbox-query';
import { SandboxRateLimit, type RateLimitOptions } from './sandbox-rate-limit';
import { create, Invalid, update, VARIANTS_NOT_IN_PLAN } from './sandbox-writes';

export interface Faults {
  latencyMs?: number;
  /** Share (0..1) of API requests answered with a 503. */
  failRate?: number;
  /** The next N writes are applied, then the connection is dropped without an answer. */
  dropAfterWrite?: number;
  /** The next N answers are cut off mid-JSON. */
  malformed?: number;
  /**
   * Answer these routes (as in `requests.byRoute`: "DELETE /api/v2/products/{id}") with an error
   * status instead of doing them, `times` times each (default: always): a step made to fail.
   */
  failRoutes?: { route: string; status: number; times?: number }[];
}

/** The rate limit's options (`rateLimit`, `windowMs`, `limiter`, ...) are in sandbox-rate-limit.ts. */
export interface SandboxOptions extends Partial<SandboxBehaviour>, RateLimitOptions {
  port?: number;
  apiKey?: string;
  /** Keep the store in this JSON file (loaded at start, written after changes) instead of memory only. */
  stateFile?: string;
}

export interface Sandbox {
  url: string;
  port: number;
  apiKey: string;
  model: SandboxModel;
  faults: Faults;
  /** The switches in force (see sandbox-behaviour.ts); tests may flip them while it runs. */
  behaviour: SandboxBehaviour;
  limiter: SandboxRateLimit;
  requests: { total: number; byRoute: Record<string, number>; throttled: number };
  placeOrder: (input: Parameters<SandboxModel['placeOrder']>[0]) => ReturnType<SandboxModel['placeOrder']>;
  /** The merchant places an admin draft: it keeps its number and takes its stock now. */
  placeDraft: (orderId: number) => ReturnType<SandboxModel['placeDraft']>;
  /** The store changes an order (status, fulfilment, lines) as its admin would: see sandbox-orders.ts. */
  changeOrder: (orderId: number, change: OrderChange) => ReturnType<SandboxModel['changeOrder']>;
  close(): Promise<void>;
}

const MEDIA = 'application/vnd.api+json';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = options.apiKey ?? `sandbox_${randomBytes(12).toString('hex')}`;
  const model =
    options.stateFile && existsSync(options.stateFile)
      ? SandboxModel.fromJSON(JSON.parse(readFileSync(options.stateFile, 'utf8')))
      : new SandboxModel();
  let saveTimer: NodeJS.Timeout | null = null;
  const save = () => {
    if (!options.stateFile) return;
    mkdirSync(dirname(options.stateFile), { recursive: true });
    writeFileSync(options.stateFile, JSON.stringify(model.toJSON()));
  };
  const scheduleSave = () => {
    if (!options.stateFile || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      save();
    }, 300);
  };
  const behaviour: SandboxBehaviour = { ...DEFAULT_BEHAVIOUR };
  for (const k of Object.keys(DEFAULT_BEHAVIOUR) as (keyof SandboxBehaviour)[])
    if (options[k] !== undefined) Object.assign(behaviour, { [k]: options[k] });
  const query = new SandboxQuery(model, behaviour);
  const serialize = query.serialize.bind(query);
  const included = query.included.bind(query);
  const list = query.list.bind(query);
  const faults: Faults = {};
  const tooHeavy = (url: URL) =>
    behaviour.timeoutAbovePageSize !== null &&
    Boolean(url.searchParams.get('include')) &&
    Number(url.searchParams.get('page[size]') ?? 20) > behaviour.timeoutAbovePageSize;
  const requests = { total: 0, byRoute: {} as Record<string, number>, throttled: 0 };
  const limiter = new SandboxRateLimit(options);

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) =>
      send(res, 500, { errors: [{ status: '500', title: 'Server Error', detail: String(err) }] }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req);
    if (req.method !== 'GET') res.on('finish', scheduleSave);
    if (url.pathname.startsWith('/__sandbox/')) {
      try {
        return admin(url, req.method ?? 'GET', body, res);
      } catch (err) {
        // A test's own mistake (an unknown variant, a malformed date): say so, not a 500.
        return send(res, 400, { error: err instanceof Error ? err.message : String(err) }, 'application/json');
      }
    }
    if (!url.pathname.startsWith('/api/v2/')) return send(res, 404, error(404, 'Not Found'));

    const route = `${req.method} ${url.pathname.replace(/\/\d+/g, '/{id}')}`;
    requests.total++;
    requests.byRoute[route] = (requests.byRoute[route] ?? 0) + 1;
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));

    // Rate limit first: the platform enforces it at its edge, before the application.
    const verdict = limiter.admit(req.headers.host);
    for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
    if (verdict.refusal) {
      requests.throttled++;
      res.writeHead(429, { 'content-type': verdict.refusal.contentType });
      return res.end(verdict.refusal.body);
    }

    if (req.headers['x-cloudcart-apikey'] !== apiKey) return send(res, 401, error(401, 'Unauthenticated.'));
    const accept = req.headers.accept;
    if (accept && !accept.includes(MEDIA) && !accept.includes('*/*'))
      return send(res, 406, error(406, 'Not Acceptable'));
    const isWrite = req.method === 'POST' || req.method === 'PATCH';
    if (isWrite && !String(req.headers['content-type'] ?? '').startsWith(MEDIA))
      return send(res, 415, error(415, 'Unsupported Media Type'));
    if (faults.failRate && Math.random() < faults.failRate) return send(res, 503, error(503, 'Service Unavailable'));
    const forced = faults.failRoutes?.find((f) => f.route === route && (f.times === undefined || f.times > 0));
    if (forced) {
      if (forced.times !== undefined) forced.times--;
      return send(res, forced.status, error(forced.status, 'Injected failure'));
    }

    const [, , , type, idText, action] = url.pathname.split('/') as [string, string, string, string, string?, string?];
    if (!(TYPES as readonly string[]).includes(type) || action) return send(res, 404, error(404, 'Not Found'));
    const t = type as ResourceType;
    const table = model.table(t);
    try {
      if (!behaviour.variantsInPlan && (t === 'variant-parameters' || t === 'variant-options'))
        throw new Invalid(402, VARIANTS_NOT_IN_PLAN);
      let status = 200;
      let payload: unknown;
      if (req.method === 'GET' && !idText) {
        if (tooHeavy(url)) {
          res.writeHead(504, { 'content-type': 'text/html' });
          return res.end('<html><body><h1>504 Gateway Time-out</h1></body></html>');
        }
        payload = list(t, url);
      } else if (req.method === 'GET') {
        const row = table.get(Number(idText));
        if (!row || !query.visible(t, row)) return send(res, 404, error(404, 'Not Found'));
        payload = { data: serialize(t, row), ...included(row, url) };
      } else if (req.method === 'POST' && !idText) {
        if (t === 'orders') throw new Invalid(405, 'Orders cannot be created through the API.');
        const doc = parseDoc(body);
        const row = create(model, t, doc.attributes ?? {}, doc.relationships, behaviour);
        status = 201;
        payload = { data: serialize(t, row) };
      } else if (req.method === 'PATCH' && idText) {
        const row = table.get(Number(idText));
        if (!row) return send(res, 404, error(404, 'Not Found'));
        const doc = parseDoc(body);
        update(model, t, row, doc.attributes ?? {}, doc.relationships, behaviour);
        payload = { data: serialize(t, row) };
      } else if (req.method === 'DELETE' && idText) {
        if (t === 'orders' || t === 'order-products') throw new Invalid(405, 'Method Not Allowed');
        if (!table.delete(Number(idText))) return send(res, 404, error(404, 'Not Found'));
        // A deleted product takes its variants with it: both answer 404 afterwards.
        if (t === 'products') for (const v of model.variantsOf(Number(idText))) model.table('variants').delete(v.id);
        res.writeHead(204);
        return res.end();
      } else throw new Invalid(405, 'Method Not Allowed');

      if (isWrite && faults.dropAfterWrite) {
        faults.dropAfterWrite--;
        req.socket.destroy();
        return;
      }
      return send(res, status, payload);
    } catch (err) {
      if (err instanceof Invalid) {
        return send(res, err.status, {
          errors: [
            {
              status: String(err.status),
              title: TITLES[err.status] ?? 'Error',
              detail: err.detail,
              ...(err.pointer ? { source: { pointer: err.pointer } } : {}),
              ...(err.parameter ? { source: { parameter: err.parameter } } : {}),
            },
          ],
        });
      }
      throw err;
    }
  }

  function admin(url: URL, method: string, body: string, res: ServerResponse) {
    const json = body ? JSON.parse(body) : {};
    const route = `${method} ${url.pathname}`;
    if (route === 'POST /__sandbox/orders')
      return send(res, 201, { id: String(model.placeOrder(json, behaviour).id) }, 'application/json');
    const placing = /^POST \/__sandbox\/orders\/(\d+)\/place$/.exec(route);
    if (placing)
      return send(
        res,
        200,
        { id: String(model.placeDraft(Number(placing[1]), behaviour.timeZone).id) },
        'application/json',
      );
    const changing = /^PATCH \/__sandbox\/orders\/(\d+)$/.exec(route);
    if (changing) {
      const order = model.changeOrder(Number(changing[1]), json as OrderChange, behaviour.timeZone);
      return send(res, 200, { id: String(order.id), ...order.attributes }, 'application/json');
    }
    if (route === 'GET /__sandbox/state') return send(res, 200, model.snapshot(), 'application/json');
    if (route === 'GET /__sandbox/requests') return send(res, 200, requests, 'application/json');
    if (route === 'GET /__sandbox/behaviour') return send(res, 200, behaviour, 'application/json');
    if (route === 'GET /__sandbox/rate-limit')
      return send(res, 200, { ...limiter.settings, peakInWindow: limiter.peakInWindow }, 'application/json');
    if (route === 'POST /__sandbox/rate-limit') return send(res, 200, limiter.configure(json), 'application/json');
    if (route === 'POST /__sandbox/faults') {
      for (const k of Object.keys(faults)) delete faults[k as keyof Faults];
      Object.assign(faults, json);
      return send(res, 200, faults, 'application/json');
    }
    return send(res, 404, { error: 'unknown sandbox admin route' }, 'application/json');
  }

  function send(res: ServerResponse, status: number, payload: unknown, type = MEDIA) {
    let text = JSON.stringify(payload);
    if (faults.malformed && type === MEDIA) {
      faults.malformed--;
      text = text.slice(0, Math.floor(text.length / 2));
    }
    res.writeHead(status, { 'content-type': type });
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    apiKey,
    model,
    faults,
    behaviour,
    limiter,
    requests,
    placeOrder: (input) => {
      const order = model.placeOrder(input, behaviour);
      scheduleSave();
      return order;
    },
    placeDraft: (orderId) => {
      const order = model.placeDraft(orderId, behaviour.timeZone);
      scheduleSave();
      return order;
    },
    changeOrder: (orderId, change) => {
      const order = model.changeOrder(orderId, change, behaviour.timeZone);
      scheduleSave();
      return order;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (saveTimer) clearTimeout(saveTimer);
        save();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TITLES: Record<number, string> = {
  402: 'Payment Required',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
};

function error(status: number, title: string) {
  return { errors: [{ status: String(status), title }] };
}

function parseDoc(body: string): {
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data: { type: string; id: string } | null }>;
} {
  try {
    const doc = JSON.parse(body);
    if (!doc || typeof doc.data !== 'object') throw new Error();
    return doc.data;
  } catch {
    throw new Invalid(400, 'The request body is not a JSON:API document.');
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
