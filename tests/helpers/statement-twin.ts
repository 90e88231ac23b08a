/**
 * A stand-in for a database that cannot run here (SQL Server, MS Access/Jet): a `SqlConn` of that
 * dialect that records every statement exactly as its driver would send it (SQL Server: `?` ->
 * `@pN` by `toMssqlSql`, the insert-id suffix and the applock statements of `MSSQL_OWN`; Access:
 * the SQL as is) and answers it from a real SQLite database with the Warehouse Pro schema, so the
 * writers and readers run their whole flow and every statement they generate can be checked.
 *
 * The few catalog statements only SQL Server has are answered from SQLite equivalents:
 * INFORMATION_SCHEMA.COLUMNS is an attached table filled from SQLite's own catalog, @@VERSION a
 * fixed text, HAS_PERMS_BY_NAME a function that grants everything.
 */
import Database from 'better-sqlite3';
import type { Dialect, RunResult, SqlConn, SqlValue } from '../../electron/engine/wpdb/sql-conn';
import { localDateText } from '../../electron/engine/wpdb/sqlite-conn';
import { MSSQL_OWN, mssqlDialect, toMssqlSql } from '../../electron/engine/wpdb/mssql-conn';
import { accessDialect } from '../../electron/engine/wpdb/access-host/access-host-conn';

export interface Sent {
  /** The text the driver sends. */
  text: string;
  params: SqlValue[];
}

export class StatementTwin implements SqlConn {
  readonly dialect: Dialect;
  readonly sent: Sent[] = [];
  private readonly db: Database.Database;
  private depth = 0;

  constructor(file: string, kind: 'mssql' | 'access') {
    this.dialect = kind === 'mssql' ? mssqlDialect : accessDialect;
    this.db = new Database(file);
    this.db.function('LCase', (v: unknown) => (v === null ? null : String(v).toLowerCase()));
    this.db.function('HAS_PERMS_BY_NAME', { varargs: true }, () => 1);
    this.db.function('DB_NAME', () => 'twin');
    this.refreshCatalog();
  }

  /** INFORMATION_SCHEMA.COLUMNS as SQL Server has it, from SQLite's catalog. */
  private refreshCatalog(): void {
    if (this.dialect.kind !== 'mssql') return;
    const attached = this.db.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'INFORMATION_SCHEMA'").get();
    if (!attached) this.db.exec("ATTACH ':memory:' AS INFORMATION_SCHEMA");
    this.db.exec(
      'DROP TABLE IF EXISTS INFORMATION_SCHEMA.COLUMNS; CREATE TABLE INFORMATION_SCHEMA.COLUMNS (TABLE_NAME, COLUMN_NAME)',
    );
    this.db.exec(
      "INSERT INTO INFORMATION_SCHEMA.COLUMNS SELECT m.name, p.name FROM main.sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
    );
  }

  private record(sql: string, params: SqlValue[], kind: 'query' | 'run'): void {
    if (this.dialect.kind === 'mssql') {
      const insert = kind === 'run' && /^\s*insert/i.test(sql);
      this.sent.push({ text: toMssqlSql(sql) + (insert ? MSSQL_OWN.insertId : ''), params });
    } else this.sent.push({ text: sql, params });
  }

  private bind(params: SqlValue[]) {
    return params.map((p) => (p instanceof Date ? localDateText(p) : p));
  }

  async query<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    this.record(sql, params, 'query');
    if (/@@VERSION/.test(sql)) return [{ v: 'Microsoft SQL Server (statement twin)' }] as T[];
    return this.db.prepare(sql).all(...this.bind(params)) as T[];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<RunResult> {
    this.record(sql, params, 'run');
    const r = this.db.prepare(sql).run(...this.bind(params));
    if (/^\s*create table/i.test(sql)) this.refreshCatalog();
    return { affected: r.changes, insertId: Number(r.lastInsertRowid) };
  }

  async transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn(this);
    this.db.exec('BEGIN');
    this.depth++;
    try {
      const result = await fn(this);
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    } finally {
      this.depth--;
    }
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // SQL Server: the applock statements MssqlConn sends; Access: a lock file, no SQL.
    if (this.dialect.kind === 'mssql') this.record(MSSQL_OWN.lock, [name], 'query');
    try {
      return await fn();
    } finally {
      if (this.dialect.kind === 'mssql') this.record(MSSQL_OWN.unlock, [name], 'query');
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
