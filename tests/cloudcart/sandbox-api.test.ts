/** The sandbox against the shapes of cloudcart-api.md: headers, envelopes, paging, filters, rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';

let s: Sandbox;
// JSON:API documents are checked field by field below; their type is whatever the server sent.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (r: Response | Promise<Response>): Promise<Json> => (await r).json();
const MEDIA = 'application/vnd.api+json';
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/v2${path}`, {
    method,
    headers: { 'X-CloudCart-ApiKey': s.apiKey, Accept: MEDIA, ...(body ? { 'Content-Type': MEDIA } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });

beforeAll(async () => {
  s = await startSandbox();
});
afterAll(async () => s.close());

describe('CloudCart sandbox', () => {
  it('checks the key, the media types and answers JSON:API error objects', async () => {
    const noKey = await fetch(`${s.url}/api/v2/products`);
    expect(noKey.status).toBe(401);
    expect((await json(noKey)).errors[0].status).toBe('401');
    expect((await call('POST', '/categories', undefined, { 'Content-Type': 'application/json' })).status).toBe(415);
    expect((await call('GET', '/products', undefined, { Accept: 'text/html' })).status).toBe(406);
    expect((await call('GET', '/products')).headers.get('x-ratelimit-limit')).toBe('100');
  });

  it('creates a product with parameters and variants, and refuses what CloudCart refuses', async () => {
    const cat = await json(
      call('POST', '/categories', { data: { type: 'categories', attributes: { name: 'Тениски' } } }),
    );
    const size = await json(
      call('POST', '/variant-parameters', {
        data: { type: 'variant-parameters', attributes: { name: 'Size', display_type: 'select' } },
      }),
    );
    const m = await json(
      call('POST', '/variant-options', {
        data: {
          type: 'variant-options',
          attributes: { name: 'M' },
          relationships: { parameter: { data: { type: 'variant-parameters', id: size.data.id } } },
        },
      }),
    );
    const short = await call('POST', '/products', {
      data: {
        type: 'products',
        attributes: { name: 'T' },
        relationships: { category: { data: { type: 'categories', id: cat.data.id } } },
      },
    });
    expect(short.status).toBe(422);
    expect((await json(short)).errors[0].source.pointer).toBe('/data/attributes/name');
    const product = await json(
      call('POST', '/products', {
        data: {
          type: 'products',
          attributes: { name: 'Cotton T-Shirt' },
          relationships: {
            category: { data: { type: 'categories', id: cat.data.id } },
            parameter1: { data: { type: 'variant-parameters', id: size.data.id } },
          },
        },
      }),
    );
    expect(product.data.attributes.p1).toBe('Size');
    const noOption = await call('POST', '/variants', {
      data: {
        type: 'variants',
        attributes: { sku: 'X' },
        relationships: { product: { data: { type: 'products', id: product.data.id } } },
      },
    });
    expect((await json(noOption)).errors[0].detail).toMatch(/save variant with 0 options, but your product requires 1/);
    const variant = await call('POST', '/variants', {
      data: {
        type: 'variants',
        attributes: { sku: 'TSHIRT-M', barcode: '5012345678900', price: 2499, quantity: 25, weight: 220 },
        relationships: {
          product: { data: { type: 'products', id: product.data.id } },
          option1: { data: { type: 'variant-options', id: m.data.id } },
        },
      },
    });
    expect(variant.status).toBe(201);
    expect((await json(variant)).data.attributes).toMatchObject({
      item_id: Number(product.data.id),
      v1: 'M',
      price: 2499,
    });
    const dupSku = await call('POST', '/variants', {
      data: {
        type: 'variants',
        attributes: { sku: 'TSHIRT-M' },
        relationships: {
          product: { data: { type: 'products', id: product.data.id } },
          option1: { data: { type: 'variant-options', id: m.data.id } },
        },
      },
    });
    expect(dupSku.status).toBe(422);
    // filter[sku] on products returns the parent product; filter[name] on parameters is single-record.
    const parent = await json(call('GET', '/products?filter[sku]=TSHIRT-M&include=variants'));
    expect(parent.data.map((p: { id: string }) => p.id)).toEqual([product.data.id]);
    expect(parent.included[0].attributes.sku).toBe('TSHIRT-M');
    expect((await json(call('GET', '/variant-parameters?filter[name]=Size'))).data.id).toBe(size.data.id);
    // Changing a product's parameters deletes its variants.
    await call('PATCH', `/products/${product.data.id}`, {
      data: { type: 'products', id: product.data.id, relationships: { parameter1: { data: null } } },
    });
    expect((await json(call('GET', `/variants?filter[item_id]=${product.data.id}`))).data).toEqual([]);
  });

  it('pages with meta.page and sorts', async () => {
    for (let i = 0; i < 25; i++)
      await call('POST', '/categories', { data: { type: 'categories', attributes: { name: `Категория ${i}` } } });
    const page2 = await json(call('GET', '/categories?page[size]=10&page[number]=2&sort=-id'));
    expect(page2.meta.page).toMatchObject({ 'current-page': 2, 'per-page': 10, 'last-page': 3, total: 26 });
    expect(Number(page2.data[0].id)).toBeGreaterThan(Number(page2.data[9].id));
  });

  it('keeps orders read-only but for usn (once) and status', async () => {
    expect((await call('POST', '/orders', { data: { type: 'orders', attributes: {} } })).status).toBe(405);
    const p = s.model.insert('products', { name: 'Чаша' });
    s.model.insert(
      'variants',
      { item_id: p.id, sku: 'MUG-1', barcode: '1', price: 2499, quantity: 4 },
      { product: ['products', p.id] },
    );
    const order = s.placeOrder({ email: 'a@b.bg', lines: [{ sku: 'MUG-1', quantity: 1 }] }).id;
    expect((await call('DELETE', `/orders/${order}`)).status).toBe(405);
    const got = await json(call('GET', `/orders/${order}?include=products`));
    expect(got.data.attributes).toMatchObject({ status: 'pending', total: 2499, usn: null });
    expect(got.included[0]).toMatchObject({
      type: 'order-products',
      attributes: { sku: 'MUG-1', quantity: 1, price: 2499 },
    });
    const usn = { data: { type: 'orders', id: String(order), attributes: { usn: '17' } } };
    expect((await call('PATCH', `/orders/${order}`, usn)).status).toBe(200);
    expect((await call('PATCH', `/orders/${order}`, usn)).status).toBe(422);
  });

  it('throttles above the budget with 429 and Retry-After (limit - 1 pass: platform-rate-limits.md)', async () => {
    const tight = await startSandbox({ rateLimit: 3, windowMs: 60_000 });
    try {
      const get = () => fetch(`${tight.url}/api/v2/products`, { headers: { 'X-CloudCart-ApiKey': tight.apiKey } });
      await get();
      await get();
      const third = await get();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await tight.close();
    }
  });
});
