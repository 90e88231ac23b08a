/**
 * CloudCart sandbox: a local HTTP server that answers like CloudCart's JSON-API v2 (see
 * docs/cloudcart-api.md sections 2-8), so the client and the sync can be tested over real HTTP.
 *
 * Choices where the documentation is silent (open questions):
 * - `POST /products` creates NO default variant (Q1). A simple product gets its one variant from
 *   `POST /variants` without option relationships; the client checks `filter[item_id]` first.
 * - Orders carry `price_total` (not `total`, CONFLICT C2); the client copes with both.
 * - Rate limit: a sliding window of `rateLimit` requests per `windowMs`; `X-RateLimit-Reset` is a
 *   Unix timestamp (seconds) of now + window; `Retry-After` is seconds, fractional when the window
 *   is short (e.g. `0.4`). `rateLimit: 0` imitates a wrong host or a plan without API access.
 *
 * Everything under `/__sandbox/` is test-only administration, not part of CloudCart.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { INCLUDES, SORTS, related, serialize } from './jsonapi';
import type { Resource } from './jsonapi';
import { RESOURCE_TYPES, SandboxState, sqlDate } from './state';
import type { PlaceOrderInput, ResourceType, Row } from './state';

export { SandboxState } from './state';
export type { PlaceOrderInput, PlaceOrderLine, Row } from './state';

const MEDIA = 'application/vnd.api+json';

export interface SandboxFaults {
  /** Delay before each API answer. */
  latencyMs: number;
  /** Share (0..1) of API requests answered 500 without being applied. */
  failRate: number;
  /** The next N API requests answered 500 without being applied (deterministic). */
  failNext: number;
  /** The next N writes are applied, then the socket is destroyed without an answer. */
  dropAfterWrite: number;
  /** The next N API answers are truncated mid-body. */
  malformed: number;
}

export interface SandboxOptions {
  port?: number;
  apiKey?: string;
  rateLimit?: number;
  windowMs?: number;
}

