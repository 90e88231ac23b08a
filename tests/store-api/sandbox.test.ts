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
});
