/**
 * Every imported order followed to its end (issue 15 points 7 and 8), end to end on real MariaDB
 * and the sandbox over HTTP: an order placed, imported, then cancelled in the store: on the next
 * poll its document is gone, the available quantity is back and the history says so, once. Lines
 * changed in the store update the document; a document edited in Warehouse Pro is not touched and
 * needs attention until it holds our rows again; a fulfilled order's reservation ends, and with
 * the sale recorded in Warehouse Pro the available quantity drops once, not twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docRows } from '../../electron/engine/wpdb/order-writer';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let f: SyncFixture;
const run = (task: 'export' | 'import', dryRun = false) =>
  f.t.engine.sync.runToEnd({ serverId: f.server.id, task, dryRun });

/** The merchant changes the order in the store (the sandbox's admin route): `updated_at` moves, as CloudCart's does. */
async function storeChange(
  orderId: number,
  change: { status?: string; status_fulfillment?: string; lines?: { variantId: number; quantity: number }[] },
) {
  const res = await fetch(`${f.sandbox.url}/__sandbox/orders/${orderId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(change),
  });
  expect(res.status, await res.text()).toBeLessThan(300);
}

/** The store's quantity of the variant with this barcode, after an export. */
function storeQuantity(barcode: string): number {
  return Number(f.sandbox.model.snapshot().variants.find((v) => v.barcode === barcode)!.quantity);
}

function doc(orderId: number) {
  return f.t.engine.sync.state.docs.get(f.server.id, String(orderId))!;
}

async function rowsOf(orderId: number) {
  const d = doc(orderId);
  return docRows(f.db.conn, d.acct, d.objectId);
}

let goods: { id: number; barcode: string; variantId: number }[] = [];

function place(lines: { good: number; quantity: number }[]): number {
  return f.sandbox.placeOrder({
    email: `follow${Math.random()}@example.bg`,
    firstName: 'Следена',
    lastName: 'Поръчка',
    lines: lines.map((l) => ({ variantId: goods[l.good].variantId, quantity: l.quantity })),
  }).id;
}

beforeAll(async () => {
  f = await createSyncFixture('mysql', { demo: { goods: 30 } });
  expect((await run('export')).state).toBe('succeeded');
  const variants = f.sandbox.model.snapshot().variants;
  const exportable = await f.db.goodsForExport([], 2);
  goods = exportable
    .filter((g) => g.barcode1 !== f.wpdb.summary.duplicateBarcode)
    .map((g) => ({
      id: g.id,
      barcode: g.barcode1,
      variantId: Number(variants.find((v) => v.barcode === g.barcode1)?.id),
    }))
    .filter((g) => g.variantId > 0)
    .slice(0, 8);
  // Enough stock that no quantity is floored at 0, so every drop shows.
  await f.db.conn.run('UPDATE store SET Qtty = 50 WHERE GoodID IN (' + goods.map((g) => g.id).join(', ') + ')');
  expect((await run('export')).state).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await f?.cleanup();
});

describe('imported orders followed to their end (MariaDB + sandbox)', () => {
  it('placed -> imported -> cancelled in the store -> next poll: the document is gone, the quantity back, the history says so once', async () => {
    const before = storeQuantity(goods[0].barcode);
    const id = place([
      { good: 0, quantity: 2 },
      { good: 1, quantity: 1 },
    ]);
    const imported = await run('import');
    expect(imported.state, imported.error ?? '').toBe('succeeded');
    expect(imported.counts.ordersImported).toBe(1);
    expect(doc(id).state).toBe('open');
    expect(await rowsOf(id)).toHaveLength(2);

    await run('export');
    expect(storeQuantity(goods[0].barcode)).toBe(before - 2);

    await storeChange(id, { status: 'cancelled' });
    const poll = await run('import');
    expect(poll.state, poll.error ?? '').toBe('succeeded');
    expect(poll.counts.ordersAnnulled).toBe(1);
    expect(await rowsOf(id)).toEqual([]);
    expect(doc(id).state).toBe('annulled');
    // The rows are kept, whole, so the annulment can be undone: undone, the document is back.
    expect(doc(id).rows).toHaveLength(2);
    expect(doc(id).removed).toHaveLength(2);
    const undone = await f.db.reinstateOrder({ acct: doc(id).acct, objectId: doc(id).objectId }, doc(id).removed!);
    expect(undone.outcome === 'done' ? undone.rows.map((r) => [r.goodId, r.qtty]) : undone).toEqual([
      [goods[0].id, 2],
      [goods[1].id, 1],
    ]);
    await f.db.annulOrder(
      { acct: doc(id).acct, objectId: doc(id).objectId },
      undone.outcome === 'done' ? undone.rows : [],
    );
    const items = f.t.engine.sync.state.runItems(poll.id).filter((i) => i.ref === String(id));
    expect(items).toEqual([
      expect.objectContaining({ action: 'annul', status: 'done', newValue: `OR ${doc(id).acct} анулиран` }),
    ]);
    expect(items[0].oldValue).toContain(`#${goods[0].id} × 2`);
    // The poll's cost is in the run: one page of changed orders when nothing else changed.
    expect(poll.counts.followRequests).toBeGreaterThanOrEqual(1);
    expect(poll.counts.followRequests).toBeLessThanOrEqual(3);

    const exp = await run('export');
    expect(exp.state).toBe('succeeded');
    expect(storeQuantity(goods[0].barcode)).toBe(before);

    // The next polls annul nothing again.
    const again = await run('import');
    expect(again.counts.ordersAnnulled).toBeUndefined();
    const audit = f.t.engine.sync.state
      .auditRows(f.server.id)
      .filter((r) => r.ref === String(id) && r.action === 'annul');
    expect(audit).toHaveLength(1);
  }, 60_000);

  it('lines changed in the store: the document is updated in place (same row for a good that stays)', async () => {
    await run('export');
    const start = storeQuantity(goods[2].barcode);
    const id = place([
      { good: 2, quantity: 1 },
      { good: 3, quantity: 4 },
    ]);
    await run('import');
    const [first, second] = await rowsOf(id);
    await storeChange(id, { lines: [{ variantId: goods[2].variantId, quantity: 3 }] });
    const poll = await run('import');
    expect(poll.counts.ordersUpdated, poll.error ?? '').toBe(1);
    const rows = await rowsOf(id);
    expect(rows).toEqual([expect.objectContaining({ id: first.id, goodId: goods[2].id, qtty: 3 })]);
    expect(rows.some((r) => r.id === second.id)).toBe(false);
    expect(doc(id).rows).toEqual(rows);
    // Reserved now is the new line: 3 of good 2, and nothing of good 3.
    await run('export');
    expect(storeQuantity(goods[2].barcode)).toBe(start - 3);
  }, 60_000);

  it('a document edited in Warehouse Pro is left alone and needs attention, until it holds our rows again', async () => {
    const id = place([{ good: 4, quantity: 2 }]);
    await run('import');
    const [row] = await rowsOf(id);
    await f.db.conn.run('UPDATE operations SET Qtty = 5 WHERE ID = ?', [row.id]);
    await storeChange(id, { status: 'cancelled' });
    const poll = await run('import');
    expect(poll.counts.ordersAnnulled).toBeUndefined();
    expect(await rowsOf(id)).toEqual([expect.objectContaining({ id: row.id, qtty: 5 })]);
    expect(f.t.engine.sync.state.attention(f.server.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'order_doc', ref: String(id), reason: 'edited_in_warehouse' }),
      ]),
    );
    expect(doc(id).state).toBe('attention');
    // Put back as we wrote it: the next poll annuls it, and the attention is resolved.
    await f.db.conn.run('UPDATE operations SET Qtty = 2 WHERE ID = ?', [row.id]);
    const next = await run('import');
    expect(next.counts.ordersAnnulled).toBe(1);
    expect(await rowsOf(id)).toEqual([]);
    expect(f.t.engine.sync.state.attention(f.server.id).some((a) => a.ref === String(id))).toBe(false);
  }, 60_000);

  it('imported, the sale recorded in Warehouse Pro, fulfilled in the store: the quantity drops once, not twice', async () => {
    const good = goods[5];
    const start = storeQuantity(good.barcode);
    const id = place([{ good: 5, quantity: 3 }]);
    await run('import');
    await run('export');
    expect(storeQuantity(good.barcode)).toBe(start - 3);
    // The shop records the sale in Warehouse Pro: stock goes down by 3 at the operations object.
    await f.db.conn.run('UPDATE store SET Qtty = Qtty - 3 WHERE GoodID = ? AND ObjectID = 2', [good.id]);
    await storeChange(id, { status_fulfillment: 'fulfilled' });
    const poll = await run('import');
    expect(poll.counts.reservationsEnded).toBe(1);
    expect(doc(id).state).toBe('fulfilled');
    const items = f.t.engine.sync.state.runItems(poll.id).filter((i) => i.ref === String(id));
    expect(items).toEqual([expect.objectContaining({ action: 'fulfil', status: 'done' })]);
    await run('export');
    expect(storeQuantity(good.barcode)).toBe(start - 3);
    // Paid later: the store completes it (paid + fulfilled), following ends, the quantity stays.
    await storeChange(id, { status: 'paid' });
    await run('import');
    expect(doc(id).state).toBe('completed');
    await run('export');
    expect(storeQuantity(good.barcode)).toBe(start - 3);
    // The document itself stays: a completed order is a sale, not an annulment.
    expect(await rowsOf(id)).toHaveLength(1);
  }, 60_000);
});
