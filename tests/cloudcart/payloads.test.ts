/**
 * Issue 12 point 2: product and variant payloads as CloudCart documents them. `shipping` is sent
 * (a POST default is "no": a service), `featured` only when wanted and in the form the store takes,
 * an empty SKU or barcode is left out (never null), a name over 191 characters is cut at a word
 * with a warning item; the sandbox applies the documented POST defaults and refuses null strings
 * and long names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import type { NewStoreProduct } from '../../electron/engine/sync/ports';
import { fitStoreName } from '../../electron/engine/sync/store-names';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let sandbox: Sandbox | null = null;
let fixture: SyncFixture | null = null;
afterEach(async () => {
  await sandbox?.close();
  await fixture?.cleanup();
  sandbox = null;
  fixture = null;
});

const MEDIA = 'application/vnd.api+json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const post = async (s: Sandbox, path: string, body: unknown): Promise<{ status: number; doc: any }> => {
  const r = await fetch(`${s.url}/api/v2${path}`, {
    method: 'POST',
    headers: { 'X-CloudCart-ApiKey': s.apiKey, Accept: MEDIA, 'Content-Type': MEDIA },
    body: JSON.stringify(body),
  });
  return { status: r.status, doc: await r.json() };
};
const FAST = { rateLimit: 100_000 };

const product = (over: Partial<NewStoreProduct> = {}): NewStoreProduct => ({
  name: 'Чаша за чай',
  description: '',
  categoryId: '1',
  active: true,
  featured: false,
  isNew: false,
  tracking: true,
  continueSelling: false,
  needsShipping: true,
  parameters: [],
  ...over,
});

function clientFor(s: Sandbox) {
  const posts: string[] = [];
  const store = new CloudCartStore({
    domain: s.url,
    apiKey: s.apiKey,
    maxRetries: 0,
    onRequest: (r) => r.method === 'POST' && posts.push(`${r.path} ${r.status}`),
  });
  return { store, posts };
}

describe('the sandbox applies the documented POST defaults and types', () => {
  it('a product left at its defaults is inactive and needs no delivery; null strings and long names are 422', async () => {
    sandbox = await startSandbox(FAST);
    sandbox.model.insert('categories', { name: 'Всичко' });
    const category = { category: { data: { type: 'categories', id: '1' } } };
    const bare = await post(sandbox, '/products', {
      data: { type: 'products', attributes: { name: 'Минимален' }, relationships: category },
    });
    expect(bare.status).toBe(201);
    expect(bare.doc.data.attributes).toMatchObject({ active: 'no', shipping: 'no', tracking: 'no', featured: 0 });
    for (const [attributes, pointer] of [
      [{ name: null }, 'name'],
      [{ name: 'x'.repeat(192) }, 'name'],
      [{ name: 'Добро име', description: null }, 'description'],
      [{ name: 'Добро име', featured: 'yes' }, 'featured'],
      [{ name: 'Добро име', shipping: true }, 'shipping'],
    ] as const) {
      const r = await post(sandbox, '/products', { data: { type: 'products', attributes, relationships: category } });
      expect(r.status, JSON.stringify(attributes)).toBe(422);
      expect(r.doc.errors[0].source.pointer).toBe(`/data/attributes/${pointer}`);
    }
    const nullSku = await post(sandbox, '/variants', {
      data: {
        type: 'variants',
        attributes: { sku: null, price: 100 },
        relationships: { product: { data: { type: 'products', id: bare.doc.data.id } } },
      },
    });
    expect(nullSku.status).toBe(422);
    expect(nullSku.doc.errors[0].source.pointer).toBe('/data/attributes/sku');
  });
});

describe('the client sends what CloudCart documents', () => {
  it('shipping as set, featured left out when not wanted, no null SKU or barcode', async () => {
    sandbox = await startSandbox(FAST);
    sandbox.model.insert('categories', { name: 'Всичко' });
    const { store } = clientFor(sandbox);
    const physical = await store.createProduct(product());
    const service = await store.createProduct(product({ name: 'Монтаж', needsShipping: false, active: false }));
    const { variantId } = await store.createVariant(physical.productId, [], {
      sku: '',
      barcode: '',
      price: 450,
      quantity: 3,
      weightGrams: null,
      options: [],
    });
    const rows = sandbox.model.table('products');
    expect(rows.get(Number(physical.productId))!.attributes).toMatchObject({
      shipping: 'yes',
      active: 'yes',
      featured: 0,
    });
    expect(rows.get(Number(service.productId))!.attributes).toMatchObject({ shipping: 'no', active: 'no' });
    expect(sandbox.model.table('variants').get(Number(variantId))!.attributes).toMatchObject({
      sku: null,
      barcode: null,
      price: 450,
    });
  });

  it.each(['tinyint', 'yes-no'] as const)(
    'featured in the form the store takes (featuredForm=%s)',
    async (featuredForm) => {
      sandbox = await startSandbox({ ...FAST, featuredForm });
      sandbox.model.insert('categories', { name: 'Всичко' });
      const { store, posts } = clientFor(sandbox);
      const a = await store.createProduct(product({ name: 'Препоръчан 1', featured: true }));
      const b = await store.createProduct(product({ name: 'Препоръчан 2', featured: true }));
      const want = featuredForm === 'tinyint' ? 1 : 'yes';
      for (const p of [a, b])
        expect(sandbox.model.table('products').get(Number(p.productId))!.attributes.featured).toBe(want);
      expect(store.observed.featuredForm).toBe(featuredForm);
      // The other form costs one refused request, once per run; the default form costs none.
      expect(posts.filter((p) => p.endsWith('422'))).toHaveLength(featuredForm === 'tinyint' ? 0 : 1);
    },
  );
});

describe('names over 191 characters', () => {
  it('are cut at the last whole word', () => {
    const words = Array.from({ length: 40 }, (_, i) => `дума${i}`).join(' ');
    const fit = fitStoreName(words);
    expect(fit.shortened).toBe(true);
    expect(Array.from(fit.name).length).toBeLessThanOrEqual(191);
    expect(words.startsWith(`${fit.name} `)).toBe(true);
    expect(fitStoreName('кратко име ').name).toBe('кратко име');
    expect(fitStoreName('я'.repeat(300)).name).toBe('я'.repeat(191));
  });

  it('an export sends the shortened name with a warning item, and the next export sends nothing', async () => {
    fixture = await createSyncFixture('sqlite', { demo: { goods: 12, problems: false } });
    const goods = await fixture.db.goodsForExport([], 2);
    const simple = goods.find((g) => !g.catalogs.some((c) => c.includes('-')))!;
    const long = `Комплект ${'голям '.repeat(40)}финал`;
    await fixture.db.conn.run('UPDATE goods SET Name = ? WHERE ID = ?', [long, simple.id]);
    const run = await fixture.t.engine.sync.runToEnd({ serverId: fixture.server.id, task: 'export' });
    expect(run.state, run.error ?? '').toBe('succeeded');
    expect(run.counts.failed ?? 0).toBe(0);
    expect(run.counts.namesShortened).toBe(1);
    const link = fixture.t.engine.sync.state.links(fixture.server.id).get(simple.id)!;
    const stored = String(fixture.sandbox.model.table('products').get(Number(link.productId))!.attributes.name);
    expect(stored).toBe(fitStoreName(long).name);
    expect(long.startsWith(stored)).toBe(true);
    const warning = fixture.t.engine.sync.state.runItems(run.id).find((i) => i.action === 'shorten-name')!;
    expect(warning).toMatchObject({ oldValue: long, newValue: stored, status: 'done' });
    expect(warning.message).toMatch(/191/);
    // The name owned by the sync: the shortened text is the baseline, so nothing is sent again.
    const saved = fixture.t.engine.servers.get(fixture.server.id);
    fixture.t.engine.servers.save({
      ...saved,
      settings: { ...saved.settings, overwrite: { ...saved.settings.overwrite, name: true } },
      secrets: {},
    });
    const before = fixture.sandbox.requests.byRoute['PATCH /api/v2/products/{id}'] ?? 0;
    const again = await fixture.t.engine.sync.runToEnd({ serverId: fixture.server.id, task: 'export' });
    expect(again.state).toBe('succeeded');
    expect((fixture.sandbox.requests.byRoute['PATCH /api/v2/products/{id}'] ?? 0) - before).toBe(0);
  });
});
