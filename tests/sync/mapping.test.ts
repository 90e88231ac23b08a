/**
 * Issue 17 points 2 and 4 (B9): the mapping view on real parts (a SQLite Warehouse Pro database,
 * the CloudCart sandbox over HTTP). A good linked by hand to a variant the merchant made is
 * exported to that variant, not created again; an unlinked good is kept out of the export until
 * released; the view names what is wrong with each link; every change is a `mapping` run in the
 * audit; attention items name goods by name and code.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WpGood } from '../../electron/engine/sync/ports';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let f: SyncFixture;
let goods: WpGood[];

afterEach(async () => {
  await f.cleanup();
});

/** A product the merchant made in CloudCart by hand: another name, another SKU, no barcode. */
function merchantProduct(name: string, sku: string): { productId: number; variantId: number } {
  const { model } = f.sandbox;
  const cat = model.insert('categories', { name: 'От търговеца', parent_id: null });
  const p = model.insert(
    'products',
    { name, active: 'yes', category_id: cat.id },
    { category: ['categories', cat.id] },
  );
  const v = model.insert(
    'variants',
    { item_id: p.id, sku, barcode: null, price: 100, quantity: 1 },
    { product: ['products', p.id], option1: null, option2: null, option3: null },
  );
  return { productId: p.id, variantId: v.id };
}

const run = async (task: 'export' | 'import') => {
  const r = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task });
  expect(r.state, r.error ?? '').toBe('succeeded');
  return r;
};
const products = () => [...f.sandbox.model.table('products').values()];
const simple = (list: WpGood[]) => list.filter((g) => !g.catalogs.some((c) => c.includes('-')));

