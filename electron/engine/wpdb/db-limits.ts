/**
 * Every database driver is bounded (issue 14): a statement that gets no answer ends the run with a
 * clear message instead of hanging it, and TCP keep-alive notices a peer that vanished without a
 * word. One set of numbers for every driver, so mysql2, mssql, SQLite and the Access helper agree.
 *
 * The statement timeout must outlast the waits the database itself imposes on a healthy run: our
 * GET_LOCK / sp_getapplock wait (30 s) and InnoDB's default lock wait (50 s). Two minutes leaves a
 * margin above both; a database that is silent that long is not coming back within the run.
 */
import { AppError } from '../errors';

export interface DbLimits {
  /** Longest wait for the answer to one statement (mysql2 `timeout`, mssql `requestTimeout`, the Access helper). */
  statementMs: number;
  /** Connecting and logging in. */
  connectMs: number;
  /** First TCP keep-alive probe after this much idle time. */
  keepAliveMs: number;
  /** SQLite's busy timeout: how long a writer waits for another process's write lock. */
  sqliteBusyMs: number;
}

const DEFAULTS: DbLimits = { statementMs: 120_000, connectMs: 10_000, keepAliveMs: 30_000, sqliteBusyMs: 10_000 };

let current: DbLimits = { ...DEFAULTS };

export function dbLimits(): DbLimits {
  return current;
}

/** For the fault tests, which cannot wait two minutes for a silent server; `null` restores the defaults. */
export function setDbLimits(patch: Partial<DbLimits> | null): void {
  current = patch ? { ...current, ...patch } : { ...DEFAULTS };
}

export function statementTimeoutError(where: string, ms: number): AppError {
  const s = Math.round(ms / 1000);
  return new AppError('database_error', {
    bg: `Сървърът на базата данни ${where} не отговори в рамките на ${s} s: връзката е отворена, но отговор няма (претоварен или блокиран сървър, прекъсната мрежа). Изпълнението е спряно, незавършеният запис е отменен. Проверете сървъра и мрежата; следващото изпълнение продължава оттам, докъдето е стигнало това.`,
    en: `The database server ${where} did not answer within ${s} s: the connection is open but no reply comes (an overloaded or blocked server, a broken network). The run was stopped and the unfinished write abandoned. Check the server and the network; the next run continues where this one stopped.`,
  });
}

/**
 * The connection was lost (or went silent) while COMMIT was on its way: the server may have
 * written everything or nothing. Callers that can look (the order writer, by its stamp) do.
 */
export class CommitUnknownError extends AppError {
  readonly fatal = true;
  constructor(
    readonly where: string,
    readonly lost: AppError,
  ) {
    super('database_error', {
      bg: `Връзката със сървъра на базата данни ${where} прекъсна точно при потвърждаването (COMMIT) на записа: не е известно дали сървърът го е записал. Следващото изпълнение проверява какво е записано и не записва нищо два пъти. Проверете мрежата и дали сървърът работи.`,
      en: `The connection to the database server ${where} was lost right at the COMMIT of a write: whether the server wrote it is unknown. The next run checks what was written and writes nothing twice. Check the network and that the server is running.`,
    });
  }
}
