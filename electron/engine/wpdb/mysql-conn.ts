/** MySQL / MariaDB (mysql2): Warehouse Pro's MySQL variant, lowercase table names. */
import mysql from 'mysql2/promise';
import type { Dialect, RunResult, SqlConn, SqlValue } from './sql-conn';

export const mysqlDialect: Dialect = {
  kind: 'mysql',
  quote: (name) => `\`${name}\``,
};

export interface MysqlOptions {
  host: string;
  port?: number | null;
  database?: string;
  user: string;
  password?: string | null;
  connectTimeoutMs?: number;
}

export class MysqlConn implements SqlConn {
  readonly dialect = mysqlDialect;
  private inTx = false;

  private constructor(private readonly conn: mysql.Connection) {}

  static async open(o: MysqlOptions): Promise<MysqlConn> {
    const conn = await mysql.createConnection({
      host: o.host,
      port: o.port ?? 3306,
      database: o.database || undefined,
      user: o.user,
      password: o.password ?? undefined,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      decimalNumbers: true,
      dateStrings: true,
      // The session charset; text the table's charset cannot hold is replaced by the data layer.
      charset: 'utf8mb4_general_ci',
      multipleStatements: false,
    });
    return new MysqlConn(conn);
  }

  async query<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    const [rows] = await this.conn.query(sql, params);
    return rows as T[];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<RunResult> {
    const [r] = await this.conn.query(sql, params);
    const h = r as mysql.ResultSetHeader;
    return { affected: h.affectedRows, insertId: h.insertId };
  }

  async transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    await this.conn.query('START TRANSACTION');
    this.inTx = true;
    try {
      const result = await fn(this);
      await this.conn.query('COMMIT');
      return result;
    } catch (err) {
      await this.conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      this.inTx = false;
    }
  }

  /** GET_LOCK is held by the connection; a killed process's lock goes with its connection. */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const [rows] = await this.conn.query('SELECT GET_LOCK(?, 30) AS got', [name]);
    if ((rows as { got: number }[])[0]?.got !== 1) throw new Error(`could not take the database lock ${name} in 30 s`);
    try {
      return await fn();
    } finally {
      await this.conn.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.conn.end().catch(() => this.conn.destroy());
  }
}
