/**
 * The sync engine end to end on real parts: the CloudCart sandbox over HTTP and a real Warehouse
 * Pro database (MariaDB and SQLite). What a user would check: the store's state after an export,
 * the order documents after an import, and that repeated runs change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { orderStamp } from '../../electron/engine/sync/order-stamp';

for (const kind of ['mysql', 'sqlite'] as const) {
  describe(`sync engine on ${kind === 'mysql' ? 'MariaDB' : 'SQLite'} and the sandbox`, () => {
    let f: SyncFixture;
    const run = (task: 'export' | 'import' | 'download-goods', dryRun = false) =>
      f.t.engine.sync.runToEnd(f.server.id, task, dryRun);
    beforeAll(async () => {
      f = await createSyncFixture(kind);
    });
    afterAll(async () => {
      await f?.cleanup();
    });

    it('a dry run of the first export plans everything and writes nothing', async () => {
      const before = f.sandbox.requests.total;
      const plan = await run('export', true);
      expect(plan.state).toBe('succeeded');
      expect(plan.counts.variantsCreated).toBeGreaterThan(50);
      const snapshot = f.sandbox.model.snapshot();
      expect(snapshot.products).toHaveLength(0);
      // Reading the catalog is the only store traffic of a dry run.
      expect(f.sandbox.requests.total - before).toBeLessThanOrEqual(3);
      const items = f.t.engine.sync.state.runItems(plan.id);
      expect(items.every((i) => i.status === 'planned' || i.status === 'skipped')).toBe(true);
    });

    it('the first export creates products, variants with parameters, categories, prices and quantities', async () => {
      const result = await run('export');
      expect(result.state, result.error ?? '').toBe('succeeded');
      const store = f.sandbox.model.snapshot();
      const goods = await f.db.goodsForExport([], 2);
      const dup = f.wpdb.summary.duplicateBarcode;
      const exportable = goods.filter((g) => g.barcode1 !== dup);
      expect(store.variants).toHaveLength(exportable.length);
      // Goods sharing a Code became one product with Размер and Цвят.
      const tee = store.products.find((p) => p.p1 === 'Размер');
      expect(tee).toMatchObject({ p2: 'Цвят', active: 'yes', tracking: 'yes' });
      const teeVariants = store.variants.filter((v) => v.item_id === tee!.id);
      expect(teeVariants.map((v) => v.v1)).toEqual(['S', 'M', 'L', 'XL', 'XXL']);
      expect(store.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['Тениски', 'Панталони']));
      // Price in cents; quantity = on hand at the shops (group AAA) minus open orders there.
      const good = exportable.find((g) => g.id === 10)!;
      const parts = (await f.db.availability([10], { objectGroupCodes: ['AAA'], operationsObjectId: 2 })).get(10)!;
      const variant = store.variants.find((v) => v.barcode === good.barcode1)!;
      expect(variant.price).toBe(Math.round(good.price * 100));
      expect(variant.quantity).toBe(Math.max(0, parts.onHand - parts.reserved));
      // The duplicated barcode is reported, not guessed.
      expect(f.t.engine.sync.state.attention(f.server.id)).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'duplicate_key', ref: dup })]),
      );
    });

    it('an unchanged catalog costs no write; a changed price costs exactly one request', async () => {
      const writes = () =>
        Object.entries(f.sandbox.requests.byRoute)
          .filter(([r]) => !r.startsWith('GET'))
          .reduce((s, [, n]) => s + n, 0);
      const w0 = writes();
      const idle = await run('export');
      expect(idle.state).toBe('succeeded');
      expect(writes() - w0).toBe(0);
      expect(idle.requests).toBe(0);

      await f.db.conn.run('UPDATE goods SET PriceOut2 = 77.7 WHERE ID = 12');
      const t0 = f.sandbox.requests.total;
      const changed = await run('export');
      expect(changed.counts.prices).toBe(1);
      expect(f.sandbox.requests.total - t0).toBe(1);
      const barcode = (await f.db.goodsForExport([], 2)).find((g) => g.id === 12)!.barcode1;
      expect(f.sandbox.model.snapshot().variants.find((v) => v.barcode === barcode)!.price).toBe(7770);
    });

    it('imports a store order once as an OperType 19 document, and the next export lowers the quantity', async () => {
      const goods = await f.db.goodsForExport([], 2);
      const good = goods.find((g) => g.id === 20)!;
      const variantBefore = f.sandbox.model.snapshot().variants.find((v) => v.barcode === good.barcode1)!;
      const order = f.sandbox.placeOrder({
        email: 'maria@example.bg',
        firstName: 'Мария',
        lastName: 'Иванова',
        phone: '0888111222',
        city: 'Варна',
        lines: [{ barcode: good.barcode1, quantity: 2 }],
      });

      const dry = await run('import', true);
      expect(dry.counts.ordersToWrite).toBe(1);
      expect(await readOrder(f.db.conn, { note: orderStamp(f.sandbox.url, order.id) })).toHaveLength(0);

      const first = await run('import');
      expect(first.state, first.error ?? '').toBe('succeeded');
      expect(first.counts.ordersImported).toBe(1);
      const rows = await readOrder(f.db.conn, { note: orderStamp(f.sandbox.url, order.id) });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ goodId: 20, qtty: 2, objectId: 2, sign: 0 });
      expect(rows[0].priceOut).toBeCloseTo(Number(variantBefore.price) / 100);
      const partner = await f.db.conn.query<{ c: string }>('SELECT Company AS c FROM partners WHERE ID = ?', [
        rows[0].partnerId,
      ]);
      expect(partner[0].c).toBe('Мария Иванова');
      expect(f.sandbox.model.snapshot().orders[0].usn).toBe(String(rows[0].acct));

      const [again, twice] = await Promise.all([
        run('import'),
        f.t.engine.sync.runToEnd(f.server.id, 'import', false).catch((e) => e),
      ]);
      expect(again.counts.ordersImported ?? 0).toBe(0);
      expect(twice).toBeInstanceOf(Error); // one run of a task at a time
      expect(await readOrder(f.db.conn, { note: orderStamp(f.sandbox.url, order.id) })).toHaveLength(1);

      const parts = (await f.db.availability([20], { objectGroupCodes: ['AAA'], operationsObjectId: 2 })).get(20)!;
      await run('export');
      const after = f.sandbox.model.snapshot().variants.find((v) => v.barcode === good.barcode1)!;
      expect(after.quantity).toBe(Math.max(0, parts.onHand - parts.reserved));
      expect(parts.reserved).toBeGreaterThanOrEqual(2);
    });

    it('an order with an unknown product needs attention and is not written', async () => {
      const v = f.sandbox.model.snapshot().variants[0];
      const row = f.sandbox.model.table('variants').get(Number(v.id))!;
      row.attributes.barcode = '0000000000000';
      const order = f.sandbox.placeOrder({ email: 'x@example.bg', lines: [{ barcode: '0000000000000', quantity: 1 }] });
      const r = await run('import');
      expect(r.counts.ordersNeedAttention).toBe(1);
      expect(await readOrder(f.db.conn, { note: orderStamp(f.sandbox.url, order.id) })).toHaveLength(0);
      expect(f.t.engine.sync.state.attention(f.server.id)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'order', ref: String(order.id), reason: 'unknown_product' }),
        ]),
      );
    });
  });
}

describe('download goods from CloudCart into an empty database, then export', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    // A store filled by one export, and a second, empty Warehouse Pro database.
    f = await createSyncFixture('sqlite', { demo: { goods: 30, problems: false } });
    await f.t.engine.sync.runToEnd(f.server.id, 'export', false);
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('creates goods for every store variant, links them, and a following export duplicates nothing', async () => {
    const storeBefore = f.sandbox.model.snapshot();
    await f.db.conn.run('DELETE FROM goods WHERE ID > 1');
    await f.db.conn.run('DELETE FROM store WHERE GoodID > 1');
    // Forget the links, as on a fresh install against this store.
    f.t.engine.db.prepare('DELETE FROM variant_map').run();
    const saved = f.t.engine.servers.get(f.server.id);
    f.t.engine.servers.save({
      ...saved,
      settings: { ...saved.settings, importTask: { ...saved.settings.importTask, downloadGoods: true } },
      secrets: {},
    });

    const plan = await f.t.engine.sync.runToEnd(f.server.id, 'download-goods', true);
    expect(plan.counts).toMatchObject({ matched: 0, storeOnly: storeBefore.variants.length });
    expect((await f.db.goodsForExport([], 2)).length).toBe(0);

    const real = await f.t.engine.sync.runToEnd(f.server.id, 'download-goods', false);
    expect(real.state, real.error ?? '').toBe('succeeded');
    const goods = await f.db.goodsForExport([], 2);
    expect(goods).toHaveLength(storeBefore.variants.length);
    expect(f.t.engine.servers.get(f.server.id).settings.importTask.downloadGoods).toBe(false);
    const variantGoods = goods.filter((g) => g.catalogs[0].startsWith('Размер-'));
    expect(new Set(variantGoods.map((g) => g.code)).size).toBeLessThan(variantGoods.length);

    const exported = await f.t.engine.sync.runToEnd(f.server.id, 'export', false);
    expect(exported.state, exported.error ?? '').toBe('succeeded');
    const storeAfter = f.sandbox.model.snapshot();
    expect(storeAfter.products).toHaveLength(storeBefore.products.length);
    expect(storeAfter.variants).toHaveLength(storeBefore.variants.length);
  });
});
