/** Real Warehouse Pro test databases: a MariaDB database per call (dropped after) or a SQLite file. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConnection } from '../../shared/types/server-profile';
import type { DemoOptions, DemoSummary } from '../../electron/demo/demo-data';
import { createDemoMysql, createDemoSqlite, dropMysqlDatabase } from '../../electron/demo/demo-databases';

export const MARIADB = {
  host: process.env.MARIADB_HOST ?? '127.0.0.1',
  port: Number(process.env.MARIADB_PORT ?? 3306),
  user: 'root',
  password: '',
};

export interface TestDatabase {
  kind: 'mysql' | 'sqlite';
  connection: DatabaseConnection;
  summary: DemoSummary;
  drop(): Promise<void>;
}

const blank = { host: '', port: null, database: '', user: '', instance: '', filePath: '' };

export async function createTestDatabase(kind: 'mysql' | 'sqlite', options: DemoOptions = {}): Promise<TestDatabase> {
  if (kind === 'mysql') {
    const name = `sklad_test_${randomBytes(5).toString('hex')}`;
    const summary = await createDemoMysql(MARIADB, name, options);
    return {
      kind,
      connection: { ...blank, kind, host: MARIADB.host, port: MARIADB.port, database: name, user: MARIADB.user },
      summary,
      drop: () => dropMysqlDatabase(MARIADB, name),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sklad-wp-'));
  const file = join(dir, 'warehouse.sqlite3');
  const summary = await createDemoSqlite(file, options);
  return {
    kind,
    connection: { ...blank, kind, filePath: file },
    summary,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A MariaDB user of the test's own that may read `database` but not write it (a common "safe"
 * set-up at shops), dropped again by `drop()`.
 */
export async function createReadOnlyUser(
  database: string,
): Promise<{ user: string; password: string; drop(): Promise<void> }> {
  const { MysqlConn } = await import('../../electron/engine/wpdb/mysql-conn');
  const user = `sklad_ro_${randomBytes(4).toString('hex')}`;
  const password = `ro-${randomBytes(9).toString('base64url')}`;
  const admin = await MysqlConn.open(MARIADB);
  try {
    await admin.run(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await admin.run(`GRANT SELECT ON \`${database}\`.* TO '${user}'@'%'`);
  } finally {
    await admin.close();
  }
  return {
    user,
    password,
    async drop() {
      const conn = await MysqlConn.open(MARIADB);
      try {
        await conn.run(`DROP USER IF EXISTS '${user}'@'%'`);
      } finally {
        await conn.close();
      }
    },
  };
}
