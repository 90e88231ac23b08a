/**
 * Microsoft SQL Server (mssql): Warehouse Pro's MSSQL variant. Tables are PascalCase in `dbo`;
 * SQL Server's default collations are case-insensitive, so the shared lowercase SQL works as is.
 * The shared SQL uses `?` placeholders: they become `@p1..@pN` here. Nothing here can run T-SQL
 * (no SQL Server exists on the build machines): the live suite runs where MSSQL_TEST_URL is set.
 */
import type * as mssqlTypes from 'mssql';
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

type MssqlModule = typeof mssqlTypes;
type Pool = mssqlTypes.ConnectionPool;
type Tx = mssqlTypes.Transaction;

export class MssqlConn implements SqlConn {
  readonly dialect = mssqlDialect;
  private tx: Tx | null = null;

  private constructor(
    private readonly sql: MssqlModule,
    private readonly pool: Pool,
  ) {}

  static async open(o: MssqlOptions): Promise<MssqlConn> {
    const sql = (await import('mssql')).default as unknown as MssqlModule;
    const pool = new sql.ConnectionPool({
      server: o.host,
      port: o.instance ? undefined : (o.port ?? 1433),
      database: o.database,
      user: o.user,
      password: o.password ?? '',
      options: { instanceName: o.instance || undefined, trustServerCertificate: true, encrypt: false },
      connectionTimeout: 10_000,
      pool: { max: 1 },
    });
    await pool.connect();
    return new MssqlConn(sql, pool);
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
    return (await this.bound(params).query(toMssqlSql(sql))).recordset as T[];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<RunResult> {
    const isInsert = /^\s*insert/i.test(sql);
    const text = toMssqlSql(sql) + (isInsert ? '; SELECT CAST(SCOPE_IDENTITY() AS int) AS insertId' : '');
    const r = await this.bound(params).query(text);
    const insertId = isInsert ? ((r.recordset?.[0] as { insertId?: number })?.insertId ?? 0) : 0;
    return { affected: r.rowsAffected.reduce((a, b) => a + b, 0), insertId };
  }

  async transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    if (this.tx) return fn(this);
    this.tx = new this.sql.Transaction(this.pool);
    await this.tx.begin();
    try {
      const result = await fn(this);
      await this.tx.commit();
      return result;
    } catch (err) {
      await this.tx.rollback().catch(() => undefined);
      throw err;
    } finally {
      this.tx = null;
    }
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // A session-owned application lock: released with the connection if the process dies.
    await this.query(
      "EXEC sp_getapplock @Resource = ?, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 30000",
      [name],
    );
    try {
      return await fn();
    } finally {
      await this.query("EXEC sp_releaseapplock @Resource = ?, @LockOwner = 'Session'", [name]).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
