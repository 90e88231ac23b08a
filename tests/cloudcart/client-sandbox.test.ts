/** The CloudCart client against the sandbox over real HTTP: paging, pacing, lost answers, errors. */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { AppError } from '../../electron/engine/errors';

let sandbox: Sandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

function seed(s: Sandbox, products: number, variantsEach = 1) {
  const cat = s.model.insert('categories', { name: 'Всичко' });
  for (let i = 1; i <= products; i++) {
    const p = s.model.insert('products', { name: `Продукт ${i}`, active: 'yes' }, { category: ['categories', cat.id] });
    for (let v = 0; v < variantsEach; v++)
      s.model.insert(
        'variants',
        { item_id: p.id, sku: `S-${i}-${v}`, barcode: `B${i}${v}`, price: 100 * i, quantity: 5 },
        { product: ['products', p.id] },
      );
  }
}

const storeFor = (s: Sandbox, apiKey = s.apiKey, rateWindowMs?: number) => {
  const requests: { method: string; status: number }[] = [];
  const store = new CloudCartStore({
    domain: s.url,
    apiKey,
    onRequest: (r) => requests.push(r),
    maxRetries: 4,
    rateWindowMs,
  });
  return { store, requests };
};

describe('CloudCart client against the sandbox', () => {
  it('pages through 1,000 products with their variants included, 100 a page', async () => {
    sandbox = await startSandbox();
    seed(sandbox, 1000, 2);
    const { store, requests } = storeFor(sandbox);
    const catalog = await store.catalog();
    expect(catalog).toHaveLength(1000);
    expect(catalog.every((p) => p.variants.length === 2)).toBe(true);
    expect(catalog[999].variants[1]).toMatchObject({ sku: 'S-1000-1', price: 100000 });
    expect(catalog[0].categoryName).toBe('Всичко');
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(1 + 10); // categories + 10 pages
  });

  it('finishes 300 updates under a 100-per-window limit with zero failed requests', async () => {
    sandbox = await startSandbox({ rateLimit: 100, windowMs: 1000 });
    seed(sandbox, 300);
    const { store, requests } = storeFor(sandbox, sandbox.apiKey, 1000);
    const ids = [...sandbox.model.table('variants').keys()];
    for (const id of ids) await store.updateVariant(String(id), { price: 999 });
    expect([...sandbox.model.table('variants').values()].every((v) => v.attributes.price === 999)).toBe(true);
    expect(requests.filter((r) => r.status >= 400 && r.status !== 429)).toHaveLength(0);
    // The pacer waits for the window instead of provoking 429 storms.
    expect(sandbox.requests.throttled).toBeLessThanOrEqual(3);
  });

  it('does not create a duplicate when the answer to a create is lost after the write', async () => {
    sandbox = await startSandbox();
    seed(sandbox, 1, 0);
    const { store } = storeFor(sandbox);
    const product = await store.createProduct({
      name: 'Тениска Класик',
      description: '',
      categoryId: '1',
      active: true,
      featured: false,
      isNew: false,
      tracking: true,
      continueSelling: false,
      needsShipping: true,
      parameters: ['Размер', 'Цвят'],
    });
    sandbox.faults.dropAfterWrite = 1;
    const { variantId } = await store.createVariant(product.productId, ['Размер', 'Цвят'], {
      sku: 'TS-M-RED',
      barcode: '3800000000011',
      price: 2499,
      quantity: 3,
      weightGrams: 220,
      options: ['M', 'Червен'],
    });
    const variants = [...sandbox.model.table('variants').values()].filter((v) => v.attributes.sku === 'TS-M-RED');
    expect(variants).toHaveLength(1);
    expect(String(variants[0].id)).toBe(variantId);
    expect(variants[0].attributes).toMatchObject({ v1: 'M', v2: 'Червен', price: 2499, weight: 220 });
  });

  it('creates parameters and options once, store-wide', async () => {
    sandbox = await startSandbox();
    seed(sandbox, 1, 0);
    const { store } = storeFor(sandbox);
    for (const name of ['Риза', 'Рокля']) {
      const p = await store.createProduct({
        name,
        description: '',
        categoryId: '1',
        active: true,
        featured: false,
        isNew: false,
        tracking: true,
        continueSelling: false,
        needsShipping: true,
        parameters: ['Размер'],
      });
      for (const size of ['S', 'M'])
        await store.createVariant(p.productId, ['Размер'], {
          sku: `${name}-${size}`,
          barcode: '',
          price: 1000,
          quantity: 1,
          weightGrams: null,
          options: [size],
        });
    }
    const snap = sandbox.model.snapshot();
    expect(snap.parameters.map((p) => p.name)).toEqual(['Размер']);
    expect(snap.options.map((o) => o.name)).toEqual(['S', 'M']);
  });

  it('copes with both answers to Q1: a simple product with or without a default variant', async () => {
    sandbox = await startSandbox();
    seed(sandbox, 1, 0);
    const { store, requests } = storeFor(sandbox);
    const product = () =>
      store.createProduct({
        name: 'Чаша',
        description: '',
        categoryId: '1',
        active: true,
        featured: false,
        isNew: false,
        tracking: true,
        continueSelling: false,
        needsShipping: true,
        parameters: [],
      });
    const bare = await product();
    const n = requests.length;
    const a = await store.createVariant(bare.productId, [], {
      sku: 'MUG-A',
      barcode: '1',
      price: 500,
      quantity: 2,
      weightGrams: null,
      options: [],
    });
    expect(requests.length - n).toBe(1);
    // A store that makes a default variant with the product: the second create is refused, the default filled.
    const withDefault = await product();
    const def = sandbox.model.insert(
      'variants',
      { item_id: Number(withDefault.productId), sku: null, price: 0, quantity: 0 },
      { product: ['products', Number(withDefault.productId)] },
    );
    const b = await store.createVariant(withDefault.productId, [], {
      sku: 'MUG-B',
      barcode: '2',
      price: 700,
      quantity: 3,
      weightGrams: null,
      options: [],
    });
    expect(b.variantId).toBe(String(def.id));
    expect(def.attributes).toMatchObject({ sku: 'MUG-B', price: 700, quantity: 3 });
    expect(a.variantId).not.toBe(b.variantId);
  });

  it('retries 5xx on reads and writes that are safe to repeat', async () => {
    sandbox = await startSandbox();
    seed(sandbox, 50);
    sandbox.faults.failRate = 0.3;
    const { store } = storeFor(sandbox);
    const catalog = await store.catalog();
    expect(catalog).toHaveLength(50);
  });

  it('reads new orders: an idle poll is one request, a new order appears once, usn is written once', async () => {
    sandbox = await startSandbox();
    seed(sandbox, 3);
    const { store, requests } = storeFor(sandbox);
    const first = await store.ordersSince(null);
    expect(first.orders).toEqual([]);
    const order = sandbox.placeOrder({
      email: 'ivan@example.bg',
      firstName: 'Иван',
      lastName: 'Петров',
      city: 'София',
      lines: [{ sku: 'S-2-0', quantity: 2 }],
    });
    const next = await store.ordersSince(first.watermark);
    expect(next.orders).toHaveLength(1);
    expect(next.orders[0]).toMatchObject({
      id: String(order.id),
      email: 'ivan@example.bg',
      customerName: 'Иван Петров',
      city: 'София',
      lines: [{ sku: 'S-2-0', quantity: 2, price: 200 }],
    });
    const before = requests.length;
    const idle = await store.ordersSince(next.watermark);
    expect(idle.orders).toEqual([]);
    expect(requests.length - before).toBe(1);
    await store.setOrderUsn(String(order.id), '42');
    await expect(store.setOrderUsn(String(order.id), '43')).rejects.toThrow(/usn can be set only once/);
  });
});

