/** MySQL / MariaDB (mysql2): Warehouse Pro's MySQL variant, lowercase table names. */
import mysqlCore from 'mysql2';
import mysql from 'mysql2/promise';
import { AppError } from '../errors';
import { CommitUnknownError, dbLimits, statementTimeoutError } from './db-limits';
import { missingRightsError, refusedRight } from './db-rights';
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

/**
 * caching_sha2_password and sha256_password send the password RSA-encrypted with a key the server
 * hands over when the connection has no TLS: a rogue server (a mistyped host, a spoofed address)
 * sends its own key and reads the password. Without TLS we never ask for the key: the login fails
 * with a message instead. mysql2's own plugins do the rest (the fast path, TLS).
 */
export const PUBLIC_KEY_REFUSED = 'public key retrieval refused';
const PERFORM_FULL_AUTHENTICATION = 0x04;
type AuthHandler = (data: Buffer) => Buffer | null | Promise<Buffer | null>;
type PluginArgs = { connection: { config: { ssl?: unknown } } };
type PluginFactory = (options: { onServerPublicKey(key: Buffer): void }) => (args: PluginArgs) => AuthHandler;
// mysql2 exports its built-in plugins at run time; its typings do not declare them.
const builtIn = (mysqlCore as unknown as { authPlugins: Record<string, PluginFactory> }).authPlugins;
const refuse = (): never => {
  throw new Error(PUBLIC_KEY_REFUSED);
};

function guarded(name: 'caching_sha2_password' | 'sha256_password'): mysql.AuthPlugin {
  const plugin = builtIn[name]({ onServerPublicKey: refuse });
  return ((args: PluginArgs) => {
    const inner = plugin(args);
    const secure = Boolean(args.connection.config.ssl);
    let calls = 0;
    return (data: Buffer) => {
      calls++;
      if (!secure) {
        // sha256_password asks for the key at once; caching_sha2 when the server wants the full password.
        if (name === 'sha256_password' && calls === 1) refuse();
        if (name === 'caching_sha2_password' && data.length === 1 && data[0] === PERFORM_FULL_AUTHENTICATION) refuse();
      }
      return inner(data);
    };
  }) as unknown as mysql.AuthPlugin;
}

const guardedAuthPlugins = {
  caching_sha2_password: guarded('caching_sha2_password'),
  sha256_password: guarded('sha256_password'),
};

/** The driver's connection options: bounded, keep-alive, no public-key retrieval. */
export function mysqlConnectionOptions(o: MysqlOptions): mysql.ConnectionOptions {
  const limits = dbLimits();
  return {
    host: o.host,
    port: o.port ?? 3306,
    database: o.database || undefined,
    user: o.user,
    password: o.password ?? undefined,
    connectTimeout: o.connectTimeoutMs ?? limits.connectMs,
    enableKeepAlive: true,
    keepAliveInitialDelay: limits.keepAliveMs,
    authPlugins: guardedAuthPlugins,
    decimalNumbers: true,
    dateStrings: true,
    // Dates are sent as the PC's local time, as Warehouse Pro writes them.
    timezone: 'local',
    // The session charset; text the table's charset cannot hold is replaced by the data layer.
    charset: 'utf8mb4_general_ci',
    multipleStatements: false,
  };
}

export class MysqlConn implements SqlConn {
  readonly dialect = mysqlDialect;
  private inTx = false;

  private constructor(
    private readonly conn: mysql.Connection,
    private readonly options: MysqlOptions,
  ) {
    // A connection that dies between statements must not crash the process ("error" unhandled).
    conn.on('error', () => undefined);
  }

  /** host:port, for the messages. */
  private get where(): string {
    return `${this.options.host}:${this.options.port ?? 3306}`;
  }

  static async open(o: MysqlOptions): Promise<MysqlConn> {
    const conn = await mysql.createConnection(mysqlConnectionOptions(o));
    return new MysqlConn(conn, o);
  }

  /** Another connection with the same settings: to find out what happened after a lost COMMIT. */
  reopen(): Promise<SqlConn> {
    return MysqlConn.open(this.options);
  }

  /**
   * Every statement goes through here. A connection lost in the middle of a run (network cut,
   * server restarted, killed session) becomes one clear, fatal error instead of a driver message
   * per remaining statement; so does a statement the server never answers (the connection is
   * dropped, so a late answer cannot be mistaken for the next statement's) and one the user has no
   * right to run.
   */
  private async exec(sql: string, params: SqlValue[] = []): Promise<unknown> {
    const timeout = dbLimits().statementMs;
    try {
      const [result] = await this.conn.query({ sql, values: params, timeout });
      return result;
    } catch (err) {
      if ((err as { code?: string }).code === 'PROTOCOL_SEQUENCE_TIMEOUT') {
        this.conn.destroy();
        throw statementTimeoutError(this.where, timeout);
      }
      if (isConnectionLost(err)) throw connectionLostError(this.where);
      const refused = refusedRight(err);
      if (refused)
        throw missingRightsError([refused], {
          kind: 'mysql',
          user: this.options.user,
          database: this.options.database ?? '',
        });
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
      try {
        await this.exec('COMMIT');
      } catch (err) {
        // The COMMIT went out; whether the server applied it before the line went quiet is unknown.
        if (err instanceof AppError) throw new CommitUnknownError(this.where, err);
        throw err;
      }
      return result;
    } catch (err) {
      if (!(err instanceof CommitUnknownError)) await this.conn.query('ROLLBACK').catch(() => undefined);
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
    // end() waits for the server's goodbye; a silent server would keep us here, so it is bounded.
    const ended = this.conn.end().then(
      () => true,
      () => false,
    );
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
    if (!(await Promise.race([ended, timer]))) this.conn.destroy();
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
