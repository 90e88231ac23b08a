/**
 * MS Access writes go through a helper process (PowerShell + OLE DB on Windows). Here, where no
 * Windows and no Jet exist, a stand-in helper speaking the same JSON-lines protocol over a real
 * SQLite database (tests/helpers/access-host-twin.mjs) runs the Node side for real. What every
 * kind must do (the exactly-once order write, two copies at once, a failure midway, goods
 * creation, the lease) runs for Access in the driver contract (`contract.test.ts`, over this same
 * stand-in); this file keeps what is the helper's own: typed parameters, a refused statement,
 * the provider fallback. The live test against a real .mdb runs on Windows with ACCESS_TEST_PATH set.
 */
import { copyFileSync } from 'node:fs';
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
  beforeAll(async () => {
    wp = await createTestDatabase('sqlite', { goods: 40, problems: false });
    file = wp.connection.filePath;
  });
  afterAll(async () => {
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
