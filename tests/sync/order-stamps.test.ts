/**
 * Issue 15 point 1: an order's document names its store (`CloudCart <domain> #<id>`), so two
 * servers (two stores) writing into one Warehouse Pro database never take each other's orders:
 * both stores' #1000 become two documents, and each store gets its own document's number as `usn`.
 * The old stamp `CloudCart #<id>` still counts as this store's when nobody else writes there, and
 * waits in "needs attention" when another store does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { legacyOrderStamp, orderStamp, parseOrderStamp } from '../../electron/engine/sync/order-stamp';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import type { ServerProfileView } from '../../shared/types/server-profile';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let f: SyncFixture | null = null;
let other: Sandbox | null = null;
afterEach(async () => {
  await other?.close();
  await f?.cleanup();
  f = null;
  other = null;
});

async function run(fx: SyncFixture, serverId: string, task: 'export' | 'import', dryRun = false) {
  const summary = await fx.t.engine.sync.runToEnd(serverId, task, dryRun);
  expect(summary.state, summary.error ?? '').toBe('succeeded');
  return summary;
}

/** A second server of the same program: another store (its own sandbox), the same database. */
async function secondStore(fx: SyncFixture): Promise<{ sandbox: Sandbox; server: ServerProfileView }> {
  const sandbox = await startSandbox({ rateLimit: 100_000, windowMs: 60_000 });
  const server = fx.t.engine.servers.save({
    name: 'Втори магазин',
    type: 'wp-import-export-cloudcart',
    store: { domain: sandbox.url.replace('127.0.0.1', 'localhost') },
    database: fx.wpdb.connection,
    settings: fx.server.settings,
    secrets: { apiKey: sandbox.apiKey },
  });
  return { sandbox, server };
}

const firstBarcode = (s: Sandbox) => String([...s.model.table('variants').values()][0].attributes.barcode);

describe('order stamps', () => {
  it('name the store: lower case, no scheme, no trailing slash; the old form is read too', () => {
    expect(orderStamp('HTTPS://Shop.Example.bg/', 1042)).toBe('CloudCart shop.example.bg #1042');
    expect(orderStamp('http://127.0.0.1:4010', '7')).toBe('CloudCart 127.0.0.1:4010 #7');
    expect(parseOrderStamp('CloudCart shop.example.bg #1042')).toEqual({ domain: 'shop.example.bg', orderId: '1042' });
    expect(parseOrderStamp(' CloudCart #1042 ')).toEqual({ domain: null, orderId: '1042' });
    expect(parseOrderStamp('CloudCart #abc')).toBeNull();
    expect(parseOrderStamp('Поръчка 5')).toBeNull();
    expect(parseOrderStamp(null)).toBeNull();
  });

  it("two stores on one database each import their #1000, and each gets its own document's number", async () => {
    f = await createSyncFixture('mysql', { demo: { goods: 12, problems: false } });
    const b = await secondStore(f);
    other = b.sandbox;
    await run(f, f.server.id, 'export');
    await run(f, b.server.id, 'export');
    const a1000 = f.sandbox.placeOrder({
      email: 'a@example.bg',
      lines: [{ barcode: firstBarcode(f.sandbox), quantity: 1 }],
    });
    const b1000 = other.placeOrder({ email: 'b@example.bg', lines: [{ barcode: firstBarcode(other), quantity: 2 }] });
    expect([a1000.id, b1000.id]).toEqual([1000, 1000]);

    expect((await run(f, f.server.id, 'import')).counts.ordersImported).toBe(1);
    const second = await run(f, b.server.id, 'import');
    expect(second.counts.ordersImported).toBe(1);

    const docA = await readOrder(f.db.conn, { note: orderStamp(f.server.store.domain, 1000) });
    const docB = await readOrder(f.db.conn, { note: orderStamp(b.server.store.domain, 1000) });
    expect(docA.map((r) => Number(r.qtty))).toEqual([1]);
    expect(docB.map((r) => Number(r.qtty))).toEqual([2]);
    expect(docA[0].acct).not.toBe(docB[0].acct);
    expect(f.sandbox.model.table('orders').get(1000)!.attributes.usn).toBe(String(docA[0].acct));
    expect(other.model.table('orders').get(1000)!.attributes.usn).toBe(String(docB[0].acct));
  });

  it('an old-form stamp counts as ours when only this store writes to the database (fresh state too)', async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 12, problems: false } });
    await run(f, f.server.id, 'export');
    const order = f.sandbox.placeOrder({
      email: 'old@example.bg',
      lines: [{ barcode: firstBarcode(f.sandbox), quantity: 1 }],
    });
    const [good] = (await f.db.findGoods('barcode1', [firstBarcode(f.sandbox)])).get(firstBarcode(f.sandbox))!;
    // What an older version wrote for this order, before the stamp named the store.
    const old = await f.db.writeOrder({
      storeOrderId: String(order.id),
      objectId: 2,
      operatorId: 2,
      partner: { mode: 'fixed', partnerId: 2 },
      date: new Date(),
      note: legacyOrderStamp(order.id),
      lines: [{ goodId: good, quantity: 1, price: 1, discountPercent: 0, vatRate: 0 }],
    });

    const plan = await run(f, f.server.id, 'import', true);
    expect(plan.counts.ordersToWrite ?? 0).toBe(0);
    const done = await run(f, f.server.id, 'import');
    expect(done.counts.ordersImported ?? 0).toBe(0);
    expect(done.counts.ordersAlreadyThere).toBe(1);
    expect(await readOrder(f.db.conn, { note: orderStamp(f.server.store.domain, order.id) })).toHaveLength(0);
    expect(f.sandbox.model.table('orders').get(order.id)!.attributes.usn).toBe(String(old.acct));
  });

  it('an old-form stamp waits in "needs attention" when another store writes to the same database', async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 12, problems: false } });
    const b = await secondStore(f);
    other = b.sandbox;
    await run(f, f.server.id, 'export');
    const order = f.sandbox.placeOrder({
      email: 'old@example.bg',
      lines: [{ barcode: firstBarcode(f.sandbox), quantity: 1 }],
    });
    const [good] = (await f.db.findGoods('barcode1', [firstBarcode(f.sandbox)])).get(firstBarcode(f.sandbox))!;
    await f.db.writeOrder({
      storeOrderId: String(order.id),
      objectId: 2,
      operatorId: 2,
      partner: { mode: 'fixed', partnerId: 2 },
      date: new Date(),
      note: legacyOrderStamp(order.id),
      lines: [{ goodId: good, quantity: 1, price: 1, discountPercent: 0, vatRate: 0 }],
    });
    const summary = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
    expect(summary.counts.ordersImported ?? 0).toBe(0);
    const attention = f.t.engine.sync.state.attention(f.server.id);
    expect(attention.map((a) => [a.ref, a.reason])).toEqual([[String(order.id), 'legacy_stamp_unclear']]);
    expect(f.sandbox.model.table('orders').get(order.id)!.attributes.usn).toBeNull();
  });
});
