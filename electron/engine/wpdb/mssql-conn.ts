/**
 * Microsoft SQL Server (mssql): Warehouse Pro's MSSQL variant. Tables are PascalCase in `dbo`;
 * SQL Server's default collations are case-insensitive, so the shared lowercase SQL works as is.
 * The shared SQL uses `?` placeholders: they become `@p1..@pN` here. Nothing here can run T-SQL
 * (no SQL Server exists on the build machines): the live suite runs where MSSQL_TEST_URL is set.
 */
import type * as mssqlTypes from 'mssql';
import { AppError } from '../errors';
import { CommitUnknownError, dbLimits, statementTimeoutError } from './db-limits';
import { missingRightsError, refusedRight } from './db-rights';
import { connectionLostError } from './mysql-conn';
import type { Dialect, RunResult, SqlConn, SqlValue } from './sql-conn';

export const mssqlDialect: Dialect = { kind: 'mssql', quote: (name) => `[${name}]` };

/** `?` -> `@p1`, `@p2`, … outside string literals; `LIMIT n` is not used by the shared SQL. */
export function toMssqlSql(sql: string): string {
  let n = 0;
  let out = '';
  let inString = false;
  for (const ch of sql) {
    if (ch === "'") inString = !inString;
    out += ch === '?' && !inString ? `@p${++n}` : ch;
  }
  return out.replace(/`([A-Za-z0-9_]+)`/g, '[$1]');
}

export interface MssqlOptions {
  host: string;
  port?: number | null;
  instance?: string;
  database: string;
  user: string;
  password?: string | null;
}

/** The statements the connection adds of its own, in one place for the T-SQL checks (tests/wpdb/generated-sql). */
export const MSSQL_OWN = {
  insertId: '; SELECT CAST(SCOPE_IDENTITY() AS int) AS insertId',
  lock: "EXEC sp_getapplock @Resource = ?, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 30000",
  unlock: "EXEC sp_releaseapplock @Resource = ?, @LockOwner = 'Session'",
};

/**
 * The pool's settings. `useUTC: false`: tedious sends a JavaScript Date as UTC by default, so on
 * a Bulgarian PC an order of 00:30 would be dated the day before and UserRealTime 2-3 hours off;
 * Warehouse Pro writes local time. Every request is bounded (`requestTimeout`); tedious turns TCP
 * keep-alive on for every socket (30 s initial delay, tedious/lib/connection.js).
 */
export function mssqlPoolConfig(o: MssqlOptions): mssqlTypes.config {
  const limits = dbLimits();
  return {
    server: o.host,
    port: o.instance ? undefined : (o.port ?? 1433),
    database: o.database,
    user: o.user,
    password: o.password ?? '',
    options: { instanceName: o.instance || undefined, trustServerCertificate: true, encrypt: false, useUTC: false },
    connectionTimeout: limits.connectMs,
    requestTimeout: limits.statementMs,
    pool: { max: 1 },
  };
}

type MssqlModule = typeof mssqlTypes;
type Pool = mssqlTypes.ConnectionPool;
type Tx = mssqlTypes.Transaction;

export class MssqlConn implements SqlConn {
  readonly dialect = mssqlDialect;
  private tx: Tx | null = null;

  private constructor(
    private readonly sql: MssqlModule,
    private readonly pool: Pool,
    private readonly options: MssqlOptions,
  ) {
    pool.on('error', () => undefined);
  }

  static async open(o: MssqlOptions): Promise<MssqlConn> {
    const sql = (await import('mssql')).default as unknown as MssqlModule;
    const pool = new sql.ConnectionPool(mssqlPoolConfig(o));
    await pool.connect();
    return new MssqlConn(sql, pool, o);
  }

  reopen(): Promise<SqlConn> {
    return MssqlConn.open(this.options);
  }

  private get where(): string {
    return `${this.options.host}${this.options.instance ? `\\${this.options.instance}` : ''}`;
  }

  /** Driver errors that say something about the run as a whole, as the one clear message each. */
  private async exec(text: string, params: SqlValue[]) {
    try {
      return await this.bound(params).query(text);
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): unknown {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'ETIMEOUT') return statementTimeoutError(this.where, dbLimits().statementMs);
    if (['ESOCKET', 'ECONNCLOSED', 'ECONNRESET', 'ENOTOPEN'].includes(code)) return connectionLostError(this.where);
    const refused = refusedRight(err);
    if (refused)
      return missingRightsError([refused], { kind: 'mssql', user: this.options.user, database: this.options.database });
    return err;
  }

  private request() {
    return this.tx ? new this.sql.Request(this.tx) : this.pool.request();
  }

  private bound(params: SqlValue[]) {
    const req = this.request();
    params.forEach((p, i) => req.input(`p${i + 1}`, p));
    return req;
  }

  async query<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return (await this.exec(toMssqlSql(sql), params)).recordset as T[];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<RunResult> {
    const isInsert = /^\s*insert/i.test(sql);
    const text = toMssqlSql(sql) + (isInsert ? MSSQL_OWN.insertId : '');
    const r = await this.exec(text, params);
    const insertId = isInsert ? ((r.recordset?.[0] as { insertId?: number })?.insertId ?? 0) : 0;
    return { affected: r.rowsAffected.reduce((a, b) => a + b, 0), insertId };
  }

  async transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    if (this.tx) return fn(this);
    this.tx = new this.sql.Transaction(this.pool);
    await this.tx.begin();
    try {
      const result = await fn(this);
      try {
        await this.tx.commit();
      } catch (err) {
        const e = this.translate(err);
        if (e instanceof AppError) throw new CommitUnknownError(this.where, e);
        throw e;
      }
      return result;
    } catch (err) {
      if (!(err instanceof CommitUnknownError)) await this.tx.rollback().catch(() => undefined);
      throw err;
    } finally {
      this.tx = null;
    }
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // A session-owned application lock: released with the connection if the process dies.
    await this.query(MSSQL_OWN.lock, [name]);
    try {
      return await fn();
    } finally {
      await this.query(MSSQL_OWN.unlock, [name]).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
