/**
 * A bounded database (issue 14.3, 14.5): a server that stops answering ends the run with a clear
 * message instead of hanging it; a schema without what we write fails the run and the database test
 * up front, naming the table and column; a rogue MySQL server never gets the password through
 * caching_sha2 public-key retrieval; the Access helper that stops answering is ended.
 */
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../electron/engine/probes-db';
import { AccessHostConn } from '../../electron/engine/wpdb/access-host/access-host-conn';
import { setDbLimits } from '../../electron/engine/wpdb/db-limits';
import { mssqlPoolConfig } from '../../electron/engine/wpdb/mssql-conn';
import { mysqlConnectionOptions } from '../../electron/engine/wpdb/mysql-conn';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { createTestDatabase, MARIADB } from '../helpers/warehouse-fixtures';
import { DbProxy } from './db-proxy';
import { mariadbMissing } from './needs';
import { RogueMysql } from './rogue-mysql';

const missing = await mariadbMissing();

afterEach(() => setDbLimits(null));

describe('every driver is bounded and keeps the connection alive', () => {
  it('mysql2 and mssql get a statement timeout and TCP keep-alive; SQL Server is told to use local time', () => {
    setDbLimits({ statementMs: 4321 });
    const my = mysqlConnectionOptions({ host: 'h', user: 'u' });
    expect({ keepAlive: my.enableKeepAlive, delay: my.keepAliveInitialDelay }).toEqual({
      keepAlive: true,
      delay: 30_000,
    });
    const ms = mssqlPoolConfig({ host: 'h', database: 'd', user: 'u' });
    expect(ms.requestTimeout).toBe(4321);
    expect(ms.options?.useUTC).toBe(false);
  });
});

describe.skipIf(missing)('a database that stops answering (connection open, no reply)', () => {
  let f: SyncFixture;
  let proxy: DbProxy;
  beforeAll(async () => {
    f = await createSyncFixture('mysql', { demo: { goods: 20 } });
    proxy = await new DbProxy({ host: MARIADB.host, port: MARIADB.port }).start();
    f.server = f.t.engine.servers.save({
      ...f.server,
      database: { ...f.server.database, port: proxy.port },
      secrets: {},
    });
    expect((await f.t.engine.sync.runToEnd(f.server.id, 'export', false)).state).toBe('succeeded');
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await f?.cleanup();
  });

  it('the run ends with "did not answer", and the next run writes the order once', async () => {
    setDbLimits({ statementMs: 1500 });
    const variant = [...f.sandbox.model.table('variants').values()].find((v) => v.attributes.barcode)!;
    f.sandbox.placeOrder({
      email: 'silent@example.bg',
      lines: [{ barcode: String(variant.attributes.barcode), quantity: 2 }],
    });
    proxy.arm({ kind: 'silence', match: /^INSERT INTO operations/, nth: 1 });
    const r = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
    proxy.disarm();
    expect(proxy.cuts.at(-1)).toMatch(/silent/);
    expect(r.state).toBe('failed');
    expect(r.error).toMatch(/did not answer within 2 s: the connection is open but no reply comes/);
    proxy.cutAll('clean up the silent connection');
    setDbLimits(null);
    const again = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
    expect(again.state, again.error ?? '').toBe('succeeded');
    const rows = await f.db.conn.query<{ n: number }>(
      "SELECT COUNT(DISTINCT Acct) AS n FROM operations WHERE OperType = 19 AND Note LIKE 'CloudCart %#%'",
    );
    expect(Number(rows[0].n)).toBe(1);
  });
});

describe.skipIf(missing)('a schema that lacks what we write', () => {
  let f: SyncFixture;
  let admin: mysql.Connection;
  beforeAll(async () => {
    f = await createSyncFixture('mysql', { demo: { goods: 20 } });
    admin = await mysql.createConnection({ ...MARIADB, database: f.wpdb.connection.database });
    expect((await f.t.engine.sync.runToEnd(f.server.id, 'export', false)).state).toBe('succeeded');
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await f?.cleanup();
  });

  it('without operations.Note: the run fails up front naming it, nothing is written, the test says so', async () => {
    const variant = [...f.sandbox.model.table('variants').values()].find((v) => v.attributes.barcode)!;
    f.sandbox.placeOrder({
      email: 'note@example.bg',
      lines: [{ barcode: String(variant.attributes.barcode), quantity: 1 }],
    });
    await admin.query('ALTER TABLE operations DROP COLUMN Note');
    const [[before]] = (await admin.query('SELECT COUNT(*) AS n FROM operations')) as unknown as [{ n: number }[]];
    const r = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
    expect(r.state).toBe('failed');
    expect(r.error).toMatch(
      /The database lacks what the program reads and writes: operations\.Note\. Nothing was read or written/,
    );
    const [[after]] = (await admin.query('SELECT COUNT(*) AS n FROM operations')) as unknown as [{ n: number }[]];
    expect(after.n).toBe(before.n);
    const check = await testDatabase(f.wpdb.connection, null, 'en');
    expect(check.ok).toBe(false);
    expect(check.missing).toEqual(['operations.Note']);
    await admin.query('ALTER TABLE operations ADD COLUMN Note VARCHAR(255)');
  });

  it('a renamed table: the run fails naming it', async () => {
    await admin.query('RENAME TABLE partners TO partners_old');
    try {
      const r = await f.t.engine.sync.runToEnd(f.server.id, 'export', false);
      expect(r.state).toBe('failed');
      expect(r.error).toMatch(/lacks what the program reads and writes: partners\./);
    } finally {
      await admin.query('RENAME TABLE partners_old TO partners');
    }
    const r = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
    expect(r.state, r.error ?? '').toBe('succeeded');
  });
});

describe('a rogue MySQL server asking for the password without TLS', () => {
  it('never gets it: mysql2 does not retrieve its public key, and the test says why', async () => {
    const rogue = await new RogueMysql().start();
    try {
      const blank = { instance: '', filePath: '' };
      const r = await testDatabase(
        { ...blank, kind: 'mysql', host: '127.0.0.1', port: rogue.port, database: 'wp', user: 'shop' },
        'секретна-парола',
        'en',
      );
      expect(rogue.askedForKey).toBe(false);
      expect(rogue.recovered).toBeNull();
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/asked for the password in a way that would give it away without TLS.*refused/);
    } finally {
      await rogue.close();
    }
  });
});

describe('the Access helper that stops answering', () => {
  it('is ended after the statement timeout, with the same clear message', async () => {
    const wp = await createTestDatabase('sqlite', { goods: 10, problems: false });
    const file = `${wp.connection.filePath}.mdb-twin`;
    copyFileSync(wp.connection.filePath, file);
    process.env.TWIN_SILENT_ON = 'FROM nextacct';
    setDbLimits({ statementMs: 1000 });
    try {
      const twin = {
        command: process.execPath,
        args: [fileURLToPath(new URL('../helpers/access-host-twin.mjs', import.meta.url))],
      };
      const conn = await AccessHostConn.open(file, null, twin);
      await expect(conn.query('SELECT COUNT(*) AS n FROM goods')).resolves.toHaveLength(1);
      await expect(conn.query('SELECT NextAcct FROM nextacct')).rejects.toThrow(/did not answer within 1 s/);
      await expect(conn.query('SELECT COUNT(*) AS n FROM goods')).rejects.toThrow(/did not answer within 1 s/);
      await conn.close();
    } finally {
      delete process.env.TWIN_SILENT_ON;
      await wp.drop();
    }
  });
});
