/**
 * Reverting an export run (B10) on real parts (MariaDB and SQLite Warehouse Pro, the sandbox): the
 * plan sets back each price and quantity that run sent, only where the store still holds it (a
 * price changed in the store since is left alone and listed so), reads only the affected products,
 * sets a product the run created inactive without deleting it, and "Apply" runs exactly that plan.
 * Afterwards the delta state is right: the next export's plan sends the Warehouse Pro values again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunItem, RunSummary } from '../../shared/types/sync';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

for (const kind of ['sqlite', 'mysql'] as const)
  describe(`revert an export run (${kind === 'mysql' ? 'MariaDB' : 'SQLite'})`, () => {
    let f: SyncFixture;
    let reverted: RunSummary;
    let plan: RunSummary;
    let newProductId: string;
    const before = new Map<number, { price: number; quantity: number }>();
    const sync = () => f.t.engine.sync;
    const link = (goodId: number) => sync().state.links(f.server.id).get(goodId)!;
    const variant = (goodId: number) => f.sandbox.model.table('variants').get(Number(link(goodId).variantId))!;
    const items = (run: RunSummary) => sync().state.runItems(run.id);
    const rowOf = (list: RunItem[], goodId: number, kind: string) =>
      list.find((i) => i.kind === kind && i.ref.startsWith(`${goodId} `));

    beforeAll(async () => {
      f = await createSyncFixture(kind, { demo: { goods: 30, problems: false, variantShare: 0 } });
      const first = await sync().runToEnd({ serverId: f.server.id, task: 'export' });
      expect(first.state, first.error ?? '').toBe('succeeded');
      for (const id of [2, 3, 4, 6]) {
        const v = variant(id).attributes;
        before.set(id, { price: Number(v.price), quantity: Number(v.quantity) });
      }
      // In Warehouse Pro: three prices and one stock change, and a new good.
      await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1 WHERE ID IN (2, 3, 4)');
      await f.db.conn.run('UPDATE store SET Qtty = Qtty + 5 WHERE GoodID = 6 AND ObjectID = 2');
      await f.db.conn.run(
        `INSERT INTO goods (Code, BarCode1, BarCode2, BarCode3, Catalog1, Catalog2, Catalog3, Name, Name2, Measure1, Measure2,
         Ratio, PriceOut2, Description, TaxGroup, GroupID, Deleted)
       SELECT 'REV1', '4400000000026', 'REV-1', ' ', ' ', ' ', ' ', 'Нов за връщане', 'Нов за връщане', Measure1, Measure2,
         Ratio, 12.5, ' ', TaxGroup, GroupID, 0 FROM goods WHERE ID = 5`,
      );
      reverted = await sync().runToEnd({ serverId: f.server.id, task: 'export' });
      expect(reverted.state, reverted.error ?? '').toBe('succeeded');
      expect(reverted.counts).toMatchObject({ prices: 3, quantities: 1, productsCreated: 1 });
      const created = items(reverted).find((i) => i.kind === 'product' && i.action === 'create')!;
      newProductId = /CloudCart #(\d+)$/.exec(created.newValue ?? '')![1];
    });
    afterAll(async () => {
      await f?.cleanup();
    });

    it('plans the revert, leaves a price changed in the store since alone, and reads only the affected products', async () => {
      // The merchant changes good 3's price in the store after that run (through the API).
      const res = await fetch(`${f.sandbox.url}/api/v2/variants/${link(3).variantId}`, {
        method: 'PATCH',
        headers: {
          'x-cloudcart-apikey': f.sandbox.apiKey,
          'content-type': 'application/vnd.api+json',
          accept: 'application/vnd.api+json',
        },
        body: JSON.stringify({ data: { type: 'variants', id: link(3).variantId, attributes: { price: 777 } } }),
      });
      expect(res.status).toBe(200);
      const store = JSON.stringify(f.sandbox.model.snapshot());
      const requestsBefore = f.sandbox.requests.total;

      plan = await sync().runToEnd({ serverId: f.server.id, task: 'revert', dryRun: true, revertOf: reverted.id });
      expect(plan.state, plan.error ?? '').toBe('succeeded');
      expect(plan.revertOf).toBe(reverted.id);
      // Goods 2, 3, 4 and 6 and the new product: five products read, one request each, nothing else.
      expect(plan.counts.storeReads).toBe(5);
      expect(f.sandbox.requests.total - requestsBefore).toBe(5);
      expect(plan.requests).toBe(5);
      expect(JSON.stringify(f.sandbox.model.snapshot())).toBe(store);

      const planned = items(plan);
      for (const id of [2, 4]) {
        expect(rowOf(planned, id, 'price')).toMatchObject({
          action: 'revert',
          status: 'planned',
          oldValue: (Number(variant(id).attributes.price) / 100).toFixed(2),
          newValue: (before.get(id)!.price / 100).toFixed(2),
        });
      }
      expect(rowOf(planned, 3, 'price')).toMatchObject({ action: 'left-alone', status: 'skipped', oldValue: '7.77' });
      expect(rowOf(planned, 3, 'price')!.message).toContain('Променено в магазина след това изпълнение');
      expect(rowOf(planned, 6, 'quantity')).toMatchObject({
        action: 'revert',
        newValue: String(before.get(6)!.quantity),
      });
      expect(planned.find((i) => i.kind === 'product' && i.action === 'deactivate')!.explain).toContain(
        `CloudCart #${newProductId}`,
      );
      expect(plan.counts).toMatchObject({ pricesReverted: 2, quantitiesReverted: 1, deactivated: 1, leftAlone: 1 });
    });

    it('"Apply" sets the store back, leaves the changed price, and sets the created product inactive without deleting it', async () => {
      const applied = await sync().runToEnd({ serverId: f.server.id, task: 'revert', planRunId: plan.id });
      expect(applied.state, applied.error ?? '').toBe('succeeded');
      expect(applied.revertOf).toBe(reverted.id);
      for (const id of [2, 4]) expect(Number(variant(id).attributes.price)).toBe(before.get(id)!.price);
      expect(Number(variant(6).attributes.quantity)).toBe(before.get(6)!.quantity);
      expect(Number(variant(3).attributes.price)).toBe(777);
      const product = f.sandbox.model.table('products').get(Number(newProductId));
      expect(product, 'the created product still exists').toBeDefined();
      expect(product!.attributes.active).toBe('no');
      // The revert is a run of its own, in the audit trail.
      const audit = sync()
        .state.auditRows(f.server.id)
        .filter((r) => r.runId === applied.id);
      expect(audit.filter((r) => r.status === 'done')).toHaveLength(4);
      expect(audit.filter((r) => r.action === 'left-alone')).toHaveLength(1);
      // The mapping's last values sent are what the store holds now.
      expect(link(2).lastPrice).toBe(before.get(2)!.price);
      expect(link(6).lastQuantity).toBe(before.get(6)!.quantity);
    });

    it("the next export's plan sends the Warehouse Pro values again (Warehouse Pro did not change)", async () => {
      const next = await sync().runToEnd({ serverId: f.server.id, task: 'export', dryRun: true });
      expect(next.state, next.error ?? '').toBe('succeeded');
      const planned = items(next);
      const sent = items(reverted);
      for (const id of [2, 4]) expect(rowOf(planned, id, 'price')?.newValue).toBe(rowOf(sent, id, 'price')!.newValue);
      expect(rowOf(planned, 6, 'quantity')?.newValue).toBe(rowOf(sent, 6, 'quantity')!.newValue);
      // Good 3: the store's own price stays; the export last sent the Warehouse Pro price, unchanged since.
      expect(rowOf(planned, 3, 'price')).toBeUndefined();
      expect(planned.some((i) => i.kind === 'product' && i.action === 'activate')).toBe(true);
    });

    it('a second revert of the same run changes nothing and says the store is back already', async () => {
      const again = await sync().runToEnd({
        serverId: f.server.id,
        task: 'revert',
        dryRun: true,
        revertOf: reverted.id,
      });
      expect(again.state, again.error ?? '').toBe('succeeded');
      const planned = items(again);
      expect(planned.filter((i) => i.status === 'planned')).toEqual([]);
      for (const id of [2, 4]) expect(rowOf(planned, id, 'price')!.message).toContain('вече е на стойността отпреди');
      expect(rowOf(planned, 3, 'price')!.message).toContain('Променено в магазина');
      expect(planned.find((i) => i.kind === 'product')!.message).toContain('вече е неактивен');
    });

    it('refuses to revert a dry run or an import, saying what can be reverted', async () => {
      const imported = await sync().runToEnd({ serverId: f.server.id, task: 'import' });
      const refused = await sync().runToEnd({
        serverId: f.server.id,
        task: 'revert',
        dryRun: true,
        revertOf: imported.id,
      });
      expect(refused.state).toBe('failed');
      expect(refused.error).toContain('Връщат се само завършени изпълнения на експорта');
      const missing = await sync().runToEnd({ serverId: f.server.id, task: 'revert', dryRun: true });
      expect(missing.error).toContain('не е намерено');
    });
  });
