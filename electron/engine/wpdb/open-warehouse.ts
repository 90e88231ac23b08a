/**
 * Opens the Warehouse Pro database of a server profile: one branch per kind (Access: an in-memory
 * copy plus the Windows helper for writes; SQLite; MySQL/MariaDB; SQL Server), the capabilities of
 * each kind as data (so the UI and the engine ask instead of failing late), and one clear error per
 * way a connection fails. Errors never carry the password or a connection string.
 */
import { existsSync } from 'node:fs';
import type { DatabaseConnection, DatabaseKind } from '../../../shared/types/server-profile';
import { AppError } from '../errors';
import { AccessHostConn } from './access-host/access-host-conn';
import { AccessSnapshotDb, ACCESS_WRITE_REASON, ACCESS_WRONG_PASSWORD, loadAccessCopy } from './access-snapshot';
import { MssqlConn } from './mssql-conn';
import { missingRightsError, refusedRight } from './db-rights';
import { MysqlConn, PUBLIC_KEY_REFUSED } from './mysql-conn';
import { SqliteConn } from './sqlite-conn';
import { WarehouseDb } from './warehouse-db';

export interface Capabilities {
  read: boolean;
  write: boolean;
  /** Why a capability is missing, in both languages. */
  reason: { bg: string; en: string } | null;
}

export function capabilities(kind: DatabaseKind): Capabilities {
  // Access is read through mdb-reader on every system; writing needs the Windows-only Jet/ACE provider.
  if (kind === 'access')
    return process.platform === 'win32'
      ? { read: true, write: true, reason: null }
      : { read: true, write: false, reason: ACCESS_WRITE_REASON };
  return { read: true, write: true, reason: null };
}

export interface OpenOptions {
  /**
   * A run: the schema must hold every table and column we read and write, or the run fails up
   * front naming them (the database test reports them instead of failing).
   */
  requireSchema?: boolean;
  /** The database test: a refused CREATE of our lease table is reported with the other rights, not thrown. */
  reportRights?: boolean;
}

/**
 * Opens and prepares the database. Whatever fails after the connection is open (the lease table
 * cannot be created, the schema lacks a column), the connection is closed before the error goes
 * up: a failed run must not leave a connection behind on the server.
 */
export async function openWarehouse(
  connection: DatabaseConnection,
  password: string | null,
  options: OpenOptions = {},
): Promise<WarehouseDb> {
  const caps = capabilities(connection.kind);
  if (!caps.read) throw new AppError('unavailable', caps.reason!);
  let db: WarehouseDb | null = null;
  try {
    if (connection.kind === 'access') {
      const copy = await openAccessFile(connection.filePath, password);
      // Writes go through the Windows helper (PowerShell + OLE DB); elsewhere, or when the provider
      // does not open, the reads still work and a write says why it cannot be done.
      const writer = caps.write
        ? await AccessHostConn.open(connection.filePath, password).catch((err: unknown) =>
            err instanceof AppError ? err : new AppError('unavailable', ACCESS_WRITE_REASON),
          )
        : undefined;
      db = new AccessSnapshotDb(copy, connection.filePath, writer);
    } else if (connection.kind === 'sqlite') {
      if (!existsSync(connection.filePath)) {
        throw new AppError('database_error', {
          bg: `Файлът на базата данни „${connection.filePath}“ не съществува. Проверете пътя.`,
          en: `The database file "${connection.filePath}" does not exist. Check the path.`,
        });
      }
      db = new WarehouseDb(new SqliteConn(connection.filePath));
    } else if (connection.kind === 'mysql') {
      db = new WarehouseDb(
        await MysqlConn.open({
          host: connection.host,
          port: connection.port,
          database: connection.database,
          user: connection.user,
          password,
        }),
      );
    } else {
      db = new WarehouseDb(
        await MssqlConn.open({
          host: connection.host,
          port: connection.port,
          instance: connection.instance,
          database: connection.database,
          user: connection.user,
          password,
        }),
      );
    }
    db.identity = { user: connection.user, database: connection.database, filePath: connection.filePath };
    await db.prepare({ reportRights: options.reportRights });
    if (options.requireSchema) db.requireSchema();
    return db;
  } catch (err) {
    if (db) await db.close().catch(() => undefined);
    throw toDatabaseError(err, connection);
  }
}

