/** MySQL / MariaDB (mysql2): Warehouse Pro's MySQL variant, lowercase table names. */
import mysql from 'mysql2/promise';
import { AppError } from '../errors';
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

  private constructor(
    private readonly conn: mysql.Connection,
    /** host:port, for the message when the connection is lost. */
    private readonly where: string,
  ) {}

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
    return new MysqlConn(conn, `${o.host}:${o.port ?? 3306}`);
  }

  /**
   * Every statement goes through here. A connection lost in the middle of a run (network cut,
   * server restarted, killed session) becomes one clear, fatal error instead of a driver message
   * per remaining statement: the run stops, and the server has rolled back whatever transaction
   * was open, so nothing half-written is kept.
   */
  private async exec(sql: string, params: SqlValue[] = []): Promise<unknown> {
    try {
      const [result] = await this.conn.query(sql, params);
      return result;
    } catch (err) {
      if (isConnectionLost(err)) throw connectionLostError(this.where);
      throw err;
    }
  }

  async query<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return (await this.exec(sql, params)) as T[];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<RunResult> {
    const h = (await this.exec(sql, params)) as mysql.ResultSetHeader;
    return { affected: h.affectedRows, insertId: h.insertId };
  }

  async transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    await this.exec('START TRANSACTION');
    this.inTx = true;
    try {
      const result = await fn(this);
      await this.exec('COMMIT');
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
    const rows = await this.query<{ got: number }>('SELECT GET_LOCK(?, 30) AS got', [name]);
    if (rows[0]?.got !== 1) throw new Error(`could not take the database lock ${name} in 30 s`);
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

const LOST_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
]);

/** mysql2 marks errors that end the connection as `fatal`; later statements fail with the same flag. */
export function isConnectionLost(err: unknown): boolean {
  const e = err as { fatal?: boolean; code?: string } | null;
  return Boolean(e && (e.fatal === true || LOST_CODES.has(e.code ?? '')));
}

export function connectionLostError(where: string): AppError {
  return new AppError('database_error', {
    bg: `Връзката със сървъра на базата данни ${where} прекъсна по време на изпълнението. Незавършеният запис е отменен от сървъра, нищо не е записано наполовина. Проверете мрежата и дали сървърът работи; следващото изпълнение продължава оттам, докъдето е стигнало това.`,
    en: `The connection to the database server ${where} was lost during the run. The server rolled back the unfinished write, so nothing is half-written. Check the network and that the server is running; the next run continues where this one stopped.`,
  });
}
