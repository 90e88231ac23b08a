/**
 * Issue 12 point 9: a store product without SKU or barcode is never taken over by its name alone.
 * It is a "possible match" in the plan and under "needs attention"; the user links it or has a new
 * product created, and the next export does that. A product this program itself left unfinished (a
 * run stopped between creating it and its first variant) is still taken over without asking.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import type { WpGood } from '../../electron/engine/sync/ports';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let f: SyncFixture;
let simples: WpGood[];

beforeEach(async () => {
  f = await createSyncFixture('sqlite', { demo: { goods: 16, problems: false } });
  const goods = await f.db.goodsForExport([], 2);
  simples = goods.filter((g) => !g.catalogs.some((c) => c.includes('-')));
});
afterEach(async () => {
  await f.cleanup();
});

/** A product the merchant made in CloudCart by hand: the same name, a variant without SKU or barcode. */
function merchantProduct(name: string): number {
  const { model } = f.sandbox;
  const cat = model.insert('categories', { name: 'От търговеца', parent_id: null });
  const p = model.insert(
    'products',
    { name, active: 'yes', category_id: cat.id },
    { category: ['categories', cat.id] },
  );
  model.insert(
    'variants',
    { item_id: p.id, sku: null, barcode: null, price: 100, quantity: 1 },
    { product: ['products', p.id], option1: null, option2: null, option3: null },
  );
  return p.id;
}

const exportRun = async (dryRun = false) => {
  const run = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export', dryRun });
  expect(run.state, run.error ?? '').toBe('succeeded');
  return { run, items: f.t.engine.sync.state.runItems(run.id) };
};
const named = (name: string) =>
  [...f.sandbox.model.table('products').values()].filter((p) => p.attributes.name === name);

describe('a store product without SKU or barcode, matched by name only', () => {
  it('is a possible match in the plan and needs attention; nothing is taken over or created for it', async () => {
    const good = simples[0];
    const theirs = merchantProduct(good.name);
    const plan = await exportRun(true);
    const proposal = plan.items.find((i) => i.action === 'possible-match')!;
    expect(proposal).toMatchObject({ kind: 'match', status: 'skipped', newValue: `CloudCart #${theirs} ${good.name}` });
    const { run, items } = await exportRun();
    expect(run.counts.possibleMatches).toBe(1);
    expect(items.some((i) => i.action === 'possible-match')).toBe(true);
    expect(named(good.name).map((p) => p.id)).toEqual([theirs]);
    expect(f.sandbox.model.variantsOf(theirs)[0].attributes.barcode).toBeNull();
    expect(f.t.engine.sync.state.links(f.server.id).has(good.id)).toBe(false);
    const attention = f.t.engine.sync.state.attention(f.server.id).filter((a) => a.kind === 'possible_match');
    expect(attention).toHaveLength(1);
    expect(attention[0].detail).toContain(`CloudCart #${theirs}`);
    // The other goods are exported as usual.
    expect(run.counts.productsCreated).toBeGreaterThan(3);
  });

  it('"same product: link" takes it over on the next export; "different: create new" creates one', async () => {
    const [a, b] = simples;
    const theirsA = merchantProduct(a.name);
    const theirsB = merchantProduct(b.name);
    await exportRun();
    const refs = Object.fromEntries(
      f.t.engine.sync.state
        .attention(f.server.id)
        .filter((x) => x.kind === 'possible_match')
        .map((x) => [x.detail.includes(`#${theirsA} `) ? 'a' : 'b', x.ref]),
    );
    for (const [ref, decision] of [
      [refs.a, 'link'],
      [refs.b, 'create'],
    ] as const) {
      const r = await dispatch(f.t.engine, 'attention:decide', {
        serverId: f.server.id,
        kind: 'possible_match',
        ref,
        decision,
      });
      expect(r).toEqual({ ok: true, value: { resolved: true } });
    }
    expect(f.t.engine.sync.state.attention(f.server.id).filter((x) => x.kind === 'possible_match')).toEqual([]);
    const { run, items } = await exportRun();
    expect(items.find((i) => i.action === 'take-over')).toMatchObject({ newValue: `CloudCart #${theirsA}` });
    expect(run.counts.possibleMatches ?? 0).toBe(0);
    // a: the merchant's product now carries the good's barcode; no second product of that name.
    expect(named(a.name).map((p) => p.id)).toEqual([theirsA]);
    expect(f.sandbox.model.variantsOf(theirsA).map((v) => v.attributes.barcode)).toEqual([a.barcode1]);
    expect(f.t.engine.sync.state.links(f.server.id).get(a.id)?.productId).toBe(String(theirsA));
    // b: a new product beside the merchant's, which stays as it was.
    expect(named(b.name)).toHaveLength(2);
    expect(f.sandbox.model.variantsOf(theirsB)[0].attributes.barcode).toBeNull();
    // And the next export asks nothing again.
    expect((await exportRun()).run.counts.possibleMatches ?? 0).toBe(0);
  });

  it('a product this program left unfinished is taken over without asking', async () => {
    const good = simples[0];
    // As a run stopped right after POST /products leaves it: the creation noted, the product bare.
    const groupKey = good.code;
    f.t.engine.sync.state.notePendingProduct(f.server.id, groupKey, {
      name: good.name,
      parameters: [],
      at: new Date().toISOString(),
    });
    const ours = merchantProduct(good.name);
    const { items } = await exportRun();
    expect(items.find((i) => i.action === 'take-over')).toMatchObject({ newValue: `CloudCart #${ours}` });
    expect(items.some((i) => i.action === 'possible-match')).toBe(false);
    expect(named(good.name).map((p) => p.id)).toEqual([ours]);
    expect(f.sandbox.model.variantsOf(ours).map((v) => v.attributes.barcode)).toEqual([good.barcode1]);
    expect(f.t.engine.sync.state.pendingProduct(f.server.id, groupKey)).toBeNull();
  });
});
