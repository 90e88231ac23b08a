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
import { SandboxModel, TYPES, type ResourceType, type Row } from './sandbox-model';
import { create, Invalid, update } from './sandbox-writes';
import { SandboxRateLimit, type RateLimitOptions } from './sandbox-rate-limit';

export interface Faults {
  latencyMs?: number;
  /** Share (0..1) of API requests answered with a 503. */
  failRate?: number;
  /** The next N writes are applied, then the connection is dropped without an answer. */
  dropAfterWrite?: number;
  /** The next N answers are cut off mid-JSON. */
  malformed?: number;
}

/** The rate limit's options (`rateLimit`, `windowMs`, `limiter`, ...) are in sandbox-rate-limit.ts. */
export interface SandboxOptions extends RateLimitOptions {
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
  limiter: SandboxRateLimit;
  requests: { total: number; byRoute: Record<string, number>; throttled: number };
  placeOrder: SandboxModel['placeOrder'];
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
  const faults: Faults = {};
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
    if (url.pathname.startsWith('/__sandbox/')) return admin(url, req.method ?? 'GET', body, res);
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

    const [, , , type, idText, action] = url.pathname.split('/') as [string, string, string, string, string?, string?];
    if (!(TYPES as readonly string[]).includes(type) || action) return send(res, 404, error(404, 'Not Found'));
    const t = type as ResourceType;
    const table = model.table(t);
    try {
      let status = 200;
      let payload: unknown;
      if (req.method === 'GET' && !idText) payload = list(t, url);
      else if (req.method === 'GET') {
        const row = table.get(Number(idText));
        if (!row) return send(res, 404, error(404, 'Not Found'));
        payload = { data: serialize(t, row), ...included(row, url) };
      } else if (req.method === 'POST' && !idText) {
        if (t === 'orders') throw new Invalid(405, 'Orders cannot be created through the API.');
        const doc = parseDoc(body);
        const row = create(model, t, doc.attributes ?? {}, doc.relationships);
        status = 201;
        payload = { data: serialize(t, row) };
      } else if (req.method === 'PATCH' && idText) {
        const row = table.get(Number(idText));
        if (!row) return send(res, 404, error(404, 'Not Found'));
        const doc = parseDoc(body);
        update(model, t, row, doc.attributes ?? {}, doc.relationships);
        payload = { data: serialize(t, row) };
      } else if (req.method === 'DELETE' && idText) {
        if (t === 'orders' || t === 'order-products') throw new Invalid(405, 'Method Not Allowed');
        if (!table.delete(Number(idText))) return send(res, 404, error(404, 'Not Found'));
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
              title: err.status === 422 ? 'Unprocessable Entity' : 'Error',
              detail: err.detail,
              ...(err.pointer ? { source: { pointer: err.pointer } } : {}),
            },
          ],
        });
      }
      throw err;
    }
  }

  function list(t: ResourceType, url: URL) {
    let rows = [...model.table(t).values()];
    for (const [key, value] of url.searchParams) {
      const m = /^filter\[(.+)\]$/.exec(key);
      if (!m) continue;
      const field = m[1];
      if (t === 'products' && (field === 'sku' || field === 'barcode')) {
        const ids = new Set(
          [...model.table('variants').values()]
            .filter((v) => String(v.attributes[field]) === value)
            .map((v) => v.attributes.item_id),
        );
        rows = rows.filter((r) => ids.has(r.id));
      } else if (field === 'id') rows = rows.filter((r) => String(r.id) === value);
      else rows = rows.filter((r) => String(r.attributes[field] ?? '') === value);
      // filter[name] on parameters returns a single record (cloudcart-api.md §7.3).
      if (t === 'variant-parameters' && field === 'name') {
        if (rows.length === 0) throw new Invalid(404, 'Not Found');
        return { data: serialize(t, rows[0]) };
      }
    }
    const sort = url.searchParams.get('sort') ?? 'id';
    const desc = sort.startsWith('-');
    const field = sort.replace(/^-/, '');
    rows.sort((a, b) => {
      const x = field === 'id' ? a.id : (a.attributes[field] as string | number);
      const y = field === 'id' ? b.id : (b.attributes[field] as string | number);
      return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
    });
    const size = Math.min(100, Math.max(1, Number(url.searchParams.get('page[size]') ?? 20)));
    const number = Math.max(1, Number(url.searchParams.get('page[number]') ?? 1));
    const page = rows.slice((number - 1) * size, number * size);
    const lastPage = Math.max(1, Math.ceil(rows.length / size));
    const inc = page.map((r) => included(r, url).included ?? []).flat();
    return {
      data: page.map((r) => serialize(t, r)),
      ...(url.searchParams.get('include') ? { included: inc } : {}),
      meta: {
        page: {
          'current-page': number,
          'per-page': size,
          from: page.length ? (number - 1) * size + 1 : null,
          to: page.length ? (number - 1) * size + page.length : null,
          total: rows.length,
          'last-page': lastPage,
        },
      },
    };
  }

  function included(row: Row, url: URL): { included?: unknown[] } {
    const include = (url.searchParams.get('include') ?? '').split(',').filter(Boolean);
    if (!include.length) return {};
    const out: unknown[] = [];
    for (const name of include) {
      if (name === 'variants') for (const v of model.variantsOf(row.id)) out.push(serialize('variants', v));
      const r = row.rel[name];
      const refs =
        Array.isArray(r) && Array.isArray(r[0]) ? (r as [string, number][]) : r ? [r as [string, number]] : [];
      for (const [type, id] of refs) {
        const target = model.table(type as ResourceType)?.get(id);
        if (target) out.push(serialize(type as ResourceType, target));
      }
    }
    return { included: out };
  }

  function serialize(t: ResourceType, row: Row) {
    const relationships: Record<string, unknown> = {};
    for (const [name, r] of Object.entries(row.rel)) {
      if (r === null) relationships[name] = { data: null };
      else if (Array.isArray(r[0]))
        relationships[name] = { data: (r as [string, number][]).map(([type, id]) => ({ type, id: String(id) })) };
      else relationships[name] = { data: { type: r[0], id: String(r[1]) } };
    }
    if (t === 'products')
      relationships.variants = { data: model.variantsOf(row.id).map((v) => ({ type: 'variants', id: String(v.id) })) };
    return { type: t, id: String(row.id), attributes: row.attributes, relationships };
  }

  function admin(url: URL, method: string, body: string, res: ServerResponse) {
    const json = body ? JSON.parse(body) : {};
    const route = `${method} ${url.pathname}`;
    if (route === 'POST /__sandbox/orders')
      return send(res, 201, { id: String(model.placeOrder(json).id) }, 'application/json');
    if (route === 'GET /__sandbox/state') return send(res, 200, model.snapshot(), 'application/json');
    if (route === 'GET /__sandbox/requests') return send(res, 200, requests, 'application/json');
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
    limiter,
    requests,
    placeOrder: (input) => {
      const order = model.placeOrder(input);
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
