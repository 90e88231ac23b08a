/**
 * MS Access writes go through a helper process (PowerShell + OLE DB on Windows). Here, where no
 * Windows and no Jet exist, a stand-in helper speaking the same JSON-lines protocol over a real
 * SQLite database (tests/helpers/access-host-twin.mjs) runs the whole Node side for real: typed
 * parameters, one-row inserts of the Access dialect, transactions, the lock and the lease files
 * beside the database, the exactly-once order write, goods creation, and failures. The live test
 * against a real .mdb runs on Windows with ACCESS_TEST_PATH set.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WpOrder } from '../../electron/engine/sync/ports';
import {
  AccessHostConn,
  encodeParams,
  type HostCommand,
} from '../../electron/engine/wpdb/access-host/access-host-conn';
import { AccessSnapshotDb, loadAccessCopy } from '../../electron/engine/wpdb/access-snapshot';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import { SqliteConn } from '../../electron/engine/wpdb/sqlite-conn';
import { createTestDatabase, type TestDatabase } from '../helpers/warehouse-fixtures';

const TWIN: HostCommand = {
  command: process.execPath,
  args: [fileURLToPath(new URL('../helpers/access-host-twin.mjs', import.meta.url))],
};

const order = (id: string): WpOrder => ({
  storeOrderId: id,
  objectId: 2,
  operatorId: 2,
  partner: {
    mode: 'by-email',
    email: `a${id}@example.bg`,
    name: "Иван „Ванката“ O'Brien",
    phone: '',
    city: 'Русе',
    address: '',
  },
  date: new Date(2026, 10, 29, 9, 15),
  note: `CloudCart #${id}`,
  lines: [
    { goodId: 10, quantity: 2, price: 24, discountPercent: 0, vatRate: 20 },
    { goodId: 11, quantity: 1, price: 12.5, discountPercent: 10, vatRate: 20 },
    { goodId: 12, quantity: 3, price: 9.99, discountPercent: 0, vatRate: 20 },
  ],
});

describe('Access writes through the helper protocol (stand-in helper on SQLite)', () => {
  let wp: TestDatabase;
  let file: string;
  let db: AccessSnapshotDb;
  let check: SqliteConn;
  beforeAll(async () => {
    wp = await createTestDatabase('sqlite', { goods: 40, problems: false });
    file = wp.connection.filePath;
    const writer = await AccessHostConn.open(file, null, TWIN);
    db = new AccessSnapshotDb(new SqliteConn(file), file, writer);
    check = new SqliteConn(file);
  });
  afterAll(async () => {
    await db?.close();
    await check?.close();
    await wp?.drop();
  });

  it('types parameters for OLE DB: integers, doubles, text, local dates, nulls', () => {
    expect(encodeParams([3, 2.5, 'текст', new Date(2026, 0, 2, 3, 4, 5), null, 2 ** 40])).toEqual([
      { t: 'i', v: 3 },
      { t: 'f', v: 2.5 },
      { t: 's', v: 'текст' },
      { t: 'd', v: '2026-01-02 03:04:05' },
      { t: 'z' },
      { t: 'f', v: 2 ** 40 },
    ]);
  });

  it('writes an order once, one row per line, with the stamp and a reserved number', async () => {
    expect((await db.check()).canWrite).toBe(true);
    const first = await db.writeOrder(order('7001'));
    expect(first.created).toBe(true);
    const rows = await readOrder(check, { note: 'CloudCart #7001' });
    expect(rows.map((r) => [r.goodId, r.qtty, r.objectId])).toEqual([
      [10, 2, 2],
      [11, 1, 2],
      [12, 3, 2],
    ]);
    const partner = await check.query<{ Company: string }>(
      "SELECT Company FROM partners WHERE eMail = 'a7001@example.bg'",
    );
    expect(partner[0].Company).toBe("Иван „Ванката“ O'Brien");
    expect(await db.writeOrder(order('7001'))).toEqual({ acct: first.acct, created: false, replacedText: [] });
    expect(await readOrder(check, { note: 'CloudCart #7001' })).toHaveLength(3);
    expect(await check.query('SELECT 1 FROM nextacct WHERE NextAcct = ?', [`OR${first.acct}`])).toHaveLength(1);
  });

  it('two copies writing the same order at once write it once (lock file beside the database)', async () => {
    const other = new AccessSnapshotDb(new SqliteConn(file), file, await AccessHostConn.open(file, null, TWIN));
    try {
      const [a, b] = await Promise.all([db.writeOrder(order('7002')), other.writeOrder(order('7002'))]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(await readOrder(check, { note: 'CloudCart #7002' })).toHaveLength(3);
      expect(existsSync(`${file}.sklad-sync.lock`)).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('a failure in the middle rolls the whole document back, number included', async () => {
    const before = await check.query<{ n: number }>('SELECT COUNT(*) AS n FROM nextacct');
    await expect(
      db.writeOrder(order('7003'), {
        afterFirstLine: async () => {
          throw new Error('the helper died');
        },
      }),
    ).rejects.toThrow('the helper died');
    expect(await readOrder(check, { note: 'CloudCart #7003' })).toHaveLength(0);
    expect(await check.query('SELECT COUNT(*) AS n FROM nextacct')).toEqual(before);
    expect((await db.writeOrder(order('7003'))).created).toBe(true);
  });

  it('creates goods with their groups and a stock row for every object, one statement per row', async () => {
    const ids = await db.createGoods(
      [{ path: ['CloudCart', 'Шапки'] }],
      [
        {
          code: 'CC900',
          barcode1: '3809990000011',
          barcode2: 'HAT-1',
          catalogs: ['Размер-M', '', ''],
          name: 'Шапка M',
          measure: 'бр.',
          price: 15,
          priceColumn: 2,
          vatRate: 20,
          groupCode: '',
          groupPath: ['CloudCart', 'Шапки'],
        },
      ],
    );
    expect(ids).toHaveLength(1);
    const objects = await check.query<{ n: number }>('SELECT COUNT(*) AS n FROM objects WHERE Deleted <> -1');
    const stock = await check.query<{ n: number }>('SELECT COUNT(*) AS n FROM store WHERE GoodID = ?', [ids[0]]);
    expect(Number(stock[0].n)).toBe(Number(objects[0].n));
    expect(Number(stock[0].n)).toBeGreaterThan(1);
  });

  it('keeps the lease in a file beside the database: a second holder is told who has it', async () => {
    expect(await db.acquireLease('store-x', 'PC-1 (pid 1, a)', 60_000)).toEqual({ ok: true });
    const refused = await db.acquireLease('store-x', 'PC-2 (pid 2, b)', 60_000);
    expect(refused).toMatchObject({ ok: false, holder: 'PC-1 (pid 1, a)' });
    expect(await db.renewLease('store-x', 'PC-2 (pid 2, b)', 60_000)).toBe(false);
    await db.releaseLease('store-x', 'PC-1 (pid 1, a)');
    expect(await db.acquireLease('store-x', 'PC-2 (pid 2, b)', 60_000)).toEqual({ ok: true });
  });

  it('a statement the database refuses is a clear error, and the connection goes on', async () => {
    const writer = await AccessHostConn.open(file, null, TWIN);
    try {
      await expect(writer.query('SELECT nope FROM nowhere')).rejects.toThrow(/MS Access|Access/);
      expect(await writer.query<{ n: number }>('SELECT COUNT(*) AS n FROM goods WHERE ID = ?', [10])).toEqual([
        { n: 1 },
      ]);
    } finally {
      await writer.close();
    }
  });

  it('falls back from the ACE provider to Jet 4.0, and says what is missing when neither opens', async () => {
    process.env.TWIN_PROVIDER = 'Microsoft.Jet.OLEDB.4.0';
    try {
      const jet = await AccessHostConn.open(file, null, TWIN);
      await jet.close();
      process.env.TWIN_PROVIDER = 'Nothing';
      await expect(AccessHostConn.open(file, null, TWIN)).rejects.toThrow(/Access Database Engine/);
    } finally {
      delete process.env.TWIN_PROVIDER;
    }
  });
});

describe('live MS Access on Windows', () => {
  const path = process.env.ACCESS_TEST_PATH;
  const reason =
    process.platform !== 'win32'
      ? 'not Windows: no Jet/ACE provider here'
      : !path
        ? 'ACCESS_TEST_PATH is not set (a copy of a Warehouse Pro .mdb)'
        : null;
  if (reason) console.log(`skipped: live MS Access writes: ${reason}`);
  it.skipIf(reason !== null)('writes and reads back an order in a copy of a real Warehouse Pro .mdb', async () => {
    const copy = `${path}.sklad-sync-test.mdb`;
    copyFileSync(path!, copy);
    const writer = await AccessHostConn.open(copy, process.env.ACCESS_TEST_PASSWORD ?? null);
    const db = new AccessSnapshotDb(await loadAccessCopy(copy, null), copy, writer);
    try {
      const [good] = await db.goodsForExport([], 2);
      const result = await db.writeOrder({ ...order('9999001'), lines: [{ ...order('x').lines[0], goodId: good.id }] });
      expect(result.created).toBe(true);
      expect(await readOrder(writer, { note: 'CloudCart #9999001' })).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
