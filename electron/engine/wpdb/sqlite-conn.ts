/** SQLite (better-sqlite3): the embedded demo database. Writers are serialised by BEGIN IMMEDIATE. */
import Database from 'better-sqlite3';
import { dbLimits } from './db-limits';
import type { Dialect, RunResult, SqlConn, SqlValue } from './sql-conn';

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  quote: (name) => `"${name}"`,
};

/**
 * better-sqlite3 is synchronous: a second connection in the same process that waits on BEGIN
 * IMMEDIATE would block the event loop while the first awaits. So writers to one file queue here
 * first (per process); BEGIN IMMEDIATE serialises writers of other processes.
 */
const fileQueues = new Map<string, Promise<unknown>>();
function queued<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const prev = fileQueues.get(file) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  fileQueues.set(
    file,
    next.catch(() => undefined),
  );
  return next;
}

/** Dates as the PC's local time, as Warehouse Pro writes them (not UTC: an order of 00:30 is not the day before). */
export function localDateText(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const bind = (params: SqlValue[]) => params.map((p) => (p instanceof Date ? localDateText(p) : p));

export class SqliteConn implements SqlConn {
  readonly dialect = sqliteDialect;
  private readonly db: Database.Database;
  private depth = 0;

  constructor(
    private readonly file: string,
    options: { readonly?: boolean } = {},
  ) {
    this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: false });
    this.db.pragma(`busy_timeout = ${dbLimits().sqliteBusyMs}`);
    if (!options.readonly) this.db.pragma('journal_mode = WAL');
  }

  async query<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.db.prepare(sql).all(...bind(params)) as T[];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<RunResult> {
    const r = this.db.prepare(sql).run(...bind(params));
    return { affected: r.changes, insertId: Number(r.lastInsertRowid) };
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn(this);
    return queued(this.file, () => this.inTransaction(fn));
  }

  private async inTransaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    this.depth++;
    try {
      const result = await fn(this);
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    } finally {
      this.depth--;
    }
  }

  /** BEGIN IMMEDIATE already serialises writers on one file: the lock is the transaction. */
  async withLock<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