/** One message per way a connection fails: what happened and what to do. */
export function toDatabaseError(
  err: unknown,
  c: Pick<DatabaseConnection, 'host' | 'database' | 'user' | 'port'> & { kind?: DatabaseKind },
): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; errno?: number; message?: string };
  const code = e.code ?? '';
  const where = `${c.host}${c.port ? `:${c.port}` : ''}`;
  if (
    [
      'ECONNREFUSED',
      'ETIMEDOUT',
      'ENOTFOUND',
      'EHOSTUNREACH',
      'ESOCKET',
      'ECONNRESET',
      'PROTOCOL_CONNECTION_LOST',
    ].includes(code)
  ) {
    return new AppError('database_error', {
      bg: `Няма връзка със сървъра на базата данни ${where}. Проверете адреса и порта и дали сървърът работи.`,
      en: `Cannot reach the database server ${where}. Check the address and port and that the server is running.`,
    });
  }
  if (String(e.message ?? '').includes(PUBLIC_KEY_REFUSED)) {
    return new AppError('database_error', {
      bg: `Сървърът ${where} поиска паролата по начин, който без TLS би я издал (caching_sha2_password, публичен ключ от сървъра), и програмата отказа. Паролата не е изпратена. Проверете, че адресът е на вашия сървър; включете TLS на сървъра или задайте на потребителя „${c.user}“ mysql_native_password.`,
      en: `The server ${where} asked for the password in a way that would give it away without TLS (caching_sha2_password with the server's public key), and the program refused. The password was not sent. Check that the address is your server's; turn on TLS on the server or give the user "${c.user}" mysql_native_password.`,
    });
  }
  const refused = refusedRight(err);
  if (refused) return missingRightsError([refused], { kind: c.kind ?? 'mysql', user: c.user, database: c.database });
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ELOGIN') {
    return new AppError('database_error', {
      bg: `Грешно потребителско име или парола за базата данни (потребител „${c.user}“). Проверете ги.`,
      en: `Wrong database user name or password (user "${c.user}"). Check them.`,
    });
  }
  if (code === 'ER_BAD_DB_ERROR') {
    return new AppError('database_error', {
      bg: `Базата данни „${c.database}“ не съществува на сървъра ${where}. Проверете името ѝ.`,
      en: `The database "${c.database}" does not exist on ${where}. Check its name.`,
    });
  }
  if (code === 'SQLITE_BUSY' || code === 'ER_LOCK_WAIT_TIMEOUT') {
    return new AppError('database_error', {
      bg: 'Базата данни е заключена от друга програма. Опитайте отново след малко.',
      en: 'The database is locked by another program. Try again in a moment.',
    });
  }
  return new AppError('database_error', {
    bg: `Грешка в базата данни (${code || 'неизвестна'}). Опитайте отново; ако се повтаря, проверете базата.`,
    en: `Database error (${code || 'unknown'}). Try again; if it repeats, check the database.`,
  });
}

async function openAccessFile(filePath: string, password: string | null) {
  if (!existsSync(filePath)) {
    throw new AppError('database_error', {
      bg: `Файлът на базата данни „${filePath}“ не съществува. Проверете пътя.`,
      en: `The database file "${filePath}" does not exist. Check the path.`,
    });
  }
  try {
    return await loadAccessCopy(filePath, password);
  } catch (err) {
    if (/password/i.test(String(err))) {
      throw new AppError('database_error', ACCESS_WRONG_PASSWORD);
    }
    throw new AppError('database_error', {
      bg: 'Файлът не е база данни на MS Access или е повреден. Изберете файла на Склад Pro (.mdb).',
      en: 'The file is not an MS Access database or it is damaged. Choose the Warehouse Pro file (.mdb).',
    });
  }
}
