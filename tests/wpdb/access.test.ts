/**
 * MS Access off Windows: a real .mdb file read with mdb-reader into an in-memory SQLite copy, the
 * connection test naming what a non-Warehouse-Pro file lacks, and writes declined up front when
 * there is no helper. The reads over an Access database run in the driver contract
 * (`contract.test.ts`, the same shared SQL on the demo schema, as no Warehouse Pro .mdb can be
 * made here).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MDBReader from 'mdb-reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../electron/engine/probes-db';
import { AccessSnapshotDb, loadAccessCopy } from '../../electron/engine/wpdb/access-snapshot';
import { SqliteConn } from '../../electron/engine/wpdb/sqlite-conn';
import { createTestDatabase, type TestDatabase } from '../helpers/warehouse-fixtures';

const FIXTURE = fileURLToPath(new URL('../fixtures/node-adodb-users.mdb', import.meta.url));
const blank = { host: '', port: null, database: '', user: '', instance: '' };

describe('an Access file read through mdb-reader', () => {
  it('copies every row and column, with Jet yes as -1 and dates as ISO text', async () => {
    const expected = new MDBReader(readFileSync(FIXTURE)).getTable('Users').getData();
    const conn = await loadAccessCopy(FIXTURE, null);
    try {
      const rows = await conn.query<Record<string, unknown>>('SELECT * FROM users ORDER BY UserId');
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, i) => {
        expect(row.UserId).toBe(expected[i].UserId);
        expect(row.UserName).toBe(expected[i].UserName);
        expect(row.UserMarried).toBe(expected[i].UserMarried ? -1 : 0);
        expect(row.UserBirthday).toBe((expected[i].UserBirthday as Date).toISOString().replace('T', ' ').slice(0, 19));
      });
    } finally {
      await conn.close();
    }
  });

  it('the connection test reads the file and lists the Warehouse Pro tables it lacks', async () => {
    const check = await testDatabase({ ...blank, kind: 'access', filePath: FIXTURE }, null, 'bg');
    expect(check.ok).toBe(false);
    expect(check.missing).toEqual(expect.arrayContaining(['goods', 'operations', 'store']));
    expect(check.message).toContain('липсват');
    expect(check.canWrite).toBe(false);
  });

  it('a file that is not an Access database gets a clear message', async () => {
    const notMdb = fileURLToPath(new URL('../fixtures/README.md', import.meta.url));
    const check = await testDatabase({ ...blank, kind: 'access', filePath: notMdb }, null, 'en');
    expect(check).toMatchObject({ ok: false, message: expect.stringContaining('not an MS Access database') });
  });
});

describe('the Warehouse Pro layer over an Access copy', () => {
  let wp: TestDatabase;
  let db: AccessSnapshotDb;
  beforeAll(async () => {
    wp = await createTestDatabase('sqlite', { goods: 20 });
    db = new AccessSnapshotDb(new SqliteConn(wp.connection.filePath), wp.connection.filePath);
    await db.prepare();
  });
  afterAll(async () => {
    await db?.close();
    await wp?.drop();
  });

  it('declines an order write with what to do, and writes nothing', async () => {
    const before = await db.conn.query<{ n: number }>('SELECT COUNT(*) AS n FROM operations');
    await expect(
      db.writeOrder({
        storeOrderId: '1',
        objectId: 2,
        operatorId: 2,
        partner: { mode: 'fixed', partnerId: 1 },
        lines: [],
        createdAt: new Date(),
      } as never),
    ).rejects.toThrow(/Windows/);
    expect(await db.conn.query('SELECT COUNT(*) AS n FROM operations')).toEqual(before);
  });
});
