/**
 * The program's own state (server profiles, secrets, later runs, audit and mappings) in one SQLite
 * file in the data folder. WAL mode so the UI's reads never wait on a sync run's writes.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type StateDb = Database.Database;

export function openStateDb(file: string): StateDb {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    ownerOnly(file, true);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // SQLite gives the WAL and SHM files the main file's mode; older installs may have 0644 ones.
  if (file !== ':memory:') for (const side of [`${file}-wal`, `${file}-shm`]) ownerOnly(side, false);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Brings the schema up to date. Two copies started at once on one data folder (a scheduled task
 * and the window, say) must not both run the same migration: each step takes the write lock
 * first (BEGIN IMMEDIATE) and reads the version again under it, so the second copy waits and
 * then finds the work done.
 */
function migrate(db: StateDb): void {
  const stepUp = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `state database ${db.name} was written by a newer Sklad Sync (schema ${current} > ${MIGRATIONS.length})`,
      );
    }
    if (current === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current]);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (stepUp.immediate()) {
    // one migration per transaction, as before
  }
}

/**
 * The state file holds the encrypted secrets, the audit and the customers' order data: readable
 * by its owner only (0600), created so from the start rather than tightened after. On Windows the
 * user's profile folder already keeps other users out and chmod only sets read-only: skipped.
 */
function ownerOnly(path: string, create: boolean): void {
  if (process.platform === 'win32') return;
  if (create && !existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  if (existsSync(path)) chmodSync(path, 0o600);
}
