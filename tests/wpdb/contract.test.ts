/**
 * The driver contract (`tests/helpers/driver-contract.ts`) for every database kind: the same read
 * and write expectations on a real MariaDB (127.0.0.1:3306), a real SQLite file, MS Access through
 * the helper protocol (the stand-in helper `tests/helpers/access-host-twin.mjs` answering from a
 * SQLite file, as no Jet exists here; the live .mdb test is in access-host.test.ts), and SQL Server
 * where MSSQL_TEST_URL names one (skipped with the reason printed otherwise).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DatabaseConnection } from '../../shared/types/server-profile';
import { AccessHostConn, type HostCommand } from '../../electron/engine/wpdb/access-host/access-host-conn';
import { AccessSnapshotDb } from '../../electron/engine/wpdb/access-snapshot';
import { fillDemoDatabase } from '../../electron/demo/demo-data';
import { MssqlConn } from '../../electron/engine/wpdb/mssql-conn';
import { openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import type { SqlConn } from '../../electron/engine/wpdb/sql-conn';
import { SqliteConn } from '../../electron/engine/wpdb/sqlite-conn';
import { runDriverContract, type ContractDb } from '../helpers/driver-contract';
import { createTestDatabase } from '../helpers/warehouse-fixtures';

/** MariaDB or SQLite: a fresh demo database, opened as a run opens it. */
async function openKind(kind: 'mysql' | 'sqlite'): Promise<ContractDb> {
  const t = await createTestDatabase(kind);
  const db = await openWarehouse(t.connection, null);
  return {
    db,
    summary: t.summary,
    openAnother: () => openWarehouse(t.connection, null),
    async cleanup() {
      await db.close();
      await t.drop();
    },
  };
}

const TWIN: HostCommand = {
  command: process.execPath,
  args: [fileURLToPath(new URL('../helpers/access-host-twin.mjs', import.meta.url))],
};

/**
 * MS Access as the sync uses it on Windows: reads from the file, writes through the helper
 * process (here the stand-in over the same file), the lock and the lease in files beside it.
 */
async function openAccessStandIn(): Promise<ContractDb> {
  const t = await createTestDatabase('sqlite');
  const file = t.connection.filePath;
  const open = async () =>
    new AccessSnapshotDb(new SqliteConn(file), file, await AccessHostConn.open(file, null, TWIN));
  const db = await open();
  await db.prepare();
  return {
    db,
    summary: t.summary,
    openAnother: open,
    lockFiles: [`${file}.sklad-sync.lock`],
    async cleanup() {
      await db.close();
      await t.drop();
    },
  };
}

/** The database MSSQL_TEST_URL names (mssql://user:password@host:port/database). */
function mssqlConnection(url: string): { connection: DatabaseConnection; password: string } {
  const u = new URL(url);
  return {
    connection: {
      kind: 'mssql',
      host: u.hostname,
      port: Number(u.port) || null,
      database: decodeURIComponent(u.pathname.slice(1)),
      user: decodeURIComponent(u.username),
      instance: '',
      filePath: '',
    },
    password: decodeURIComponent(u.password),
  };
}

/**
 * SQL Server: a new database of the test's own on the server MSSQL_TEST_URL names, filled with
 * the demo data. The demo gives its rows explicit ids, which an IDENTITY column takes only under
 * IDENTITY_INSERT, so the fill runs each such insert with it switched on for that table.
 * Not run on this machine (no SQL Server can run here): unproven until a machine with one runs it.
 */
async function openMssql(url: string): Promise<ContractDb> {
  const { connection, password } = mssqlConnection(url);
  const name = `sklad_test_${randomBytes(5).toString('hex')}`;
  const admin = await MssqlConn.open({ ...connection, database: connection.database || 'master', password });
  try {
    await admin.run(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const target = { ...connection, database: name };
  const filler = await MssqlConn.open({ ...target, password });
  let summary;
  try {
    summary = await fillDemoDatabase(withIdentityInsert(filler));
  } finally {
    await filler.close();
  }
  const db = await openWarehouse(target, password);
  return {
    db,
    summary,
    openAnother: () => openWarehouse(target, password),
    async cleanup() {
      await db.close();
      const drop = await MssqlConn.open({ ...connection, database: connection.database || 'master', password });
      try {
        await drop.run(`ALTER DATABASE ${name} SET SINGLE_USER WITH ROLLBACK IMMEDIATE`);
        await drop.run(`DROP DATABASE ${name}`);
      } finally {
        await drop.close();
      }
    },
  };
}

/** Runs an insert that names the ID column with IDENTITY_INSERT on for its table (same batch). */
function withIdentityInsert(conn: SqlConn): SqlConn {
  const rewrite = (sql: string) => {
    const m = /^INSERT INTO (\w+) \((?:\[ID\]|"ID"|ID)[,)]/.exec(sql);
    return m ? `SET IDENTITY_INSERT ${m[1]} ON; ${sql}; SET IDENTITY_INSERT ${m[1]} OFF` : sql;
  };
  return new Proxy(conn, {
    get(target, prop, receiver) {
      if (prop === 'run') return (sql: string, params?: unknown[]) => target.run(rewrite(sql), params as never);
      if (prop === 'transaction')
        return <T>(fn: (tx: SqlConn) => Promise<T>) => target.transaction((tx) => fn(withIdentityInsert(tx)));
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

runDriverContract('MariaDB', () => openKind('mysql'));
runDriverContract('SQLite', () => openKind('sqlite'));
runDriverContract('MS Access (stand-in helper)', openAccessStandIn);
const mssqlUrl = process.env.MSSQL_TEST_URL;
runDriverContract('SQL Server', () => openMssql(mssqlUrl!), {
  skip: mssqlUrl ? undefined : 'MSSQL_TEST_URL is not set (no SQL Server can run on this machine)',
});

describe('SQL Server: the given database', () => {
  it.skipIf(!mssqlUrl)('the database MSSQL_TEST_URL names connects and passes the schema check', async () => {
    const { connection, password } = mssqlConnection(mssqlUrl!);
    const db = await openWarehouse(connection, password);
    try {
      expect((await db.check()).missing).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
