/**
 * The program killed (SIGKILL) during an annulment or an update of an imported order document
 * (issue 15 point 11): the document is left fully as before or fully as after, never half, and the
 * next run finishes the change and records it once: never annulled twice. The command line runs as
 * a real process against MariaDB through a TCP proxy that goes silent at a chosen statement: in the
 * middle of the transaction (the server then rolls it back when the killed process's connection
 * goes), or right after its COMMIT (the change is in the database, our record of it is not).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { docRows } from '../../electron/engine/wpdb/order-writer';
import { openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import type { WarehouseDb } from '../../electron/engine/wpdb/warehouse-db';
import type { WpDocRow } from '../../electron/engine/sync/ports';
import { createTestDatabase, MARIADB, type TestDatabase } from '../helpers/warehouse-fixtures';
import { lastReport, runArgs, startCli } from './cli-child';
import { DbProxy } from './db-proxy';
import { FaultTable } from './fault-table';

const table = new FaultTable('Process killed during an annulment or update of an order document');
let root: string;
let sandbox: Sandbox;
let wp: TestDatabase;
let db: WarehouseDb;
let proxy: DbProxy;
let variants: { id: number; goodId: number }[] = [];

async function cli(task: string) {
  const r = await startCli(runArgs(root, task), { root, apiKey: sandbox.apiKey }).done;
  return { ...r, report: lastReport(r.stdout) };
}

/** Runs the import until the proxy goes silent at `match` (its `nth` statement), then SIGKILLs it. */
async function killedImportAt(match: RegExp, nth: number): Promise<string> {
  const cuts = proxy.cuts.length;
  proxy.arm({ kind: 'silence', match, nth });
  const child = startCli(runArgs(root, 'import'), { root, apiKey: sandbox.apiKey });
  const started = Date.now();
  while (proxy.cuts.length === cuts && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 10));
  child.kill();
  const r = await child.done;
  proxy.disarm();
  expect(r.signal, `the run was killed (cut: ${proxy.cuts.at(-1)})`).toBe('SIGKILL');
  return proxy.cuts.at(-1)!;
}

/** What the state database recorded (read after the process is gone). */
function recorded(orderId: number): { state: string; wanted: string | null; items: string[] } {
  const state = new Database(join(root, 'data', 'state.sqlite3'), { readonly: true });
  try {
    const doc = state
      .prepare('SELECT state, wanted_json AS wanted FROM order_docs WHERE order_id = ?')
      .get(String(orderId)) as {
      state: string;
      wanted: string | null;
    };
    const items = state
      .prepare("SELECT action FROM run_items WHERE ref = ? AND action IN ('annul', 'update') ORDER BY id")
      .all(String(orderId)) as { action: string }[];
    return { ...doc, items: items.map((i) => i.action) };
  } finally {
    state.close();
  }
}

async function rowsOf(orderId: number): Promise<WpDocRow[]> {
  const note = (
    await db.conn.query<{ acct: number; objectId: number }>(
      'SELECT Acct AS acct, ObjectID AS objectId FROM operations WHERE OperType = 19 AND Note LIKE ?',
      [`% #${orderId}`],
    )
  )[0];
  return note ? docRows(db.conn, Number(note.acct), Number(note.objectId)) : [];
}

/** An order of three lines, imported without faults; its document's rows. */
async function importedOrder(first: number): Promise<{ id: number; rows: WpDocRow[]; acct: number }> {
  const id = sandbox.placeOrder({
    email: `kill${first}@example.bg`,
    firstName: 'Убит',
    lines: [0, 1, 2].map((k) => ({ variantId: variants[first + k].id, quantity: 1 + k })),
  }).id;
  const r = await cli('import');
  expect(r.report.counts.ordersImported, r.stderr).toBe(1);
  const rows = await rowsOf(id);
  expect(rows).toHaveLength(3);
  const acct = Number(
    (await db.conn.query<{ a: number }>('SELECT Acct AS a FROM operations WHERE ID = ?', [rows[0].id]))[0].a,
  );
  return { id, rows, acct };
}

const without = (rows: WpDocRow[]) => rows.map(({ goodId, qtty }) => ({ goodId, qtty }));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sklad-follow-kill-'));
  sandbox = await startSandbox({ rateLimit: 100_000 });
  wp = await createTestDatabase('mysql', { goods: 30 });
  db = await openWarehouse(wp.connection, null);
  proxy = await new DbProxy({ host: MARIADB.host, port: MARIADB.port }).start();
  writeFileSync(
    join(root, 'profile.json'),
    JSON.stringify({
      name: 'Follow kill',
      store: { domain: sandbox.url },
      database: { ...wp.connection, port: proxy.port },
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] } },
    }),
  );
  const exported = await cli('export');
  expect(exported.report.state, exported.stdout).toBe('succeeded');
  const goods = await db.goodsForExport([], 2);
  variants = [...sandbox.model.table('variants').values()]
    .map((v) => ({ id: v.id, goodId: goods.find((g) => g.barcode1 === v.attributes.barcode)?.id ?? 0 }))
    .filter((v) => v.goodId > 0);
  // A first poll with nothing to follow sets the follow-up's mark.
  await cli('import');
}, 120_000);

