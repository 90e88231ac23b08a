/**
 * Issue 15 points 2-6: every imported order followed to its end.
 * - A late status change: an order skipped for its status (timed out, awaiting an online payment)
 *   and paid later becomes a document then; a failed `usn` write-back is tried again until it holds.
 * - A fresh data folder: orders with a `usn` in the store, or whose stamp is in Warehouse Pro, are
 *   never planned or written again.
 * - Line quantities Warehouse Pro must not take send the order to "needs attention", no document.
 * - The operations object and operator must exist; the run says so in Bulgarian and English.
 * - The first-import boundary, "fetch orders from D", and the statuses setting.
 * Real parts: the sandbox over HTTP, SQLite or MariaDB, a real engine on a temporary data folder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../electron/engine/probes-db';
import { orderStamp } from '../../electron/engine/sync/order-stamp';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import type { SyncSettings } from '../../shared/types/server-profile';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { createTempEngine, type TempEngine } from '../helpers/temp-engine';

let f: SyncFixture | null = null;
let fresh: TempEngine | null = null;
afterEach(async () => {
  await fresh?.cleanup();
  await f?.cleanup();
  f = null;
  fresh = null;
});

const ALL_DAYS = {
  orders: {
    statuses: ['authorized', 'paid', 'completed'],
    cashOnDelivery: true,
    from: '2026-01-01',
    importOnSince: null,
  },
} as Partial<SyncSettings>;

async function setUp(kind: 'sqlite' | 'mysql' = 'sqlite', settings: Partial<SyncSettings> = {}) {
  f = await createSyncFixture(kind, { demo: { goods: 12, problems: false }, settings });
  await run('export');
  return f;
}

async function run(task: 'export' | 'import', dryRun = false, engine = f!.t.engine, serverId = f!.server.id) {
  const summary = await engine.sync.runToEnd(serverId, task, dryRun);
  expect(summary.state, summary.error ?? '').not.toBe('failed');
  return summary;
}

const variant = (n = 0) => [...f!.sandbox.model.table('variants').values()][n];
const documents = async (orderId: number) =>
  (await readOrder(f!.db.conn, { note: orderStamp(f!.server.store.domain, orderId) })).length;
const usnOf = (orderId: number) => f!.sandbox.model.table('orders').get(orderId)!.attributes.usn;

describe('late status changes', () => {
  it('an order that timed out and is paid later is written then, once', async () => {
    await setUp();
    const order = f!.sandbox.placeOrder({
      email: 'late@example.bg',
      status: 'timeouted',
      lines: [{ variantId: variant().id, quantity: 1 }],
    });
    const first = await run('import');
    expect(first.counts.ordersImported ?? 0).toBe(0);
    expect(await documents(order.id)).toBe(0);

    // Other orders come and go meanwhile: the watermark moves past the timed-out one.
    f!.sandbox.placeOrder({ email: 'other@example.bg', lines: [{ variantId: variant(1).id, quantity: 1 }] });
    expect((await run('import')).counts.ordersImported).toBe(1);

    f!.sandbox.changeOrder(order.id, { status: 'paid' });
    const paid = await run('import');
    expect(paid.counts.ordersImported).toBe(1);
    expect(await documents(order.id)).toBe(1);
    expect(usnOf(order.id)).toBeTruthy();
    expect((await run('import')).counts.ordersImported ?? 0).toBe(0);
  });

  it('awaiting an online payment is not imported by default; cash on delivery is; paid later it is', async () => {
    await setUp();
    const online = f!.sandbox.placeOrder({
      email: 'card@example.bg',
      paymentProvider: 'stripe',
      lines: [{ variantId: variant().id, quantity: 1 }],
    });
    const cod = f!.sandbox.placeOrder({ email: 'cod@example.bg', lines: [{ variantId: variant().id, quantity: 1 }] });
    await run('import');
    expect([await documents(online.id), await documents(cod.id)]).toEqual([0, 1]);
    f!.sandbox.changeOrder(online.id, { status: 'paid' });
    await run('import');
    expect(await documents(online.id)).toBe(1);
  });

  it('a usn that did not reach the store is written on a later run', async () => {
    await setUp();
    const order = f!.sandbox.placeOrder({ email: 'usn@example.bg', lines: [{ variantId: variant().id, quantity: 1 }] });
    // Refused twice: the write-back right after the write, and its retry at the end of the run.
    f!.sandbox.faults.failRoutes = [{ route: 'PATCH /api/v2/orders/{id}', status: 422, times: 2 }];
    const first = await f!.t.engine.sync.runToEnd(f!.server.id, 'import', false);
    expect(first.counts.ordersImported).toBe(1);
    expect(usnOf(order.id)).toBeNull();
    await run('import');
    const [doc] = await readOrder(f!.db.conn, { note: orderStamp(f!.server.store.domain, order.id) });
    expect(usnOf(order.id)).toBe(String(doc.acct));
    expect(await documents(order.id)).toBe(1);
  });
});

describe('a fresh data folder', () => {
  it('plans and writes nothing for orders with a usn in the store or a stamp in Warehouse Pro', async () => {
    await setUp('mysql');
    const lines = [{ variantId: variant().id, quantity: 1 }];
    const withUsn = f!.sandbox.placeOrder({ email: 'a@example.bg', lines });
    await run('import');
    expect(usnOf(withUsn.id)).toBeTruthy();
    // Written, but its usn never reached the store.
    const stampedOnly = f!.sandbox.placeOrder({ email: 'b@example.bg', lines });
    f!.sandbox.faults.failRoutes = [{ route: 'PATCH /api/v2/orders/{id}', status: 422, times: 2 }];
    await f!.t.engine.sync.runToEnd(f!.server.id, 'import', false);
    expect(usnOf(stampedOnly.id)).toBeNull();
    const docsBefore = await f!.db.conn.query<{ n: number }>(
      'SELECT COUNT(DISTINCT Acct) AS n FROM operations WHERE OperType = 19',
    );

    // The same server set up again on a new data folder, importing "from" a day before them all.
    fresh = createTempEngine();
    const again = fresh.engine.servers.save({
      name: 'Отново',
      type: 'wp-import-export-cloudcart',
      store: { domain: f!.server.store.domain },
      database: f!.wpdb.connection,
      settings: { ...f!.server.settings, ...ALL_DAYS },
      secrets: { apiKey: f!.sandbox.apiKey },
    });
    const plan = await run('import', true, fresh.engine, again.id);
    expect(plan.counts.ordersToWrite ?? 0).toBe(0);
    expect(fresh.engine.sync.state.runItems(plan.id).filter((i) => i.status === 'planned')).toEqual([]);
    const done = await run('import', false, fresh.engine, again.id);
    expect(done.counts.ordersImported ?? 0).toBe(0);
    const docsAfter = await f!.db.conn.query<{ n: number }>(
      'SELECT COUNT(DISTINCT Acct) AS n FROM operations WHERE OperType = 19',
    );
    expect(Number(docsAfter[0].n)).toBe(Number(docsBefore[0].n));
    // The stamped one's number now reaches the store.
    const [doc] = await readOrder(f!.db.conn, { note: orderStamp(f!.server.store.domain, stampedOnly.id) });
    expect(usnOf(stampedOnly.id)).toBe(String(doc.acct));
  });
});

describe('order lines Warehouse Pro must not take', () => {
  it('zero, negative, missing, absurd and fractional piece quantities go to attention and write nothing', async () => {
    await setUp();
    const piece = variant(0);
    const [pieceGood] = (await f!.db.findGoods('barcode1', [String(piece.attributes.barcode)])).get(
      String(piece.attributes.barcode),
    )!;
    await f!.db.conn.run("UPDATE goods SET Measure1 = 'бр.' WHERE ID = ?", [pieceGood]);
    const kilo = variant(1);
    const [kiloGood] = (await f!.db.findGoods('barcode1', [String(kilo.attributes.barcode)])).get(
      String(kilo.attributes.barcode),
    )!;
    await f!.db.conn.run("UPDATE goods SET Measure1 = 'кг' WHERE ID = ?", [kiloGood]);
    const place = (quantity: number, v = piece) =>
      f!.sandbox.placeOrder({ email: `q${quantity}@example.bg`, lines: [{ variantId: v.id, quantity }] }).id;
    const bad = {
      zero: place(0),
      negative: place(-2),
      absurd: place(1e9),
      fraction: place(1.5),
      missing: place(1),
    };
    // A line the store sent without a quantity.
    const missingLine = f!.sandbox.model.table('orders').get(bad.missing)!.rel.products as [string, number][];
    f!.sandbox.model.table('order-products').get(missingLine[0][1])!.attributes.quantity = null;
    const kiloOrder = place(1.5, kilo);

    const summary = await run('import');
    expect(summary.counts.ordersImported).toBe(1);
    expect(await documents(kiloOrder)).toBe(1);
    const reasons = Object.fromEntries(
      f!.t.engine.sync.state.attention(f!.server.id).map((a) => [Number(a.ref), a.reason]),
    );
    expect(reasons).toEqual({
      [bad.zero]: 'bad_quantity',
      [bad.negative]: 'bad_quantity',
      [bad.absurd]: 'bad_quantity',
      [bad.fraction]: 'fractional_piece',
      [bad.missing]: 'bad_quantity',
    });
    for (const id of Object.values(bad)) expect(await documents(id)).toBe(0);
    const noDocs = await f!.db.conn.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM operations WHERE OperType = 19 AND Qtty <= 0',
    );
    expect(Number(noDocs[0].n)).toBe(0);
  });

  it('a missing operations object or operator stops the import with a clear message', async () => {
    await setUp('sqlite', { operationsObjectId: 999, operatorId: 998 });
    f!.sandbox.placeOrder({ email: 'x@example.bg', lines: [{ variantId: variant().id, quantity: 1 }] });
    const summary = await f!.t.engine.sync.runToEnd(f!.server.id, 'import', false);
    expect(summary.state).toBe('failed');
    expect(summary.error).toContain('обект за операции № 999');
    expect(summary.error).toContain('оператор № 998');
    // The editor's "Test database connection" says so before the server is saved.
    const bad = await testDatabase(f!.wpdb.connection, null, 'en', { objectId: 999, operatorId: 2 });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('has no operations object no. 999');
    expect(bad.message).not.toContain('operator no.');
    expect((await testDatabase(f!.wpdb.connection, null, 'en', { objectId: 2, operatorId: 2 })).ok).toBe(true);
  });
});

describe('which orders and from when', () => {
  it('orders placed before the import was switched on stay in the store; "fetch from D" brings them', async () => {
    await setUp();
    const old = f!.sandbox.placeOrder({
      email: 'old@example.bg',
      dateAdded: '2026-02-10 10:00:00',
      lines: [{ variantId: variant().id, quantity: 1 }],
    });
    const now = f!.sandbox.placeOrder({ email: 'new@example.bg', lines: [{ variantId: variant().id, quantity: 1 }] });
    await run('import');
    expect([await documents(old.id), await documents(now.id)]).toEqual([0, 1]);

    const fetched = await f!.t.engine.sync.runToEnd(f!.server.id, 'import', false, false, undefined, '2026-02-01');
    expect(fetched.counts.ordersImported).toBe(1);
    expect(await documents(old.id)).toBe(1);
    // The next (scheduled) run reads from the watermark again: nothing more, nothing twice.
    expect((await run('import')).counts.ordersImported ?? 0).toBe(0);
  });

  it('"import orders from" a day in the settings, and the statuses chosen', async () => {
    await setUp('sqlite', {
      orders: { statuses: ['pending', 'paid'], cashOnDelivery: false, from: '2026-02-01', importOnSince: null },
    } as Partial<SyncSettings>);
    const lines = [{ variantId: variant().id, quantity: 1 }];
    const before = f!.sandbox.placeOrder({ email: 'a@example.bg', dateAdded: '2026-01-31 23:59:59', lines });
    const after = f!.sandbox.placeOrder({ email: 'b@example.bg', dateAdded: '2026-02-01 00:00:00', lines });
    const online = f!.sandbox.placeOrder({ email: 'c@example.bg', paymentProvider: 'stripe', lines });
    const completed = f!.sandbox.placeOrder({ email: 'd@example.bg', status: 'completed', lines });
    await run('import');
    expect([before, after, online, completed].map((o) => o.id)).toHaveLength(4);
    expect([
      await documents(before.id),
      await documents(after.id),
      await documents(online.id),
      await documents(completed.id),
    ]).toEqual([0, 1, 1, 0]);
  });
});
