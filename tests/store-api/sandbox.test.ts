import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../electron/store-sandbox/sandbox';
import type { Sandbox } from '../../electron/store-sandbox/sandbox';

const MEDIA = 'application/vnd.api+json';

describe('CloudCart sandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ rateLimit: 1000 });
  });
  afterAll(() => sb.close());

  const call = (method: string, path: string, body?: unknown, key = sb.apiKey) =>
    fetch(sb.url + '/api/v2' + path, {
      method,
      headers: { 'X-CloudCart-ApiKey': key, Accept: MEDIA, ...(body ? { 'Content-Type': MEDIA } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('answers 401 without the right key, with rate-limit headers', async () => {
    const r = await call('GET', '/products', undefined, 'WRONG');
    expect(r.status).toBe(401);
    expect(r.headers.get('x-ratelimit-limit')).toBe('1000');
    const body = (await r.json()) as { errors: { status: string }[] };
    expect(body.errors[0].status).toBe('401');
  });

  it('refuses a write with the wrong content type (415) and orders POST (405)', async () => {
    const r = await fetch(sb.url + '/api/v2/categories', {
      method: 'POST',
      headers: { 'X-CloudCart-ApiKey': sb.apiKey, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(415);
    const o = await call('POST', '/orders', { data: { type: 'orders', attributes: {} } });
    expect(o.status).toBe(405);
  });

  it('creates a category and a product without a default variant; filter[name] on parameters is single-record', async () => {
    const c = await call('POST', '/categories', { data: { type: 'categories', attributes: { name: 'Дрехи' } } });
    expect(c.status).toBe(201);
    const cat = ((await c.json()) as { data: { id: string } }).data;
    const p = await call('POST', '/products', {
      data: {
        type: 'products',
        attributes: { name: 'Риза' },
        relationships: { category: { data: { type: 'categories', id: cat.id } } },
      },
    });
    expect(p.status).toBe(201);
    const prod = ((await p.json()) as { data: { id: string } }).data;
    const v = (await (await call('GET', `/variants?filter[item_id]=${prod.id}`)).json()) as { data: unknown[] };
    expect(v.data).toHaveLength(0);
    expect((await call('GET', '/variant-parameters?filter[name]=Няма')).status).toBe(404);
    const bad = await call('POST', '/products', {
      data: {
        type: 'products',
        attributes: { name: 'x' },
        relationships: { category: { data: { type: 'categories', id: cat.id } } },
      },
    });
    expect(bad.status).toBe(422);
    const err = (await bad.json()) as { errors: { source: { pointer: string } }[] };
    expect(err.errors[0].source.pointer).toBe('/data/attributes/name');
  });

  it('answers 406 for a bad Accept, filters products by variant SKU and includes variants', async () => {
    const r = await fetch(sb.url + '/api/v2/products', {
      headers: { 'X-CloudCart-ApiKey': sb.apiKey, Accept: 'text/html' },
    });
    expect(r.status).toBe(406);
    const cat = sb.state.addCategory('Кат');
    const p = sb.state.addProduct({ name: 'Лампа', category_id: cat.id });
    sb.state.addVariant({ item_id: p.id, sku: 'LAMP-1', barcode: '123', price: 500, quantity: 1 });
    const doc = (await (await call('GET', '/products?filter[sku]=LAMP-1&include=variants')).json()) as {
      data: { id: string }[];
      included: { type: string; attributes: { sku: string } }[];
      meta: { page: Record<string, number> };
    };
    expect(doc.data.map((d) => d.id)).toEqual([String(p.id)]);
    expect(doc.included[0]).toMatchObject({ type: 'variants', attributes: { sku: 'LAMP-1' } });
    expect(doc.meta.page).toMatchObject({ 'current-page': 1, total: 1, 'last-page': 1 });
    expect((await call('GET', '/products?page[size]=101')).status).toBe(422);
    expect((await call('GET', '/orders?sort=name')).status).toBe(422);
  });

  it('has test-only admin endpoints over HTTP', async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(sb.url + '/__sandbox/' + path, { method, body: body ? JSON.stringify(body) : undefined }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
      );
    const cat = sb.state.addCategory('Кат2');
    const p = sb.state.addProduct({ name: 'Кана', category_id: cat.id });
    const v = sb.state.addVariant({ item_id: p.id, sku: 'JUG', price: 700, quantity: 4 });
    const placed = await admin('POST', 'orders', {
      email: 'a@b.bg',
      firstName: 'А',
      lastName: 'Б',
      lines: [{ variantId: v.id, quantity: 3 }],
    });
    expect(placed.status).toBe(201);
    expect(sb.state.get('variants', v.id)!.quantity).toBe(1);
    const bad = await admin('POST', 'orders', {
      email: 'a@b.bg',
      firstName: 'А',
      lastName: 'Б',
      lines: [{ sku: 'NONE', quantity: 1 }],
    });
    expect(bad.status).toBe(400);
    const st = await admin('GET', 'state');
    expect((st.body.counts as Record<string, number>).orders).toBeGreaterThan(0);
    const o = await call('PATCH', `/orders/${String(placed.body.id)}`, {
      data: { type: 'orders', id: String(placed.body.id), attributes: { status: 'paid' } },
    });
    expect(o.status).toBe(200);
    expect((await call('DELETE', `/orders/${String(placed.body.id)}`)).status).toBe(405);
    const reqs = await admin('GET', 'requests');
    expect((reqs.body.byRoute as Record<string, number>)['PATCH /api/v2/orders/:id']).toBe(1);
    await admin('POST', 'faults', { malformed: 1 });
    const broken = await call('GET', '/products');
    await expect(broken.json()).rejects.toThrow();
    await admin('POST', 'reset');
    expect(sb.snapshot().counts.products).toBe(0);
    expect(sb.requestCount()).toBe(0);
  });

  it('answers 429 with a fractional Retry-After when the window is short', async () => {
    const small = await startSandbox({ rateLimit: 2, windowMs: 500 });
    const get = () => fetch(small.url + '/api/v2/products', { headers: { 'X-CloudCart-ApiKey': small.apiKey } });
    expect((await get()).status).toBe(200);
    const second = await get();
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
    const third = await get();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(0.5);
    await small.close();
  });
});
