/**
 * MS Access writes on Windows: `SqlConn` over a long-lived helper process (PowerShell + OLE DB,
 * see host-script.ts) that answers one JSON line per request. Parameters stay parameters (typed
 * OLE DB parameters, never spliced into SQL), transactions are real, and the insert id comes back
 * with every INSERT. `withLock` is a lock file beside the database, shared by every PC that opens it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AppError } from '../../errors';
import { dbLimits, statementTimeoutError } from '../db-limits';
import { ACCESS_WRONG_PASSWORD } from '../access-snapshot';
import { withFileLock } from '../file-lock';
import type { Dialect, RunResult, SqlConn, SqlValue } from '../sql-conn';
import { ACCESS_HOST_PS1 } from './host-script';

export const accessDialect: Dialect = { kind: 'access', quote: (name) => `[${name}]` };

/** The program that speaks the protocol: PowerShell on Windows; tests pass a stand-in. */
export interface HostCommand {
  command: string;
  args: string[];
}

export function powershellHost(): HostCommand {
  const dir = join(tmpdir(), 'sklad-sync');
  mkdirSync(dir, { recursive: true });
  const script = join(dir, 'access-host.ps1');
  // UTF-8 with BOM: Windows PowerShell 5.1 reads a BOM-less script as the ANSI code page.
  writeFileSync(script, `\ufeff${ACCESS_HOST_PS1}`);
  return {
    command: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script],
  };
}

type Param = { t: 'i' | 'f' | 's' | 'd' | 'z'; v?: string | number };

/** Typed parameters for OLE DB: whole numbers as Integer, other numbers as Double, dates as local time text. */
export function encodeParams(params: SqlValue[]): Param[] {
  return params.map((p) => {
    if (p === null || p === undefined) return { t: 'z' };
    if (typeof p === 'number')
      return Number.isInteger(p) && Math.abs(p) < 2 ** 31 ? { t: 'i', v: p } : { t: 'f', v: p };
    if (p instanceof Date) {
      const pad = (n: number) => String(n).padStart(2, '0');
      return {
        t: 'd',
        v: `${p.getFullYear()}-${pad(p.getMonth() + 1)}-${pad(p.getDate())} ${pad(p.getHours())}:${pad(p.getMinutes())}:${pad(p.getSeconds())}`,
      };
    }
    return { t: 's', v: String(p) };
  });
}

interface Reply {
  id: number;
  ok: boolean;
  rows?: Record<string, unknown>[] | Record<string, unknown>;
  affected?: number;
  insertId?: number;
  error?: string;
}

