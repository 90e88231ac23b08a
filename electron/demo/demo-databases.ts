/** Creating demo databases: the embedded SQLite file, and MySQL/MariaDB databases for tests and benchmarks. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fillDemoDatabase, type DemoOptions, type DemoSummary } from './demo-data';
import { MysqlConn, type MysqlOptions } from '../engine/wpdb/mysql-conn';
import { SqliteConn } from '../engine/wpdb/sqlite-conn';

export async function createDemoSqlite(file: string, options: DemoOptions = {}): Promise<DemoSummary> {
  mkdirSync(dirname(file), { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
  const conn = new SqliteConn(file);
  try {
    return await fillDemoDatabase(conn, options);
  } finally {
    await conn.close();
  }
}

/** Creates (replacing) database `name` on the server and fills it. */
export async function createDemoMysql(
  server: Omit<MysqlOptions, 'database'>,
  name: string,
  options: DemoOptions = {},
): Promise<DemoSummary> {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`invalid database name ${name}`);
  const admin = await MysqlConn.open(server);
  try {
    await admin.run(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.run(`CREATE DATABASE \`${name}\` CHARACTER SET ${options.charset ?? 'utf8mb4'}`);
  } finally {
    await admin.close();
  }
  const conn = await MysqlConn.open({ ...server, database: name });
  try {
    return await fillDemoDatabase(conn, options);
  } finally {
    await conn.close();
  }
}

export async function dropMysqlDatabase(server: Omit<MysqlOptions, 'database'>, name: string): Promise<void> {
  const admin = await MysqlConn.open(server);
  try {
    await admin.run(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.close();
  }
}
