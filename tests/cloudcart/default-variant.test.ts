/**
 * Issue 12 point 7: a simple product's default variant, where the wiki reads both ways. Against a
 * sandbox that makes it with the product and one that does not, refusing a second one with 422 or
 * with 409: the product ends with exactly one variant carrying the good's SKU, barcode, price and
 * quantity, the behaviour seen is remembered, and a refusal for another reason keeps its reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxBehaviour } from '../../electron/cloudcart-sandbox/sandbox-behaviour';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import type { NewStoreProduct } from '../../electron/engine/sync/ports';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let sandbox: Sandbox | null = null;
let fixture: SyncFixture | null = null;
afterEach(async () => {
  await sandbox?.close();
  await fixture?.cleanup();
  sandbox = null;
  fixture = null;
});

const simple = (name: string): NewStoreProduct => ({
  name,
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
const variant = (sku: string, price: number) => ({
  sku,
  barcode: `38${sku.replace(/\D/g, '')}`,
  price,
  quantity: 4,
  weightGrams: null,
  options: [],
});

const MODES: [SandboxBehaviour['defaultVariant'], SandboxBehaviour['duplicateDefaultVariant']][] = [
  ['none', 'unprocessable'],
  ['none', 'conflict'],
  ['created-with-product', 'unprocessable'],
  ['created-with-product', 'conflict'],
];

async function client(behaviour: Partial<SandboxBehaviour>) {
  sandbox = await startSandbox({ rateLimit: 100_000, ...behaviour });
  sandbox.model.insert('categories', { name: 'Всичко' });
  const requests: string[] = [];
  const store = new CloudCartStore({
    domain: sandbox.url,
    apiKey: sandbox.apiKey,
    maxRetries: 2,
    onRequest: (r) => requests.push(`${r.method} ${r.path} ${r.status}`),
  });
  return { store, requests, s: sandbox };
}

describe.each(MODES)('default variant %s, duplicate refused as %s', (defaultVariant, duplicateDefaultVariant) => {
  it('fills the one variant of a simple product, in two requests', async () => {
    const { store, requests, s } = await client({ defaultVariant, duplicateDefaultVariant });
    for (const [i, name] of ['Чаша', 'Чиния'].entries()) {
      const before = requests.length;
      const { productId } = await store.createProduct(simple(name));
      const { variantId } = await store.createVariant(productId, [], variant(`MUG-${i}`, 500 + i));
      const mine = s.model.variantsOf(Number(productId));
      expect(mine).toHaveLength(1);
      expect(String(mine[0].id)).toBe(variantId);
      expect(mine[0].attributes).toMatchObject({ sku: `MUG-${i}`, price: 500 + i, quantity: 4 });
      expect(requests.slice(before)).toHaveLength(2);
    }
    expect(store.observed.defaultVariant).toBe(defaultVariant);
  });

  it('when the create answer was lost, the refusal leads to the existing default variant', async () => {
    const { store, s } = await client({ defaultVariant, duplicateDefaultVariant });
    s.faults.dropAfterWrite = 1;
    const { productId } = await store.createProduct(simple('Купа'));
    expect(s.model.table('products').size).toBe(1);
    const { variantId } = await store.createVariant(productId, [], variant('BOWL-1', 900));
    const mine = s.model.variantsOf(Number(productId));
    expect(mine.map((v) => String(v.id))).toEqual([variantId]);
    expect(mine[0].attributes).toMatchObject({ sku: 'BOWL-1', price: 900 });
    if (defaultVariant === 'created-with-product') {
      expect(store.observed.defaultVariant).toBe('created-with-product');
      expect(store.observed.defaultVariantRefusal).toBe(duplicateDefaultVariant === 'conflict' ? 409 : 422);
    }
  });

  it('an export of the demo shop leaves every simple product with exactly one variant, twice over', async () => {
    fixture = await createSyncFixture('sqlite', {
      demo: { goods: 24, problems: false },
      sandbox: { defaultVariant, duplicateDefaultVariant },
    });
    for (let round = 0; round < 2; round++) {
      const run = await fixture.t.engine.sync.runToEnd({ serverId: fixture.server.id, task: 'export' });
      expect(run.state, run.error ?? '').toBe('succeeded');
      expect(run.counts.failed ?? 0).toBe(0);
    }
    const { model } = fixture.sandbox;
    const simples = [...model.table('products').values()].filter((p) => model.parameterIds(p).length === 0);
    expect(simples.length).toBeGreaterThan(3);
    for (const p of simples) {
      const vs = model.variantsOf(p.id);
      expect(vs, String(p.attributes.name)).toHaveLength(1);
      expect(vs[0].attributes.barcode).toBeTruthy();
    }
  });
});

describe('a refusal for another reason', () => {
  it('keeps its own reason (a taken SKU), not "refused the simple product\'s variant"', async () => {
    const { store } = await client({ defaultVariant: 'none' });
    const a = await store.createProduct(simple('Лъжица'));
    await store.createVariant(a.productId, [], variant('SPOON-1', 100));
    const b = await store.createProduct(simple('Вилица'));
    await expect(store.createVariant(b.productId, [], variant('SPOON-1', 100))).rejects.toThrow(
      /sku has already been taken/,
    );
  });
});
