/**
 * Issue 15 point 9 (B4): reconciliation of store orders against Warehouse Pro documents, on real
 * parts (the sandbox over HTTP, MariaDB and SQLite). Orders are imported by a real run, then
 * Warehouse Pro is changed as a user would: a document deleted (missing), one copied under a new
 * number (doubled), a price edited (totals differ); one order is cancelled in the store after its
 * import (cancelled but still open). "Recover" writes the missing one, exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileRow } from '../../shared/types/reconcile';
import type { SyncSettings } from '../../shared/types/server-profile';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let f: SyncFixture | null = null;
afterEach(async () => {
  await f?.cleanup();
  f = null;
});

const OPERATION_COLUMNS = [
  'OperType',
  'Acct',
  'GoodID',
  'PartnerID',
  'ObjectID',
  'OperatorID',
  'Qtty',
  'Sign',
  'PriceIn',
  'PriceOut',
  'VATIn',
  'VATOut',
  'Discount',
  'CurrencyID',
  'CurrencyRate',
  'Date',
  'Lot',
  'LotID',
  'Note',
  'SrcDocID',
  'UserID',
  'UserRealTime',
];

/** Five orders placed in November, one in October, one admin draft; all but the draft imported. */
async function importedShop(kind: 'mysql' | 'sqlite') {
  f = await createSyncFixture(kind, {
    demo: { goods: 12, problems: false },
    // Orders dated in 2026 before the server was saved: "import orders from" the year's start.
    settings: {
      orders: {
        statuses: ['authorized', 'paid', 'completed'],
        cashOnDelivery: true,
        from: '2026-01-01',
        importOnSince: null,
      },
    } as Partial<SyncSettings>,
  });
  const exported = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
  expect(exported.state, exported.error ?? '').toBe('succeeded');
  const variants = [...f.sandbox.model.table('variants').values()];
  const place = (
    day: string,
    n: number,
    extra: { draft?: boolean; status?: string; paymentProvider?: string } = {},
  ) => {
    const order = f!.sandbox.placeOrder({
      email: `buyer${n}@example.bg`,
      firstName: 'Купувач',
      lastName: String(n),
      draft: extra.draft,
      paymentProvider: extra.paymentProvider,
      lines: [
        { barcode: String(variants[n].attributes.barcode), quantity: 2 },
        { barcode: String(variants[n + 1].attributes.barcode), quantity: 1 },
      ],
    });
    order.attributes.date_added = `${day} 10:0${n}:00`;
    if (extra.status) order.attributes.status = extra.status;
    return String(order.id);
  };
  const ids = {
    kept: place('2026-11-03', 1),
    deleted: place('2026-11-04', 2),
    copied: place('2026-11-05', 3),
    edited: place('2026-11-06', 4),
    cancelledLater: place('2026-11-07', 5),
    cancelledBefore: place('2026-11-08', 6, { status: 'cancelled' }),
    october: place('2026-10-30', 7),
    draft: place('2026-11-09', 8, { draft: true }),
    // Awaiting a card payment: the settings do not import it (yet).
    awaiting: place('2026-11-10', 0, { status: 'pending', paymentProvider: 'card' }),
  };
  const imported = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });
  expect(imported.state, imported.error ?? '').toBe('succeeded');
  expect(imported.counts.ordersImported).toBe(6);
  return ids;
}

/** The stamp of an order's document as it is in the database (either form). */
async function noteOf(orderId: string): Promise<string> {
  const rows = await f!.db.conn.query<{ n: string }>(
    'SELECT DISTINCT Note AS n FROM operations WHERE OperType = 19 AND Note LIKE ?',
    [`CloudCart%#${orderId}`],
  );
  expect(rows).toHaveLength(1);
  return String(rows[0].n);
}

async function documentsOf(orderId: string): Promise<number[]> {
  const rows = await f!.db.conn.query<{ a: number }>(
    'SELECT DISTINCT Acct AS a FROM operations WHERE OperType = 19 AND PartnerID <> 0 AND Note LIKE ? ORDER BY Acct',
    [`CloudCart%#${orderId}`],
  );
  return rows.map((r) => Number(r.a));
}

/** What a user does in Warehouse Pro: delete one document, copy one, edit one's price. */
async function changeInWarehousePro(ids: Awaited<ReturnType<typeof importedShop>>) {
  const conn = f!.db.conn;
  await conn.run('DELETE FROM operations WHERE OperType = 19 AND Note = ?', [await noteOf(ids.deleted)]);
  const cols = OPERATION_COLUMNS.map((c) => (c === 'Date' ? conn.dialect.quote(c) : c));
  const copy = cols.map((c) => (c === 'Acct' ? 'Acct + 1000' : c)).join(', ');
  await conn.run(
    `INSERT INTO operations (${cols.join(', ')}) SELECT ${copy} FROM operations WHERE OperType = 19 AND Note = ?`,
    [await noteOf(ids.copied)],
  );
  await conn.run('UPDATE operations SET PriceOut = PriceOut + 5 WHERE OperType = 19 AND Note = ?', [
    await noteOf(ids.edited),
  ]);
  f!.sandbox.model.table('orders').get(Number(ids.cancelledLater))!.attributes.status = 'cancelled';
}

