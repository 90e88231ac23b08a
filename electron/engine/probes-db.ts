/** "Test database connection" and the editor's reference data, over the Warehouse Pro data layer. */
import type { DatabaseCheck, DatabaseReference } from '../../shared/types/reference';
import type { DatabaseConnection } from '../../shared/types/server-profile';
import { AppError } from './errors';
import { capabilities, openWarehouse } from './wpdb/open-warehouse';

export async function testDatabase(
  connection: DatabaseConnection,
  password: string | null,
  locale: 'bg' | 'en',
): Promise<DatabaseCheck> {
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
      // A database that is read but cannot be written here (MS Access off Windows) says so.
      const caps = capabilities(connection.kind);
      const note = !check.canWrite && caps.reason ? ` ${caps.reason[locale]}` : '';
      return { ok, message: message + note, ...check };
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
