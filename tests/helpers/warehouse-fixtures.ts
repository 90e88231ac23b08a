/** Real Warehouse Pro test databases: a MariaDB database per call (dropped after) or a SQLite file. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConnection } from '../../shared/types/server-profile';
import type { DemoOptions, DemoSummary } from '../../electron/engine/wpdb/demo-data';
import { createDemoMysql, createDemoSqlite, dropMysqlDatabase } from '../../electron/engine/wpdb/demo-databases';

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
