import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { AppError } from '../../electron/engine/errors';
import { CloudCartStore } from '../../electron/engine/store-api/cloudcart-store';
import type { RequestInfo } from '../../electron/engine/store-api/cloudcart-store';
import type { NewStoreProduct, NewStoreVariant } from '../../electron/engine/sync/ports';
import { startSandbox } from '../../electron/store-sandbox/sandbox';
import type { Sandbox } from '../../electron/store-sandbox/sandbox';

const newProduct = (over: Partial<NewStoreProduct> = {}): NewStoreProduct => ({
  name: 'Тениска памук',
  description: '100% памук',
  categoryId: '1',
  active: true,
  featured: false,
  isNew: false,
  tracking: true,
  continueSelling: false,
  parameters: [],
  ...over,
});

const newVariant = (over: Partial<NewStoreVariant> = {}): NewStoreVariant => ({
  sku: 'SKU-1',
  barcode: '3800000000011',
  price: 1999,
  quantity: 5,
  weightGrams: 220,
  options: [],
  ...over,
});

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a failure');
}

function keyFree(err: AppError, key: string): void {
  for (const text of [err.message, err.text.bg, err.text.en, JSON.stringify(err), String(err.stack)])
    expect(text).not.toContain(key);
}

describe('CloudCartStore against the sandbox', () => {
  let sb: Sandbox;
  let store: CloudCartStore;
  let log: RequestInfo[];

  const make = (over: Partial<ConstructorParameters<typeof CloudCartStore>[0]> = {}) =>
    new CloudCartStore({
      domain: sb.url,
      apiKey: sb.apiKey,
      onRequest: (i) => log.push(i),
      retryBaseMs: 20,
      ...over,
    });

  beforeEach(async () => {
    // A fresh port per test keeps the per-host pacer of one test from slowing the next.
    sb = await startSandbox({ rateLimit: 10_000 });
    log = [];
    store = make();
  });
  afterEach(async () => {
    store.close();
    await sb.close();
  });

  it('testConnection reports ok and the rate limit', async () => {
    const r = await store.testConnection();
    expect(r).toMatchObject({ ok: true, rateLimit: 10_000, storeName: null });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: 'GET', status: 200 });
  });

  it('reads a catalog of 1,000+ products over pages, with variants and category names', async () => {
    const cat = sb.state.addCategory('Обувки');
    for (let i = 1; i <= 1005; i++) {
      const p = sb.state.addProduct({ name: `Продукт ${i}`, category_id: cat.id, active: i % 2 ? 'yes' : 'no' });
      sb.state.addVariant({ item_id: p.id, sku: `S${i}`, barcode: `B${i}`, price: i * 10, quantity: '3.500' });
    }
    const products = await store.catalog();
    expect(products).toHaveLength(1005);
    expect(new Set(products.map((p) => p.id)).size).toBe(1005);
    const p7 = products.find((p) => p.name === 'Продукт 7')!;
    expect(p7).toMatchObject({ active: true, categoryName: 'Обувки', parameters: [] });
    expect(p7.variants).toEqual([
      { id: expect.any(String), productId: p7.id, sku: 'S7', barcode: 'B7', price: 70, quantity: 3.5, options: [] },
    ]);
    expect(products.find((p) => p.name === 'Продукт 8')!.active).toBe(false);
    // 1 categories page + 11 product pages of 100.
    expect(log.filter((l) => l.path.startsWith('/products'))).toHaveLength(11);
    expect(log.every((l) => l.path.includes('page[size]=100'))).toBe(true);
  });

  it('creates a product with parameters Размер/Цвят and variants with the right labels', async () => {
    const categoryId = await store.ensureCategory('Дрехи', null);
    expect(await store.ensureCategory('Дрехи', null)).toBe(categoryId);
    const child = await store.ensureCategory('Тениски', categoryId);
    expect(child).not.toBe(categoryId);
    const params = ['Размер', 'Цвят'];
    const { productId } = await store.createProduct(newProduct({ categoryId: child, parameters: params }));
    const combos = [
      ['M', 'Червен'],
      ['L', 'Червен'],
      ['M', 'Син'],
    ];
    for (const [i, options] of combos.entries())
      await store.createVariant(productId, params, newVariant({ sku: `TS-${i}`, barcode: `380${i}`, options }));
    const reqsBefore = sb.requestCount();
    // Options and parameters are cached: a second product with known values costs no look-ups.
    const second = await store.createProduct(
      newProduct({ name: 'Друга тениска', categoryId: child, parameters: params }),
    );
    await store.createVariant(
      second.productId,
      params,
      newVariant({ sku: 'TS-X', barcode: '', options: ['l', 'Син'] }),
    );
    expect(sb.requestCount() - reqsBefore).toBe(2);

    const catalog = await store.catalog();
    const p = catalog.find((x) => x.id === productId)!;
    expect(p.parameters).toEqual(params);
    expect(p.categoryName).toBe('Тениски');
    expect(p.variants.map((v) => v.options)).toEqual(combos);
    expect(p.variants.map((v) => v.sku)).toEqual(['TS-0', 'TS-1', 'TS-2']);
    const q = catalog.find((x) => x.id === second.productId)!;
    expect(q.variants[0].options).toEqual(['L', 'Син']);
    const snap = sb.snapshot();
    expect(snap.counts['variant-parameters']).toBe(2);
    expect(snap.counts['variant-options']).toBe(4);
  });

  it('fills a simple product: POSTs the first variant, PATCHes the existing default one', async () => {
    const categoryId = await store.ensureCategory('Разни', null);
    const { productId } = await store.createProduct(newProduct({ categoryId }));
    const a = await store.createVariant(productId, [], newVariant());
    const b = await store.createVariant(productId, [], newVariant({ price: 2500, quantity: 1.25 }));
    expect(b.variantId).toBe(a.variantId);
    const vs = sb.snapshot().variants.filter((v) => String(v.item_id) === productId);
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({ price: 2500, quantity: 1.25, weight: 220, sku: 'SKU-1' });
  });

  it('updates only the given attributes and toggles active', async () => {
    const cat = sb.state.addCategory('Х');
    const p = sb.state.addProduct({ name: 'Стол', category_id: cat.id });
    const v = sb.state.addVariant({ item_id: p.id, sku: 'A', price: 100, quantity: 2 });
    await store.updateVariant(String(v.id), { quantity: 7 });
    expect(sb.state.get('variants', v.id)).toMatchObject({ price: 100, quantity: 7 });
    await store.updateVariant(String(v.id), { price: 150 });
    expect(sb.state.get('variants', v.id)).toMatchObject({ price: 150, quantity: 7 });
    await store.setProductActive(String(p.id), false);
    expect(sb.state.get('products', p.id)!.active).toBe('no');
    await store.setProductActive(String(p.id), true);
    expect(sb.state.get('products', p.id)!.active).toBe('yes');
    expect(log.filter((l) => l.method === 'PATCH')).toHaveLength(4);
  });

  it('a POST whose answer is dropped after the write does not create a duplicate variant', async () => {
    const categoryId = await store.ensureCategory('Дрехи', null);
    const params = ['Размер'];
    const { productId } = await store.createProduct(newProduct({ categoryId, parameters: params }));
    await store.createVariant(productId, params, newVariant({ sku: 'WARM', options: ['S'] }));
    sb.setFaults({ dropAfterWrite: 1 });
    const r = await store.createVariant(productId, params, newVariant({ sku: 'DROP-1', options: ['M'] }));
    const vs = sb.snapshot().variants.filter((v) => v.sku === 'DROP-1');
    expect(vs).toHaveLength(1);
    expect(r.variantId).toBe(String(vs[0].id));
    expect(sb.requests()['POST /api/v2/variants']).toBe(2); // WARM + the dropped one, never re-sent
    expect(log.some((l) => l.status === 0)).toBe(true);

    // The same for a product, and for a simple product's variant found by barcode.
    sb.setFaults({ dropAfterWrite: 1 });
    const p2 = await store.createProduct(newProduct({ name: 'Изгубен отговор', categoryId }));
    expect(sb.snapshot().products.filter((p) => p.name === 'Изгубен отговор')).toHaveLength(1);
    sb.setFaults({ dropAfterWrite: 1 });
    const v2 = await store.createVariant(p2.productId, [], newVariant({ sku: '', barcode: '999' }));
    const simple = sb.snapshot().variants.filter((v) => String(v.item_id) === p2.productId);
    expect(simple).toHaveLength(1);
    expect(v2.variantId).toBe(String(simple[0].id));
  });

  it('a POST answered 500 (not applied) is checked first, then sent again: exactly one variant', async () => {
    const categoryId = await store.ensureCategory('Дрехи', null);
    const { productId } = await store.createProduct(newProduct({ categoryId, parameters: ['Размер'] }));
    await store.createVariant(productId, ['Размер'], newVariant({ sku: 'WARM', options: ['S'] }));
    const other = await store.createProduct(newProduct({ name: 'Друга', categoryId, parameters: ['Размер'] }));
    await store.createVariant(other.productId, ['Размер'], newVariant({ sku: 'WARM2', options: ['M'] }));
    sb.setFaults({ failNext: 1 });
    await store.createVariant(productId, ['Размер'], newVariant({ sku: 'F-1', options: ['M'] }));
    expect(sb.snapshot().variants.filter((v) => v.sku === 'F-1')).toHaveLength(1);
    expect(sb.requests()['POST /api/v2/variants']).toBe(4);
    expect(sb.requests()['GET /api/v2/variants']).toBe(1); // the look-up by SKU before re-sending
  });

  it('retries 5xx and broken answers on reads', async () => {
    const cat = sb.state.addCategory('Х');
    sb.state.addProduct({ name: 'Стол', category_id: cat.id });
    sb.setFaults({ failNext: 2 });
    expect(await store.catalog()).toHaveLength(1);
    sb.setFaults({ malformed: 1 });
    expect(await store.catalog()).toHaveLength(1);
    expect(log.filter((l) => l.status === 500)).toHaveLength(2);
  });

  it('retries a timed-out read, then gives up with "unavailable"', async () => {
    const cat = sb.state.addCategory('Х');
    sb.state.addProduct({ name: 'Стол', category_id: cat.id });
    sb.setFaults({ latencyMs: 400 });
    const slow = make({ timeoutMs: 50, maxRetries: 1 });
    const err = await caught(slow.catalog());
    expect(err.code).toBe('unavailable');
    expect(log.filter((l) => l.status === 0)).toHaveLength(2);
    sb.setFaults({ latencyMs: 0 });
    expect(await slow.catalog()).toHaveLength(1);
    slow.close();
  });

  it('gives up after maxRetries with "unavailable"', async () => {
    sb.setFaults({ failNext: 100 });
    const s = make({ maxRetries: 2 });
    const err = await caught(s.catalog());
    expect(err.code).toBe('unavailable');
    s.close();
  });

  it('runs 300 requests under a 100-per-second limit with zero failed requests', async () => {
    sb.setRateLimit(100, 1000);
    const cat = sb.state.addCategory('Х');
    const p = sb.state.addProduct({ name: 'Стол', category_id: cat.id });
    const v = sb.state.addVariant({ item_id: p.id, sku: 'A', price: 100, quantity: 0 });
    let i = 0;
    const worker = async () => {
      while (i < 300) {
        const n = ++i;
        await store.updateVariant(String(v.id), { quantity: n });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const patches = log.filter((l) => l.method === 'PATCH');
    expect(patches.filter((l) => l.status === 200)).toHaveLength(300);
    expect(patches.filter((l) => l.status !== 200 && l.status !== 429)).toHaveLength(0);
    // The pacer learns the budget and spaces requests, so 429s stay rare (each one was waited out and re-sent).
    expect(patches.filter((l) => l.status === 429).length).toBeLessThan(30);
  });

  it('errors per failure kind, and the key never shows', async () => {
    const key = sb.apiKey;
    // 401: wrong key.
    const wrongKey = 'WRONG' + 'B'.repeat(59);
    const wrong = make({ apiKey: wrongKey });
    const e401 = await caught(wrong.catalog());
    expect(e401.code).toBe('unauthorized');
    keyFree(e401, wrongKey);
    const t = await wrong.testConnection();
    expect(t).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(t.message).not.toContain(wrongKey);
    wrong.close();

    // Unreachable port.
    const free = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
    const down = make({ domain: `http://127.0.0.1:${free}` });
    const eDown = await caught(down.catalog());
    expect(eDown.code).toBe('unavailable');
    keyFree(eDown, key);
    down.close();

    // Unknown host name (ENOTFOUND): no retries, clear message.
    const nowhere = make({ domain: 'shop.invalid' });
    const eDns = await caught(nowhere.catalog());
    expect(eDns.code).toBe('unavailable');
    expect(eDns.text.bg).toContain('shop.invalid');
    keyFree(eDns, key);
    nowhere.close();

    // 422: name too short (one item, not fatal).
    const categoryId = await store.ensureCategory('Дрехи', null);
    const e422 = await caught(store.createProduct(newProduct({ name: 'x', categoryId })));
    expect(e422.code).toBe('store_error');
    expect(e422.text.en).toContain('name');
    expect(e422.fields).toHaveProperty('name');
    keyFree(e422, key);
    // The client keeps working after it.
    expect((await store.createProduct(newProduct({ categoryId }))).productId).toBeTruthy();

    // Limit 0 on the first request: wrong host or a plan without API.
    sb.setRateLimit(0);
    const noApi = make();
    const e429 = await caught(noApi.catalog());
    expect(e429.code).toBe('forbidden');
    keyFree(e429, key);
    noApi.close();
    sb.setRateLimit(10_000);

    // 404 on the first request: not a CloudCart API there.
    sb.setHosts(['localhost']);
    const unknownHost = make();
    const e404 = await caught(unknownHost.order('1'));
    expect(e404.code).toBe('unavailable');
    keyFree(e404, key);
    expect((await unknownHost.testConnection()).ok).toBe(false);
    unknownHost.close();
    const rightHost = make({ domain: sb.url.replace('127.0.0.1', 'localhost') });
    expect(await rightHost.order('424242')).toBeNull();
    rightHost.close();
    sb.setHosts(null);

    expect(JSON.stringify(log)).not.toContain(key);
  });

  it('ordersSince: idle poll costs 1 request; a placed order appears once; order() and 404', async () => {
    const cat = sb.state.addCategory('Х');
    const p = sb.state.addProduct({ name: 'Чаша', category_id: cat.id });
    sb.state.addVariant({ item_id: p.id, sku: 'CUP', barcode: '3800', price: 1250, quantity: 10 });
    const first = await store.ordersSince(null);
    expect(first).toEqual({ orders: [], watermark: null });

    const o1 = sb.placeOrder({
      email: 'ivan@example.com',
      firstName: 'Иван',
      lastName: 'Петров',
      phone: '0888123456',
      city: 'София',
      street: 'ул. Шипка 1',
      lines: [{ sku: 'CUP', quantity: 2, orderPrice: 1000 }],
    });
    const got = await store.ordersSince(null);
    expect(got.orders).toHaveLength(1);
    expect(got.watermark).toBe(o1.id);
    expect(got.orders[0]).toMatchObject({
      id: o1.id,
      status: 'pending',
      currency: 'EUR',
      email: 'ivan@example.com',
      customerName: 'Иван Петров',
      phone: '0888123456',
      city: 'София',
      address: 'ул. Шипка 1',
      usn: null,
      lines: [{ sku: 'CUP', barcode: '3800', name: 'Чаша', quantity: 2, price: 1000, listPrice: 1250 }],
    });
    expect(sb.state.variantsOf(p.id)[0].quantity).toBe(8);

    const before = sb.requestCount();
    const idle = await store.ordersSince(got.watermark);
    expect(idle).toEqual({ orders: [], watermark: o1.id });
    expect(sb.requestCount() - before).toBe(1);

    const o2 = sb.placeOrder({
      email: 'a@b.bg',
      firstName: 'А',
      lastName: 'Б',
      lines: [{ barcode: '3800', quantity: 1 }],
    });
    const o3 = sb.placeOrder({ email: 'c@d.bg', firstName: 'В', lastName: 'Г', lines: [{ sku: 'CUP', quantity: 1 }] });
    const next = await store.ordersSince(idle.watermark);
    expect(next.orders.map((o) => o.id)).toEqual([o2.id, o3.id]);
    expect(next.watermark).toBe(o3.id);
    expect((await store.ordersSince(next.watermark)).orders).toEqual([]);

    expect((await store.order(o1.id))!.lines[0].sku).toBe('CUP');
    expect(await store.order('99999')).toBeNull();
  });

  it('ordersSince pages back until the watermark', async () => {
    const cat = sb.state.addCategory('Х');
    const p = sb.state.addProduct({ name: 'Чаша', category_id: cat.id });
    sb.state.addVariant({ item_id: p.id, sku: 'CUP', price: 100, quantity: 1000 });
    for (let i = 0; i < 250; i++)
      sb.placeOrder({ email: 'x@y.bg', firstName: 'X', lastName: 'Y', lines: [{ sku: 'CUP', quantity: 1 }] });
    const before = sb.requestCount();
    const r = await store.ordersSince('20');
    expect(r.orders).toHaveLength(230);
    expect(r.orders[0].id).toBe('21');
    expect(r.orders.at(-1)!.id).toBe('250');
    expect(r.watermark).toBe('250');
    expect(sb.requestCount() - before).toBe(3);
  });

  it('setOrderUsn once is fine; a second time is a store_error', async () => {
    const cat = sb.state.addCategory('Х');
    const p = sb.state.addProduct({ name: 'Чаша', category_id: cat.id });
    sb.state.addVariant({ item_id: p.id, sku: 'CUP', price: 100, quantity: 10 });
    const o = sb.placeOrder({ email: 'x@y.bg', firstName: 'X', lastName: 'Y', lines: [{ sku: 'CUP', quantity: 1 }] });
    await store.setOrderUsn(o.id, 'WP-0001');
    expect((await store.order(o.id))!.usn).toBe('WP-0001');
    const err = await caught(store.setOrderUsn(o.id, 'WP-0002'));
    expect(err.code).toBe('store_error');
    expect(err.fields).toHaveProperty('usn');
  });
});