export class AccessHostConn implements SqlConn {
  readonly dialect = accessDialect;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private exclusive: Promise<unknown> = Promise.resolve();
  private exited: string | null = null;
  /** Set when the helper did not answer in time (ms waited): every later call says so. */
  private silent: number | null = null;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly databaseFile: string,
  ) {
    let stderr = '';
    // A helper ended (by us after a timeout, or by itself) closes its stdin: a late write must not
    // crash the process with an unhandled EPIPE; the request's answer already says what happened.
    child.stdin.on('error', () => undefined);
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        return; // a stray line (a PowerShell warning) is not an answer
      }
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    child.on('exit', (code) => {
      this.exited = `the Access helper exited (${code ?? 'signal'}) ${stderr.trim()}`.trim();
      for (const resolve of this.waiting.values()) resolve({ id: 0, ok: false, error: this.exited });
      this.waiting.clear();
    });
    child.on('error', (err) => (this.exited = err.message));
  }

  /** Opens the file through the ACE provider, or Jet 4.0 where only that is installed (.mdb). */
  static async open(
    file: string,
    password: string | null,
    host: HostCommand = powershellHost(),
  ): Promise<AccessHostConn> {
    const child = spawn(host.command, host.args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const conn = new AccessHostConn(child, file);
    const pw = password ? `Jet OLEDB:Database Password=${password};` : '';
    let last = '';
    for (const provider of ['Microsoft.ACE.OLEDB.12.0', 'Microsoft.Jet.OLEDB.4.0']) {
      const reply = await conn.request({
        op: 'open',
        connectionString: `Provider=${provider};Data Source=${file};${pw}`,
      });
      if (reply.ok) return conn;
      last = reply.error ?? '';
      if (!/provider|registered/i.test(last)) break;
    }
    await conn.close().catch(() => undefined);
    if (/password/i.test(last)) throw new AppError('database_error', ACCESS_WRONG_PASSWORD);
    throw new AppError('database_error', {
      bg: `Базата MS Access не може да бъде отворена за запис (${last.slice(0, 200)}). Проверете, че е инсталиран Microsoft Access Database Engine и че файлът не е само за четене.`,
      en: `The MS Access database cannot be opened for writing (${last.slice(0, 200)}). Check that the Microsoft Access Database Engine is installed and the file is not read-only.`,
    });
  }

  /**
   * One request and its answer, bounded: a helper that stops answering (the file locked by another
   * program's dialog, a hung share) is ended, so the run stops with a message instead of waiting.
   */
  private request(body: Record<string, unknown>): Promise<Reply> {
    if (this.exited) return Promise.resolve({ id: 0, ok: false, error: this.exited });
    if (this.silent !== null) return Promise.resolve({ id: 0, ok: false, error: 'the helper was ended: no answer' });
    const id = this.nextId++;
    const ms = dbLimits().statementMs;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.silent = ms;
        this.child.kill();
        resolve({ id, ok: false, error: `no answer within ${Math.round(ms / 1000)} s` });
      }, ms);
      timer.unref();
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  private async call(body: Record<string, unknown>): Promise<Reply> {
    const reply = await this.request(body);
    if (this.silent !== null) throw statementTimeoutError(this.databaseFile, this.silent);
    if (!reply.ok) {
      throw new AppError('database_error', {
        bg: `Грешка от базата MS Access: ${reply.error ?? '?'}`,
        en: `MS Access error: ${reply.error ?? '?'}`,
      });
    }
    return reply;
  }

  private raw(): SqlConn {
    const query = async <T>(sql: string, params: SqlValue[] = []): Promise<T[]> => {
      const r = await this.call({ op: 'query', sql, params: encodeParams(params) });
      // PowerShell hands back a lone row as an object, not a one-element array.
      const rows = r.rows === undefined || r.rows === null ? [] : Array.isArray(r.rows) ? r.rows : [r.rows];
      return rows as T[];
    };
    const run = async (sql: string, params: SqlValue[] = []): Promise<RunResult> => {
      const r = await this.call({ op: 'run', sql, params: encodeParams(params) });
      return { affected: Number(r.affected ?? 0), insertId: Number(r.insertId ?? 0) };
    };
    return {
      dialect: accessDialect,
      query,
      run,
      // Already inside the one transaction (or one statement): nested calls join it.
      transaction: (fn) => fn(this.raw()),
      withLock: (_name, fn) => fn(),
      close: () => this.close(),
    };
  }

  /** One statement or transaction at a time: the helper has one connection. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.exclusive.then(fn, fn);
    this.exclusive = next.catch(() => undefined);
    return next;
  }

  query<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.serial(() => this.raw().query<T>(sql, params));
  }

  run(sql: string, params?: SqlValue[]): Promise<RunResult> {
    return this.serial(() => this.raw().run(sql, params));
  }

  transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      await this.call({ op: 'begin' });
      try {
        const result = await fn(this.raw());
        await this.call({ op: 'commit' });
        return result;
      } catch (err) {
        await this.request({ op: 'rollback' });
        throw err;
      }
    });
  }

  withLock<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return withFileLock(`${this.databaseFile}.sklad-sync.lock`, fn);
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    void this.request({ op: 'close' });
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exit;
    clearTimeout(timer);
  }
}
