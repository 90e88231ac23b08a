/** "Test database connection" and the editor's reference data, over the Warehouse Pro data layer. */
import type { DatabaseCheck, DatabaseReference } from '../../shared/types/reference';
import type { DatabaseConnection } from '../../shared/types/server-profile';
import { AppError } from './errors';
import { orderTargetMissing } from './sync/tasks/order-write';
import { grantStatement, missingRightsError } from './wpdb/db-rights';
import { capabilities, openWarehouse } from './wpdb/open-warehouse';

/**
 * Connects, checks the schema, the VAT mode of the prices, the write rights and NULLs in the
 * columns we write, and says all of it in one message. The connection is closed on every path.
 */
export async function testDatabase(
  connection: DatabaseConnection,
  password: string | null,
  locale: 'bg' | 'en',
  orderTarget?: { objectId: number | null; operatorId: number | null },
): Promise<DatabaseCheck> {
  try {
    const db = await openWarehouse(connection, password, { reportRights: true });
    try {
      const check = await db.check();
      // The order documents' object and operator, when chosen: a deleted one fails the test.
      const missingTarget =
        check.missing.length === 0 && orderTarget?.objectId && orderTarget.operatorId
          ? await db.missingOrderTarget(orderTarget.objectId, orderTarget.operatorId)
          : [];
      const ok = check.missing.length === 0 && missingTarget.length === 0;
      const bg = locale === 'bg';
      const parts = [
        ok
          ? bg
            ? `Връзката е успешна: ${check.goodsCount} стоки, схемата на Склад Pro е пълна.`
            : `Connected: ${check.goodsCount} goods, the Warehouse Pro schema is complete.`
          : bg
            ? `Връзката е успешна, но липсват: ${check.missing.join(', ')}. Това ли е базата на Склад Pro? Изпълненията ще спират, докато липсват.`
            : `Connected, but these are missing: ${check.missing.join(', ')}. Is this the Warehouse Pro database? Runs stop until they are there.`,
      ];
      if (missingTarget.length)
        parts.push(orderTargetMissing(missingTarget, orderTarget!.objectId!, orderTarget!.operatorId!).text[locale]);
      if (check.vatIncluded !== null) parts.push(vatText(check.vatIncluded, check.vatDefaulted, bg));
      let rightsFix: string | null = null;
      if (check.missingRights.length > 0) {
        const rights = check.missingRights.map((r) => {
          const [right, ...table] = r.split(' ');
          return { right, table: table.join(' ') === connection.database ? null : table.join(' ') };
        });
        const who = { kind: connection.kind, user: connection.user, database: connection.database };
        parts.push(missingRightsError(rights, who).text[locale]);
        rightsFix = grantStatement(rights, who);
      }
      if (check.nullColumns.length > 0)
        parts.push(
          bg
            ? `Внимание: празни стойности (NULL) в колони, които Склад Pro попълва: ${check.nullColumns.join(', ')}.`
            : `Note: NULLs in columns Warehouse Pro always fills: ${check.nullColumns.join(', ')}.`,
        );
      // A database that is read but cannot be written here (MS Access off Windows) says so.
      const caps = capabilities(connection.kind);
      if (!check.canWrite && caps.reason && check.missingRights.length === 0) parts.push(caps.reason[locale]);
      return { ok, message: parts.join(' '), ...check, rightsFix };
    } finally {
      await db.close();
    }
  } catch (err) {
    const text = err instanceof AppError ? err.text[locale] : String(err);
    return {
      ok: false,
      message: text,
      serverVersion: null,
      missing: [],
      goodsCount: null,
      canWrite: false,
      vatIncluded: null,
      vatDefaulted: false,
      missingRights: [],
      rightsFix: null,
      nullColumns: [],
    };
  }
}

function vatText(included: boolean, defaulted: boolean, bg: boolean): string {
  const mode = included
    ? bg
      ? 'Цените в базата са с ДДС'
      : 'Prices in the database include VAT'
    : bg
      ? 'Цените в базата са без ДДС'
      : 'Prices in the database exclude VAT';
  const why = defaulted
    ? bg
      ? ' (настройката configkey20 липсва: подразбиране на Склад Pro).'
      : ' (the configkey20 setting is missing: Warehouse Pro’s default).'
    : ' (configkey20).';
  return mode + why;
}

export async function reference(connection: DatabaseConnection, password: string | null): Promise<DatabaseReference> {
  const db = await openWarehouse(connection, password);
  try {
    return await db.reference();
  } finally {
    await db.close();
  }
}