export interface Sandbox {
  url: string;
  apiKey: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
  placeOrder(input: PlaceOrderInput): { id: string };
  setFaults(faults: Partial<SandboxFaults>): void;
  snapshot(): ReturnType<SandboxState['snapshot']>;
  /** API requests answered so far (all of /api/v2, including 401 and 429). */
  requestCount(): number;
  /** API requests by `METHOD /api/v2/resource[/:id]`. */
  requests(): Record<string, number>;
  /** Sets the budget at run time (e.g. 0 to imitate a wrong host). */
  setRateLimit(limit: number, windowMs?: number): void;
  /** Answers only for these host names (404 "store not found" for others); null = any. */
  setHosts(names: string[] | null): void;
  reset(): void;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly pointer?: string,
    readonly parameter?: string,
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthenticated',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

const invalid = (detail: string, pointer: string) => new HttpError(422, TITLES[422], detail, pointer);
const notFound = (detail = 'Record not found.') => new HttpError(404, TITLES[404], detail);

function errorBody(e: HttpError): unknown {
  const err: Record<string, unknown> = { status: String(e.status), title: e.title, detail: e.detail };
  if (e.pointer) err.source = { pointer: e.pointer };
  else if (e.parameter) err.source = { parameter: e.parameter };
  return { errors: [err] };
}

const YES_NO = ['yes', 'no'];
const ORDER_STATUSES = [
  'authorized',
  'pending',
  'paid',
  'completed',
  'voided',
  'timeouted',
  'cancelled',
  'failed',
  'refunded',
  'chargebacked',
  'disputed',
];

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Doc = {
  data?: {
    type?: string;
    id?: string;
    attributes?: Record<string, unknown>;
    relationships?: Record<string, { data?: { type?: string; id?: string } | { type?: string; id?: string }[] | null }>;
  };
};

function relId(doc: Doc, name: string): number | null | undefined {
  const rel = doc.data?.relationships?.[name];
  if (rel === undefined) return undefined;
  const d = rel.data;
  if (d == null || Array.isArray(d)) return null;
  const n = Number(d.id);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = opts.apiKey ?? 'SANDBOX' + 'A'.repeat(57);
  let rateLimit = opts.rateLimit ?? 100;
  let windowMs = opts.windowMs ?? 60_000;
  /** Host names (without port) the sandbox answers for; null = any. Others get 404, as on CloudCart. */
  let hosts: string[] | null = null;
  const state = new SandboxState();
  const faults: SandboxFaults = { latencyMs: 0, failRate: 0, failNext: 0, dropAfterWrite: 0, malformed: 0 };
  const requestLog = new Map<string, number>();
  let hits: number[] = [];

  // ------------------------------------------------------------------ reading
  function list(type: ResourceType, q: URLSearchParams): Answer {
    let rows = [...state.tables[type].values()];
    const single = new Set<string>();
    if (type === 'variant-parameters' || type === 'variant-options') single.add('name');
    if (type === 'products' || type === 'categories') single.add('url_handle');
    let singleMode = false;
    for (const [key, value] of q) {
      const m = /^filter\[(.+)\]$/.exec(key);
      if (!m) continue;
      const col = m[1];
      if (type === 'products' && (col === 'sku' || col === 'barcode')) {
        const ids = new Set(
          [...state.tables.variants.values()].filter((v) => v.id && v[col] === value).map((v) => v.item_id),
        );
        rows = rows.filter((r) => ids.has(r.id));
        continue;
      }
      if (single.has(col)) singleMode = true;
      rows = rows.filter((r) => r[col] != null && String(r[col]) === value);
    }
    const includes = parseIncludes(type, q);
    if (singleMode) {
      if (!rows.length) throw notFound();
      return { status: 200, body: document(type, rows[0], includes) };
    }
    const sort = q.get('sort');
    if (sort) {
      const desc = sort.startsWith('-');
      const col = desc ? sort.slice(1) : sort;
      if (!(SORTS[type] ?? ['id']).includes(col))
        throw new HttpError(422, TITLES[422], `Sort by "${col}" is not allowed.`, undefined, 'sort');
      rows.sort((a, b) => {
        const x = a[col] as number | string;
        const y = b[col] as number | string;
        const c = x < y ? -1 : x > y ? 1 : a.id - b.id;
        return desc ? -c : c;
      });
    } else rows.sort((a, b) => a.id - b.id);
    const size = q.has('page[size]') ? Number(q.get('page[size]')) : 20;
    if (!Number.isInteger(size) || size < 1 || size > 100)
      throw new HttpError(422, TITLES[422], 'page[size] must be between 1 and 100.', undefined, 'page[size]');
    const number = q.has('page[number]') ? Number(q.get('page[number]')) : 1;
    if (!Number.isInteger(number) || number < 1)
      throw new HttpError(422, TITLES[422], 'page[number] must be 1 or more.', undefined, 'page[number]');
    const total = rows.length;
    const page = rows.slice((number - 1) * size, number * size);
    const data = page.map((r) => serialize(state, type, r));
    const included = collectIncluded(type, page, includes);
    return {
      status: 200,
      body: {
        data,
        ...(includes.length ? { included } : {}),
        meta: {
          page: {
            'current-page': number,
            'per-page': size,
            from: page.length ? (number - 1) * size + 1 : null,
            to: page.length ? (number - 1) * size + page.length : null,
            total,
            'last-page': Math.max(1, Math.ceil(total / size)),
          },
        },
        jsonapi: { version: '1.0' },
      },
    };
  }

  function parseIncludes(type: ResourceType, q: URLSearchParams): string[] {
    const raw = q.get('include');
    if (!raw) return [];
    const paths = raw.split(',').map((s) => s.trim());
    for (const p of paths)
      if (!(INCLUDES[type] ?? []).includes(p))
        throw new HttpError(
          type === 'orders' ? 400 : 422,
          TITLES[type === 'orders' ? 400 : 422],
          `Include "${p}" is not allowed.`,
          undefined,
          'include',
        );
    return paths;
  }

  function collectIncluded(type: ResourceType, rows: Row[], includes: string[]): Resource[] {
    const seen = new Set<string>();
    const out: Resource[] = [];
    for (const r of rows)
      for (const p of includes)
        for (const res of related(state, type, r, p)) {
          const k = `${res.type}/${res.id}`;
          if (!seen.has(k)) {
            seen.add(k);
            out.push(res);
          }
        }
    return out;
  }

  function document(type: ResourceType, row: Row, includes: string[]): unknown {
    return {
      data: serialize(state, type, row),
      ...(includes.length ? { included: collectIncluded(type, [row], includes) } : {}),
      jsonapi: { version: '1.0' },
    };
  }

  // ------------------------------------------------------------------ writing
  function requireRow(type: ResourceType, id: number | null | undefined, pointer: string, what: string): Row {
    const row = id == null ? undefined : state.get(type, id);
    if (!row) throw invalid(`The selected ${what} is invalid.`, pointer);
    return row;
  }

  function checkYesNo(a: Record<string, unknown>, keys: string[]): void {
    for (const k of keys)
      if (a[k] !== undefined && !YES_NO.includes(String(a[k])))
        throw invalid(`The ${k} field must be yes or no.`, `/data/attributes/${k}`);
  }

  function checkInt(a: Record<string, unknown>, keys: string[]): void {
    for (const k of keys)
      if (a[k] !== undefined && a[k] !== null && !Number.isInteger(a[k]))
        throw invalid(`The ${k} field must be an integer.`, `/data/attributes/${k}`);
  }

  function productParams(doc: Doc, current?: Row): (number | null)[] {
    const ids: (number | null)[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = relId(doc, `parameter${i}`);
      const id = r === undefined ? ((current?.[`p${i}_id`] as number | null) ?? null) : r;
      if (id != null) requireRow('variant-parameters', id, `/data/relationships/parameter${i}`, 'parameter');
      ids.push(id);
    }
    if ((ids[1] != null && ids[0] == null) || (ids[2] != null && ids[1] == null))
      throw invalid('Parameters must fill the slots in order.', '/data/relationships/parameter2');
    const set = ids.filter((x) => x != null);
    if (new Set(set).size !== set.length)
      throw invalid('The same parameter cannot take two slots.', '/data/relationships/parameter2');
    return ids;
  }

  function create(type: ResourceType, doc: Doc): Answer {
    const a = { ...(doc.data?.attributes ?? {}) };
    const now = sqlDate();
    let row: Row;
    switch (type) {
      case 'products': {
        const name = typeof a.name === 'string' ? a.name.trim() : '';
        if (name.length < 2) throw invalid('The name must be at least 2 characters.', '/data/attributes/name');
        checkYesNo(a, ['active', 'draft', 'new', 'sale', 'tracking', 'continue_selling', 'shipping', 'digital']);
        const categoryId = relId(doc, 'category');
        if (categoryId == null) throw invalid('The category field is required.', '/data/relationships/category');
        requireRow('categories', categoryId, '/data/relationships/category', 'category');
        const [p1, p2, p3] = productParams(doc);
        delete a.id;
        row = state.addProduct({
          ...a,
          name,
          featured: a.featured ? 1 : 0,
          category_id: categoryId,
          p1_id: p1,
          p2_id: p2,
          p3_id: p3,
          date_added: now,
          date_modified: now,
        });
        break;
      }
      case 'variants': {
        const product = requireRow('products', relId(doc, 'product'), '/data/relationships/product', 'product');
        checkInt(a, ['price', 'weight', 'delivery_price']);
        const params = [product.p1_id, product.p2_id, product.p3_id].filter((x) => x != null) as number[];
        const opts: (number | null)[] = [1, 2, 3].map((i) => relId(doc, `option${i}`) ?? null);
        const given = opts.filter((x) => x != null).length;
        if (given !== params.length)
          throw invalid(
            `You are trying to save variant with ${given} options, but your product requires ${params.length}`,
            '/data/relationships/option1',
          );
        params.forEach((pid, i) => {
          const o = requireRow('variant-options', opts[i], `/data/relationships/option${i + 1}`, 'option');
          if (o.parameter_id !== pid)
            throw invalid(
              `Variant option '${String(o.name)}' does not belongs to variant parameter '${state.parameterName(pid)}'`,
              `/data/relationships/option${i + 1}`,
            );
        });
        const siblings = state.variantsOf(product.id);
        if (siblings.length >= 500)
          throw invalid('A product can have at most 500 variants.', '/data/relationships/product');
        if (siblings.some((v) => v.v1_id === opts[0] && v.v2_id === opts[1] && v.v3_id === opts[2]))
          throw invalid(
            params.length
              ? 'A variant with these options already exists.'
              : 'The product already has its default variant.',
            '/data/relationships/product',
          );
        checkSkuUnique(a.sku, null);
        row = state.addVariant({
          sku: a.sku ?? null,
          barcode: a.barcode ?? null,
          price: a.price ?? 0,
          quantity: Number(a.quantity ?? 0),
          weight: a.weight ?? null,
          delivery_price: a.delivery_price ?? 0,
          minimum: a.minimum ?? 1,
          item_id: product.id,
          v1_id: opts[0],
          v2_id: opts[1],
          v3_id: opts[2],
        });
        product.date_modified = now;
        break;
      }
      case 'variant-parameters': {
        const name = typeof a.name === 'string' ? a.name.trim() : '';
        if (name.length < 3 || name.length > 191)
          throw invalid('The name must be between 3 and 191 characters.', '/data/attributes/name');
        if ([...state.tables['variant-parameters'].values()].some((p) => p.name === name))
          throw invalid('The name has already been taken.', '/data/attributes/name');
        const displays = ['select', 'radio', 'image', 'color', '2d', 'numeric_alpha'];
        if (!displays.includes(String(a.display_type)))
          throw invalid('The display type field is required.', '/data/attributes/display_type');
        row = state.insert('variant-parameters', {
          name,
          display_type: a.display_type,
          sort: a.sort ?? 0,
          visible: a.visible ?? 1,
          in_listing: a.in_listing ?? 0,
          show_label: a.show_label ?? 1,
        });
        break;
      }
      case 'variant-options': {
        const name = typeof a.name === 'string' ? a.name.trim() : '';
        if (!name) throw invalid('The name field is required.', '/data/attributes/name');
        const param = requireRow(
          'variant-parameters',
          relId(doc, 'parameter'),
          '/data/relationships/parameter',
          'parameter',
        );
        if (
          [...state.tables['variant-options'].values()].some(
            (o) => o.parameter_id === param.id && String(o.name).toLowerCase() === name.toLowerCase(),
          )
        )
          throw invalid('The name has already been taken.', '/data/attributes/name');
        row = state.insert('variant-options', { name, parameter_id: param.id, sort: a.sort ?? 0, visible: 1 });
        break;
      }
      case 'categories': {
        const name = typeof a.name === 'string' ? a.name.trim() : '';
        if (name.length < 2) throw invalid('The name must be at least 2 characters.', '/data/attributes/name');
        const parent = relId(doc, 'parent');
        if (parent != null) requireRow('categories', parent, '/data/relationships/parent', 'parent');
        row = state.addCategory(name, parent ?? null);
        break;
      }
      default:
        throw new HttpError(405, TITLES[405], `POST is not allowed on ${type}.`);
    }
    return {
      status: 201,
      body: document(type, row, []),
      headers: { Location: `/api/v2/${type}/${row.id}` },
    };
  }

  function checkSkuUnique(sku: unknown, selfId: number | null): void {
    if (sku == null || sku === '') return;
    if ([...state.tables.variants.values()].some((v) => v.sku === sku && v.id !== selfId))
      throw invalid('The sku has already been taken.', '/data/attributes/sku');
  }

  function update(type: ResourceType, id: number, doc: Doc): Answer {
    const row = state.get(type, id);
    if (!row) throw notFound();
    if (doc.data?.id !== undefined && String(doc.data.id) !== String(id))
      throw new HttpError(409, 'Conflict', 'The id in the body does not match the URL.');
    const a = { ...(doc.data?.attributes ?? {}) };
    delete a.id;
    const now = sqlDate();
    switch (type) {
      case 'products': {
        if (a.name !== undefined && (typeof a.name !== 'string' || a.name.trim().length < 2))
          throw invalid('The name must be at least 2 characters.', '/data/attributes/name');
        checkYesNo(a, ['active', 'draft', 'new', 'sale', 'tracking', 'continue_selling', 'shipping', 'digital']);
        const cat = relId(doc, 'category');
        if (cat !== undefined)
          row.category_id = requireRow('categories', cat, '/data/relationships/category', 'category').id;
        const params = productParams(doc, row);
        if (params.some((p, i) => p !== row[`p${i + 1}_id`])) {
          // Changing a parameter deletes all of the product's variants (documented CloudCart behaviour).
          for (const v of state.variantsOf(row.id)) state.tables.variants.delete(v.id);
          params.forEach((p, i) => (row[`p${i + 1}_id`] = p));
        }
        for (const k of ['item_id', 'category_id', 'p1_id', 'p2_id', 'p3_id', 'date_added']) delete a[k];
        Object.assign(row, a, { date_modified: now });
        break;
      }
      case 'variants': {
        checkInt(a, ['price', 'weight', 'delivery_price']);
        if (a.quantity !== undefined) a.quantity = Number(a.quantity);
        if (a.sku !== undefined) checkSkuUnique(a.sku, row.id);
        for (const k of ['item_id', 'v1_id', 'v2_id', 'v3_id']) delete a[k];
        Object.assign(row, a);
        const product = state.get('products', Number(row.item_id));
        if (product) product.date_modified = now;
        break;
      }
      case 'orders': {
        for (const k of Object.keys(a))
          if (!['status', 'usn', 'invoice_number', 'note_administrator', 'notify_customer'].includes(k))
            throw invalid(`The ${k} field cannot be changed.`, `/data/attributes/${k}`);
        for (const k of ['usn', 'invoice_number'] as const) {
          if (a[k] === undefined) continue;
          if (row[k] != null && row[k] !== '') throw invalid(`The ${k} can be set only once.`, `/data/attributes/${k}`);
          if ([...state.tables.orders.values()].some((o) => o.id !== row.id && o[k] === a[k]))
            throw invalid(`The ${k} has already been taken.`, `/data/attributes/${k}`);
          if (k === 'invoice_number' && row.invoice_date == null) row.invoice_date = now;
        }
        if (a.status !== undefined && !ORDER_STATUSES.includes(String(a.status)))
          throw invalid('The selected status is invalid.', '/data/attributes/status');
        Object.assign(row, a, { updated_at: now });
        break;
      }
      case 'categories':
      case 'variant-parameters':
      case 'variant-options':
        if (a.name !== undefined && (typeof a.name !== 'string' || a.name.trim().length < 2))
          throw invalid('The name must be at least 2 characters.', '/data/attributes/name');
        Object.assign(row, a);
        break;
      default:
        throw new HttpError(405, TITLES[405], `PATCH is not allowed on ${type}.`);
    }
    return { status: 200, body: document(type, row, []) };
  }

  function remove(type: ResourceType, id: number): Answer {
    if (type === 'orders' || type.startsWith('order-'))
      throw new HttpError(405, TITLES[405], `DELETE is not allowed on ${type}.`);
    if (!state.get(type, id)) throw notFound();
    if (type === 'products') for (const v of state.variantsOf(id)) state.tables.variants.delete(v.id);
    state.tables[type].delete(id);
    return { status: 204 };
  }

  // ------------------------------------------------------------------ the API
  async function api(req: http.IncomingMessage, url: URL, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const m = /^\/api\/v2\/([a-z-]+)(?:\/(\d+))?\/?$/.exec(url.pathname);
    const routeKey = `${method} ${m ? `/api/v2/${m[1]}${m[2] ? '/:id' : ''}` : url.pathname}`;
    requestLog.set(routeKey, (requestLog.get(routeKey) ?? 0) + 1);
    const body = await readBody(req);

    // Rate limit (sliding window), on every API answer.
    const now = Date.now();
    hits = hits.filter((t) => t > now - windowMs);
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(rateLimit),
      'X-RateLimit-Reset': String(Math.ceil((now + windowMs) / 1000)),
    };
    const send = (a: Answer, opts: { drop?: boolean } = {}) => {
      if (opts.drop) {
        req.socket.destroy();
        return;
      }
      let text = a.body === undefined ? '' : JSON.stringify(a.body);
      if (faults.malformed > 0 && text) {
        faults.malformed--;
        text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      }
      res.writeHead(a.status, {
        ...headers,
        ...(text ? { 'Content-Type': MEDIA } : {}),
        'Content-Length': String(Buffer.byteLength(text)),
        ...(a.headers ?? {}),
      });
      res.end(text);
    };
    const fail = (e: HttpError) => send({ status: e.status, body: errorBody(e) });

    const hostName = String(req.headers.host ?? '').replace(/:\d+$/, '');
    if (req.headers['x-cloudcart-apikey'] && hosts && !hosts.includes(hostName)) {
      headers['X-RateLimit-Remaining'] = String(Math.max(0, rateLimit - hits.length));
      return fail(new HttpError(404, TITLES[404], 'Store not found.'));
    }
    if (!req.headers['x-cloudcart-apikey']) {
      headers['X-RateLimit-Remaining'] = String(Math.max(0, rateLimit - hits.length));
      return fail(new HttpError(401, TITLES[401], 'The API key is missing.'));
    }
    if (req.headers['x-cloudcart-apikey'] !== apiKey) {
      headers['X-RateLimit-Remaining'] = String(Math.max(0, rateLimit - hits.length));
      return fail(new HttpError(401, TITLES[401], 'The API key is not valid or not active.'));
    }
    if (hits.length >= rateLimit) {
      const retry = rateLimit <= 0 ? windowMs / 1000 : Math.max(0.1, (hits[0] + windowMs - now) / 1000);
      headers['X-RateLimit-Remaining'] = '0';
      return send({
        status: 429,
        headers: { 'Retry-After': windowMs >= 10_000 ? String(Math.ceil(retry)) : retry.toFixed(1) },
        body:
          rateLimit <= 0
            ? { error: 'Too Many Requests', message: 'API access is not available for this store.', retry_after: 60 }
            : {
                error: 'Too Many Requests',
                message: 'API rate limit exceeded. Please wait and retry later, or upgrade your plan.',
                retry_after: Math.ceil(retry),
              },
      });
    }
    hits.push(now);
    headers['X-RateLimit-Remaining'] = String(Math.max(0, rateLimit - hits.length));

    const accept = req.headers.accept;
    if (accept && !/application\/vnd\.api\+json|\*\/\*|application\/\*/.test(accept))
      return fail(new HttpError(406, TITLES[406], 'The Accept header must allow application/vnd.api+json.'));
    const write = method === 'POST' || method === 'PATCH' || method === 'PUT';
    if (write && !String(req.headers['content-type'] ?? '').startsWith(MEDIA))
      return fail(new HttpError(415, TITLES[415], 'The Content-Type must be application/vnd.api+json.'));

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.failNext > 0 || (faults.failRate > 0 && Math.random() < faults.failRate)) {
      if (faults.failNext > 0) faults.failNext--;
      return fail(new HttpError(500, TITLES[500], 'Sandbox fault: server error.'));
    }