describe('errors say what happened and what to do, without the key', () => {
  const messageOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return `${(err as AppError).text.bg} | ${(err as AppError).text.en}`;
    }
    throw new Error('expected a failure');
  };

  it('a wrong key is 401 "wrong API key"', async () => {
    sandbox = await startSandbox();
    const key = 'cc_WRONG_KEY_1234567890';
    const text = await messageOf(storeFor(sandbox, key).store.catalog());
    expect(text).toMatch(/Грешен API ключ/);
    expect(text).not.toContain(key);
    const check = await storeFor(sandbox, key).store.testConnection('bg');
    expect(check).toMatchObject({ ok: false });
    expect(check.message).not.toContain(key);
  });

  it('an unreachable host', async () => {
    const text = await messageOf(
      new CloudCartStore({ domain: 'http://127.0.0.1:1', apiKey: 'k', maxRetries: 0 }).catalog(),
    );
    expect(text).toMatch(/Няма връзка с магазина 127\.0\.0\.1:1/);
  });

  it('a limit of 0 on the first request means the wrong host or no API in the plan', async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    const text = await messageOf(storeFor(sandbox).store.catalog());
    expect(text).toMatch(/основния домейн/);
  });

  it('a validation error names the field', async () => {
    sandbox = await startSandbox();
    seed(sandbox, 1, 0);
    const text = await messageOf(
      storeFor(sandbox).store.createProduct({
        name: 'X',
        description: '',
        categoryId: '1',
        active: true,
        featured: false,
        isNew: false,
        tracking: true,
        continueSelling: false,
        needsShipping: true,
        parameters: [],
      }),
    );
    expect(text).toMatch(/поле „name“/);
  });

  it('a test of the connection reports the plan limit', async () => {
    sandbox = await startSandbox({ rateLimit: 300 });
    const check = await storeFor(sandbox).store.testConnection('en');
    expect(check).toMatchObject({ ok: true, rateLimit: 300 });
  });
});
