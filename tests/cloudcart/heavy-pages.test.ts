/**
 * Issue 12 point 5: a heavy page that times out at the platform (504 after its 30 s) is asked again
 * at 50, then 25 a page, and the rest of the collection is read at that size; when even 25 times
 * out, the read fails with a message that says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { AppError } from '../../electron/engine/errors';

let sandbox: Sandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

function seed(s: Sandbox, products: number) {
  const cat = s.model.insert('categories', { name: 'Всичко' });
  for (let i = 1; i <= products; i++) {
    const p = s.model.insert('products', { name: `Продукт ${i}` }, { category: ['categories', cat.id] });
    s.model.insert(
      'variants',
      { item_id: p.id, sku: `S-${i}`, price: i, quantity: 1 },
      { product: ['products', p.id] },
    );
  }
}

function clientFor(s: Sandbox) {
  const seen: { path: string; status: number }[] = [];
  const store = new CloudCartStore({
    domain: s.url,
    apiKey: s.apiKey,
    maxRetries: 4,
    onRequest: (r) => seen.push({ path: r.path, status: r.status }),
  });
  return { store, seen };
}

describe('504 on heavy pages', () => {
  it('reads the whole catalog at 25 a page when 100 and 50 time out, asking each size once', async () => {
    sandbox = await startSandbox({ rateLimit: 100_000, timeoutAbovePageSize: 30 });
    seed(sandbox, 120);
    const { store, seen } = clientFor(sandbox);
    const catalog = await store.catalog();
    expect(catalog).toHaveLength(120);
    expect(new Set(catalog.map((p) => p.id)).size).toBe(120);
    expect(catalog.every((p) => p.variants.length === 1)).toBe(true);
    const products = seen.filter((r) => r.path === '/products');
    expect(products.filter((r) => r.status === 504)).toHaveLength(2);
    expect(products.filter((r) => r.status === 200)).toHaveLength(5); // 120 / 25
  });

  it('reads orders with their lines at a smaller page too', async () => {
    sandbox = await startSandbox({ rateLimit: 100_000, timeoutAbovePageSize: 60 });
    seed(sandbox, 3);
    for (let i = 0; i < 70; i++)
      sandbox.placeOrder({ email: `o${i}@example.bg`, lines: [{ sku: 'S-1', quantity: 1 }] });
    const { store } = clientFor(sandbox);
    const { orders } = await store.ordersSince(null);
    expect(orders).toHaveLength(70);
    expect(orders.every((o) => o.lines.length === 1)).toBe(true);
  });

  it('when even 25 a page times out, says so', async () => {
    sandbox = await startSandbox({ rateLimit: 100_000, timeoutAbovePageSize: 10 });
    seed(sandbox, 5);
    const err = await clientFor(sandbox)
      .store.catalog()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).text.en).toMatch(/even at 25 a page \(504/);
  });
});
