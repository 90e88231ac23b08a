/** "Test database connection" and the editor's reference data, over the Warehouse Pro data layer. */
import { existsSync } from 'node:fs';
import type { DatabaseCheck, DatabaseReference } from '../../shared/types/reference';
import type { DatabaseConnection } from '../../shared/types/server-profile';
import { AppError } from './errors';
import { openWarehouse } from './wpdb/open-warehouse';
import { REQUIRED } from './wpdb/schema';

export async function testDatabase(
  connection: DatabaseConnection,
  password: string | null,
  locale: 'bg' | 'en',
): Promise<DatabaseCheck> {
  if (connection.kind === 'access') return checkAccessFile(connection, password, locale);
  try {
    const db = await openWarehouse(connection, password);
    try {
      const check = await db.check();
      const ok = check.missing.length === 0;
      const message = ok
        ? locale === 'bg'
          ? `Връзката е успешна: ${check.goodsCount} стоки, схемата на Склад Pro е пълна.`
          : `Connected: ${check.goodsCount} goods, the Warehouse Pro schema is complete.`
        : locale === 'bg'
          ? `Връзката е успешна, но липсват: ${check.missing.join(', ')}. Това ли е базата на Склад Pro?`
          : `Connected, but these are missing: ${check.missing.join(', ')}. Is this the Warehouse Pro database?`;
      return { ok, message, ...check };
    } finally {
      await db.close();
    }
  } catch (err) {
    const text = err instanceof AppError ? err.text[locale] : String(err);
    return { ok: false, message: text, serverVersion: null, missing: [], goodsCount: null, canWrite: false };
  }
}

export async function reference(connection: DatabaseConnection, password: string | null): Promise<DatabaseReference> {
  const db = await openWarehouse(connection, password);
  try {
    return await db.reference();
  } finally {
    await db.close();
  }
}

/** Access files can be opened and checked on any system with mdb-reader (syncing needs Windows). */
async function checkAccessFile(
  connection: DatabaseConnection,
  password: string | null,
  locale: 'bg' | 'en',
): Promise<DatabaseCheck> {
  const fail = (bg: string, en: string): DatabaseCheck => ({
    ok: false,
    message: locale === 'bg' ? bg : en,
    serverVersion: null,
    missing: [],
    goodsCount: null,
    canWrite: false,
  });
  if (!existsSync(connection.filePath))
    return fail(`Файлът „${connection.filePath}“ не съществува.`, `The file "${connection.filePath}" does not exist.`);
  try {
    const { default: MDBReader } = await import('mdb-reader');
    const { readFileSync } = await import('node:fs');
    const reader = new MDBReader(readFileSync(connection.filePath), { password: password ?? undefined });
    const tables = new Set(reader.getTableNames().map((t) => t.toLowerCase()));
    const missing = Object.keys(REQUIRED).filter((t) => !tables.has(t));
    const goodsName = reader.getTableNames().find((t) => t.toLowerCase() === 'goods');
    return {
      ok: false,
      message:
        locale === 'bg'
          ? `Файлът се чете (${tables.size} таблици${missing.length ? `, липсват: ${missing.join(', ')}` : ''}). Синхронизация с MS Access е възможна само под Windows.`
          : `The file can be read (${tables.size} tables${missing.length ? `, missing: ${missing.join(', ')}` : ''}). Syncing an MS Access database needs Windows.`,
      serverVersion: 'MS Access',
      missing,
      goodsCount: goodsName ? reader.getTable(goodsName).rowCount : null,
      canWrite: false,
    };
  } catch (err) {
    const wrongPassword = /password/i.test(String(err));
    return wrongPassword
      ? fail('Грешна парола за файла на MS Access.', 'Wrong password for the MS Access file.')
      : fail(
          'Файлът не е база данни на MS Access или е повреден.',
          'The file is not an MS Access database or it is damaged.',
        );
  }
}