describe.each(['mysql', 'sqlite'] as const)('reconciliation on %s', (kind) => {
  it('classes every order of the range: imported, missing, doubled, totals differ, cancelled, not imported', async () => {
    const ids = await importedShop(kind);
    await changeInWarehousePro(ids);
    const report = await f!.t.engine.sync.reconcile(f!.server.id, '2026-11-01', '2026-11-30');
    const byId = new Map(report.rows.map((r) => [r.orderId, r]));
    const cls = (id: string) => byId.get(id)?.class;
    expect(cls(ids.kept)).toBe('imported');
    expect(cls(ids.deleted)).toBe('missing');
    expect(cls(ids.copied)).toBe('doubled');
    expect(cls(ids.edited)).toBe('totals_differ');
    expect(cls(ids.cancelledLater)).toBe('cancelled_open');
    expect(cls(ids.cancelledBefore)).toBe('cancelled');
    expect(cls(ids.awaiting)).toBe('not_imported');
    // Outside the range, and an admin draft: not listed.
    expect(byId.has(ids.october)).toBe(false);
    expect(byId.has(ids.draft)).toBe(false);
    expect(report.rows).toHaveLength(7);
    expect(report.counts).toMatchObject({
      imported: 1,
      missing: 1,
      doubled: 1,
      totals_differ: 1,
      cancelled_open: 1,
      cancelled: 1,
      not_imported: 1,
    });

    // The doubled order names both documents.
    const doubled = byId.get(ids.copied)!;
    expect(doubled.documents.map((d) => d.acct)).toEqual(await documentsOf(ids.copied));
    expect(doubled.documents).toHaveLength(2);

    // Totals: the import's own for the kept one; the edited one is 3 units × 5 more.
    const kept = byId.get(ids.kept)!;
    expect(Math.abs(kept.documentTotal! - kept.storeTotal)).toBeLessThan(0.011);
    const edited = byId.get(ids.edited) as ReconcileRow;
    expect(edited.documentTotal! - edited.storeTotal).toBeCloseTo(15, 2);
    expect(edited.conversion).toContain('EUR');

    // One page of orders: one request.
    expect(report.requests).toBe(1);
    expect(report.csv.csv).toContain(`${ids.deleted},`);
    expect(report.csv.csv.split('\r\n').filter(Boolean)).toHaveLength(8);
  });
});

describe('the range', () => {
  it('refuses a first day after the last, and lists only the orders of the days asked for', async () => {
    const ids = await importedShop('sqlite');
    await expect(f!.t.engine.sync.reconcile(f!.server.id, '2026-11-30', '2026-11-01')).rejects.toThrow(
      /the first not after the last/,
    );
    // Orders only of 4-5 November: the days before and after are left out.
    const report = await f!.t.engine.sync.reconcile(f!.server.id, '2026-11-04', '2026-11-05');
    expect(report.rows.map((r) => r.orderId)).toEqual([ids.deleted, ids.copied]);
  });
});

describe('recover this order', () => {
  it('writes the missing order once; a second recover finds it and writes nothing; a cancelled one is refused', async () => {
    const ids = await importedShop('mysql');
    await changeInWarehousePro(ids);
    const sync = f!.t.engine.sync;
    expect(await documentsOf(ids.deleted)).toEqual([]);

    const first = await sync.recoverOrder(f!.server.id, ids.deleted);
    expect(first.state, first.message ?? '').toBe('succeeded');
    expect(first.created).toBe(true);
    const docs = await documentsOf(ids.deleted);
    expect(docs).toEqual([first.acct]);

    const second = await sync.recoverOrder(f!.server.id, ids.deleted);
    expect(second.created).toBe(false);
    expect(second.acct).toBe(first.acct);
    expect(await documentsOf(ids.deleted)).toEqual(docs);

    // Only that order was written: the doubled one is still doubled, the cancelled one still open.
    const report = await sync.reconcile(f!.server.id, '2026-11-01', '2026-11-30');
    const cls = new Map(report.rows.map((r) => [r.orderId, r.class]));
    expect(cls.get(ids.deleted)).toBe('imported');
    expect(cls.get(ids.copied)).toBe('doubled');
    expect(report.counts.missing).toBe(0);

    // It is an import run in the history.
    const runs = sync.state.listRuns(f!.server.id, 10);
    expect(runs.filter((r) => r.task === 'import' && r.id === first.runId)).toHaveLength(1);

    const cancelled = await sync.recoverOrder(f!.server.id, ids.cancelledBefore);
    expect(cancelled.state).toBe('failed');
    expect(cancelled.created).toBeNull();
    expect(cancelled.message).toMatch(/does not import orders in that status/);
    expect(await documentsOf(ids.cancelledBefore)).toEqual([]);
  });
});

describe('totals in another currency', () => {
  it('converts the store total as the import does (EUR store, BGN database) and shows the conversion', async () => {
    f = await createSyncFixture('sqlite', {
      demo: { goods: 12, problems: false },
      settings: {
        currency: { database: 'BGN', store: 'EUR' },
        orders: {
          statuses: ['authorized', 'paid', 'completed'],
          cashOnDelivery: true,
          from: '2026-01-01',
          importOnSince: null,
        },
      } as Partial<SyncSettings>,
    });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
    const variant = [...f.sandbox.model.table('variants').values()][2];
    const order = f.sandbox.placeOrder({
      email: 'eur@example.bg',
      lines: [{ barcode: String(variant.attributes.barcode), quantity: 3 }],
    });
    order.attributes.date_added = '2026-11-20 08:00:00';
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' })).counts.ordersImported).toBe(1);
    const [row] = (await f.t.engine.sync.reconcile(f.server.id, '2026-11-20', '2026-11-20')).rows;
    expect(row.class).toBe('imported');
    expect(row.storeCurrency).toBe('EUR');
    const eur = (Number(variant.attributes.price) * 3) / 100;
    expect(row.storeAmount).toBeCloseTo(eur, 2);
    expect(row.storeTotal).toBeCloseTo(eur * 1.95583, 2);
    expect(row.conversion).toBe(`${eur.toFixed(2)} EUR × 1.95583 = ${row.storeTotal.toFixed(2)} BGN`);
    expect(Math.abs(row.documentTotal! - row.storeTotal)).toBeLessThan(0.011);
  });
});