afterAll(async () => {
  table.print();
  await proxy?.close();
  await db?.close();
  await sandbox?.close();
  await wp?.drop();
  rmSync(root, { recursive: true, force: true });
});

describe('SIGKILL during an annulment or an update of an order document', () => {
  it('killed in the middle of the annulment: the document is whole, the next run annuls it once', async () => {
    const { id, rows } = await importedOrder(0);
    sandbox.changeOrder(id, { status: 'cancelled' });
    // Silent at the second row's DELETE: the first row is deleted inside the open transaction.
    const cut = await killedImportAt(/^DELETE FROM operations/, 2);
    expect(await rowsOf(id), 'fully before').toEqual(rows);
    expect(recorded(id)).toMatchObject({ state: 'open', items: [] });
    const again = await cli('import');
    expect(again.report.counts.ordersAnnulled).toBe(1);
    expect(await rowsOf(id)).toEqual([]);
    const twice = await cli('import');
    expect(twice.report.counts.ordersAnnulled).toBeUndefined();
    const rec = recorded(id);
    expect(rec).toMatchObject({ state: 'annulled', wanted: null, items: ['annul'] });
    table.add({ case: 'kill mid-annulment', runs: 3, lost: 0, doubled: rec.items.length - 1, differing: 0, note: cut });
  }, 120_000);

  it('killed right after the annulment was committed: the document is gone, the next run records it once', async () => {
    const { id } = await importedOrder(3);
    sandbox.changeOrder(id, { status: 'refunded' });
    const cut = await killedImportAt(/^SELECT RELEASE_LOCK\('sklad_sync_order_write/, 1);
    expect(await rowsOf(id), 'fully after').toEqual([]);
    expect(recorded(id)).toMatchObject({ state: 'open', items: [] });
    expect(recorded(id).wanted).toContain('annul');
    const again = await cli('import');
    expect(again.report.counts.ordersAnnulled).toBe(1);
    expect(again.report.counts.ordersNeedAttention).toBeUndefined();
    await cli('import');
    const rec = recorded(id);
    expect(rec).toMatchObject({ state: 'annulled', wanted: null, items: ['annul'] });
    table.add({
      case: 'kill after annulment COMMIT',
      runs: 3,
      lost: 0,
      doubled: rec.items.length - 1,
      differing: 0,
      note: cut,
    });
  }, 120_000);

  it('killed in the middle of an update: the document is whole, the next run updates it once', async () => {
    const { id, rows } = await importedOrder(6);
    // The first line's quantity changes, the second goes, a new good comes.
    const lines = [
      { variantId: variants[6].id, quantity: 5 },
      { variantId: variants[8].id, quantity: 3 },
      { variantId: variants[9].id, quantity: 2 },
    ];
    sandbox.changeOrder(id, { lines });
    const cut = await killedImportAt(/^(UPDATE|INSERT INTO|DELETE FROM) operations/, 2);
    expect(await rowsOf(id), 'fully before').toEqual(rows);
    const again = await cli('import');
    expect(again.report.counts.ordersUpdated).toBe(1);
    const after = await rowsOf(id);
    const want = lines.map((l) => ({ goodId: variants.find((v) => v.id === l.variantId)!.goodId, qtty: l.quantity }));
    expect(without(after).sort((a, b) => a.goodId - b.goodId)).toEqual(want.sort((a, b) => a.goodId - b.goodId));
    // The row of the good that stayed kept its ID, as Warehouse Pro edits a document.
    expect(after.some((r) => r.id === rows[0].id)).toBe(true);
    await cli('import');
    const rec = recorded(id);
    expect(rec).toMatchObject({ state: 'open', wanted: null, items: ['update'] });
    table.add({ case: 'kill mid-update', runs: 3, lost: 0, doubled: rec.items.length - 1, differing: 0, note: cut });
  }, 120_000);

  it('killed right after the update was committed: the new lines stay, the next run records the update once', async () => {
    const { id } = await importedOrder(10);
    const lines = [
      { variantId: variants[10].id, quantity: 4 },
      { variantId: variants[11].id, quantity: 2 },
    ];
    sandbox.changeOrder(id, { lines });
    const cut = await killedImportAt(/^SELECT RELEASE_LOCK\('sklad_sync_order_write/, 1);
    const after = await rowsOf(id);
    expect(without(after), 'fully after').toEqual([
      { goodId: variants[10].goodId, qtty: 4 },
      { goodId: variants[11].goodId, qtty: 2 },
    ]);
    const again = await cli('import');
    expect(again.report.counts.ordersUpdated).toBe(1);
    expect(again.report.counts.ordersNeedAttention).toBeUndefined();
    expect(await rowsOf(id)).toEqual(after);
    await cli('import');
    const rec = recorded(id);
    expect(rec).toMatchObject({ state: 'open', wanted: null, items: ['update'] });
    table.add({
      case: 'kill after update COMMIT',
      runs: 3,
      lost: 0,
      doubled: rec.items.length - 1,
      differing: 0,
      note: cut,
    });
  }, 120_000);
});