    let answer: Answer;
    try {
      if (!m || !(RESOURCE_TYPES as string[]).includes(m[1])) throw notFound('Unknown resource.');
      const type = m[1] as ResourceType;
      const id = m[2] ? Number(m[2]) : null;
      let doc: Doc = {};
      if (write) {
        try {
          doc = body ? (JSON.parse(body) as Doc) : {};
        } catch {
          throw new HttpError(400, TITLES[400], 'Malformed JSON.');
        }
        if (!doc.data || typeof doc.data !== 'object')
          throw new HttpError(400, TITLES[400], 'The document must have a data object.');
        if (doc.data.type !== type) throw new HttpError(409, 'Conflict', `The type must be "${type}".`);
      }
      if (method === 'GET' && id == null) answer = list(type, url.searchParams);
      else if (method === 'GET') {
        const row = state.get(type, id!);
        if (!row) throw notFound();
        answer = { status: 200, body: document(type, row, parseIncludes(type, url.searchParams)) };
      } else if (method === 'POST' && id == null) {
        if (type === 'orders' || type.startsWith('order-'))
          throw new HttpError(405, TITLES[405], `POST is not allowed on ${type}.`);
        answer = create(type, doc);
      } else if (method === 'PATCH' && id != null) answer = update(type, id, doc);
      else if (method === 'DELETE' && id != null) answer = remove(type, id);
      else throw new HttpError(405, TITLES[405], `${method} is not allowed here.`);
    } catch (e) {
      if (e instanceof HttpError) return fail(e);
      throw e;
    }
    if (method !== 'GET' && answer.status < 300 && faults.dropAfterWrite > 0) {
      faults.dropAfterWrite--;
      return send(answer, { drop: true });
    }
    send(answer);
  }

  // ------------------------------------------------------------------ admin (test-only)
  function placeOrder(input: PlaceOrderInput): { id: string } {
    return { id: String(state.placeOrder(input).id) };
  }
  function setFaults(f: Partial<SandboxFaults>): void {
    Object.assign(faults, f);
  }
  function reset(): void {
    state.reset();
    requestLog.clear();
    hits = [];
    Object.assign(faults, { latencyMs: 0, failRate: 0, failNext: 0, dropAfterWrite: 0, malformed: 0 });
  }
  const requests = () => Object.fromEntries(requestLog);
  const requestCount = () => [...requestLog.values()].reduce((a, b) => a + b, 0);

  async function admin(req: http.IncomingMessage, url: URL, res: http.ServerResponse): Promise<void> {
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return json(400, { error: 'Malformed JSON.' });
    }
    const route = `${req.method} ${url.pathname}`;
    try {
      switch (route) {
        case 'POST /__sandbox/orders':
          return json(201, placeOrder(body as unknown as PlaceOrderInput));
        case 'GET /__sandbox/state':
          return json(200, state.snapshot());
        case 'GET /__sandbox/requests':
          return json(200, { total: requestCount(), byRoute: requests() });
        case 'POST /__sandbox/faults':
          setFaults(body as Partial<SandboxFaults>);
          return json(200, faults);
        case 'POST /__sandbox/reset':
          reset();
          return json(200, { ok: true });
        default:
          return json(404, { error: 'Unknown sandbox endpoint.' });
      }
    } catch (e) {
      return json(400, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handler = url.pathname.startsWith('/__sandbox/') ? admin : url.pathname.startsWith('/api/v2/') ? api : null;
    if (!handler) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return;
    }
    handler(req, url, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      const text = JSON.stringify({
        errors: [{ status: '500', title: TITLES[500], detail: e instanceof Error ? e.message : String(e) }],
      });
      res.writeHead(500, { 'Content-Type': MEDIA });
      res.end(text);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    placeOrder,
    setFaults,
    snapshot: () => state.snapshot(),
    requestCount,
    requests,
    setRateLimit(limit: number, ms?: number) {
      rateLimit = limit;
      if (ms !== undefined) windowMs = ms;
    },
    setHosts(names: string[] | null) {
      hosts = names;
    },
    reset,
  };
}