describe('the mapping view and links made by hand', () => {
  beforeEach(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 16, problems: false } });
    goods = await f.db.goodsForExport([], 2);
  });

  it('a good linked by hand to the merchant’s own product is exported there, with no duplicate product', async () => {
    const good = simple(goods)[0];
    const theirs = merchantProduct('Ръчно въведена чаша', 'HAND-1');
    const view = await f.t.engine.mapping.view(f.server.id, true);
    expect(view.requests).toBeGreaterThan(0);
    expect(view.snapshot).toMatchObject({ source: 'mapping', requests: view.requests, variants: 1 });
    expect(view.rows.find((r) => r.variantId === String(theirs.variantId))?.problems).toContain('store_unlinked');
    expect(view.rows.find((r) => r.goodId === good.id)?.problems).toContain('good_unlinked');

    const { runId } = await f.t.engine.mapping.link(f.server.id, good.id, String(theirs.variantId));
    const audit = f.t.engine.sync.state.getRun(runId)!;
    expect(audit).toMatchObject({ task: 'mapping', state: 'succeeded' });
    expect(f.t.engine.sync.state.runItems(runId)[0]).toMatchObject({
      kind: 'link',
      action: 'link',
      ref: `${good.name} [${good.code}]`,
      newValue: `${theirs.productId}/${theirs.variantId}`,
    });

    const before = products().length;
    const exported = await run('export');
    // Every other good got its product; this one none: its price and quantity went to the merchant's variant.
    const created = products().filter((p) => p.attributes.name === good.name);
    expect(created).toHaveLength(0);
    expect(products().length - before).toBe(exported.counts.productsCreated);
    const variant = f.sandbox.model.table('variants').get(theirs.variantId)!;
    expect(variant.attributes.price).toBe(Math.round(good.price * 100));
    expect(f.t.engine.sync.state.links(f.server.id).get(good.id)?.variantId).toBe(String(theirs.variantId));
    // The link's keys disagree (the merchant's variant has another SKU and no barcode): the view says so.
    const after = await f.t.engine.mapping.view(f.server.id);
    expect(after.requests).toBe(0);
    expect(after.snapshot?.source).toBe('export');
    expect(after.rows.find((r) => r.goodId === good.id)?.problems).toEqual(
      expect.arrayContaining(['keys_differ', 'store_empty_barcode']),
    );
  });

  it('unlink keeps the good out of the export (not matched again, not created) until released', async () => {
    await run('export');
    const good = simple(goods)[1];
    const link = f.t.engine.sync.state.links(f.server.id).get(good.id)!;
    const unlinked = await f.t.engine.mapping.unlink(f.server.id, good.id);
    expect(f.t.engine.sync.state.runItems(unlinked.runId)[0]).toMatchObject({
      action: 'unlink',
      oldValue: `${link.productId}/${link.variantId}`,
    });
    const before = products().length;
    const second = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export', fullCompare: true });
    expect(second.counts.keptOut).toBe(1);
    expect(f.t.engine.sync.state.links(f.server.id).has(good.id)).toBe(false);
    expect(products().length).toBe(before);
    const view = await f.t.engine.mapping.view(f.server.id);
    expect(view.rows.find((r) => r.goodId === good.id)?.problems).toEqual(['good_unlinked', 'kept_out']);
    expect(view.rows.find((r) => r.variantId === link.variantId)?.problems).toContain('store_unlinked');

    await f.t.engine.mapping.release(f.server.id, good.id);
    await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export', fullCompare: true });
    expect(f.t.engine.sync.state.links(f.server.id).get(good.id)?.variantId).toBe(link.variantId);
    expect(products().length).toBe(before);
  });

  it('a variant deleted in the store and a changed barcode show as problems; a taken variant is refused', async () => {
    await run('export');
    const [a, b, c] = simple(goods);
    const links = f.t.engine.sync.state.links(f.server.id);
    f.sandbox.model.table('variants').delete(Number(links.get(a.id)!.variantId));
    await f.db.conn.run("UPDATE goods SET BarCode1 = '2000000000999' WHERE ID = ?", [b.id]);
    await f.db.conn.run('UPDATE goods SET Deleted = -1 WHERE ID = ?', [c.id]);
    const view = await f.t.engine.mapping.view(f.server.id, true);
    expect(view.rows.find((r) => r.goodId === a.id)?.problems).toContain('variant_gone');
    expect(view.rows.find((r) => r.goodId === b.id)?.problems).toContain('keys_differ');
    // A linked good deleted in Warehouse Pro is still named, by name and code.
    expect(view.rows.find((r) => r.goodId === c.id)).toMatchObject({ goodName: c.name, goodCode: c.code });
    expect(view.rows.find((r) => r.goodId === c.id)?.problems).toContain('good_gone');
    // Linking a variant another good holds is refused, naming that good.
    const other = links.get(goods.find((g) => ![a.id, b.id, c.id].includes(g.id) && links.has(g.id))!.id)!;
    await expect(f.t.engine.mapping.link(f.server.id, b.id, other.variantId)).rejects.toThrow(/already linked/);
  });

  it('refuses to change links while an export of the server runs', async () => {
    f.t.engine.sync.runtime.activeRuns = () => [{ task: 'export' } as never];
    await expect(f.t.engine.mapping.unlink(f.server.id, goods[0].id)).rejects.toThrow(/running now/);
  });
});

describe.each(['sqlite', 'mysql'] as const)(
  'attention items name goods by name and code (issue 17 point 4, %s)',
  (kind) => {
    beforeEach(async () => {
      f = await createSyncFixture(kind, { demo: { goods: 16, problems: true } });
      goods = await f.db.goodsForExport([], 2);
    });

    it('a duplicated barcode, in the export and in an order, names both goods, not their ids', async () => {
      await run('export');
      const barcode = f.wpdb.summary.duplicateBarcode!;
      const twins = goods.filter((g) => g.barcode1.trim() === barcode);
      expect(twins).toHaveLength(2);
      const names = twins.map((g) => `${g.name} [${g.code}]`);
      const dup = f.t.engine.sync.state.attention(f.server.id).find((x) => x.kind === 'duplicate_key')!;
      for (const n of names) expect(dup.detail).toContain(n);
      expect(dup.detail).not.toMatch(new RegExp(`^${twins[0].id}, ${twins[1].id}$`));

      // A store variant carrying that barcode is ordered: the order waits, naming both goods.
      const v = [...f.sandbox.model.table('variants').values()][0];
      v.attributes.barcode = barcode;
      f.sandbox.placeOrder({ email: 'dup@example.bg', lines: [{ barcode, quantity: 1 }] });
      await run('import');
      const held = f.t.engine.sync.state.attention(f.server.id).find((x) => x.reason === 'ambiguous_product')!;
      expect(held.detail).toBe(`${barcode}: ${names.join('; ')}`);
    });
  },
);
