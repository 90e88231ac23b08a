/**
 * Goods and objects belong to the group ABS(GroupID), as in every Warehouse Open query
 * (Warehouse.Data/SQL/DataProvider.Item.cs, DataProvider.Location.cs: `ABS(goods.GroupID) =
 * goodsgroups.ID`): a negative GroupID is a good of that group, not a good without one.
 *
 * Reads of the Warehouse Pro database: configuration, goods for export, available quantities,
 * goods by barcode, reference data for the editor. One query per kind of data, never one per good.
 * Every read skips service rows (ID 1, group code -1) and deleted rows (Deleted = -1), and every
 * read of `operations` skips the numbering markers (PartnerID 0 or NULL).
 */
import type { DatabaseReference } from '../../../shared/types/reference';
import type { OwnOrdersReserve, QuantityScope, WpGood } from '../sync/ports';
import { buildTree, groupFilter, type GroupRow } from './group-tree';
import { chunks, placeholders, rowsPerStatement, type SqlConn } from './sql-conn';

/**
 * configkey20 missing: Warehouse Open's default is "0", prices without VAT
 * (Warehouse.Business/ConfigurationHolderBase.cs, `[ConfigurationMember ("0", DbKey = "configkey20")]`).
 */
const VAT_INCLUDED_DEFAULT = false;
const DEFAULT_VAT = 20;

export const PRICE_COLUMN_NAMES = [
  'Цена на едро',
  'Цена на дребно',
  ...Array.from({ length: 8 }, (_, i) => `Ценова група ${i + 1}`),
];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

export async function configValue(db: SqlConn, key: string): Promise<string | null> {
  // The global row (UserID -1) sorts first; per-user rows follow.
  const q = db.dialect.quote;
  const rows = await db.query<{ v: string }>(
    `SELECT ${q('Value')} AS v FROM configuration WHERE ${q('Key')} = ? ORDER BY UserID`,
    [key],
  );
  return rows.length ? text(rows[0].v) : null;
}

export async function vatIncluded(db: SqlConn): Promise<boolean> {
  return (await vatMode(db)).included;
}

/** Whether prices include VAT, and whether that is the default because configkey20 is missing. */
export async function vatMode(db: SqlConn): Promise<{ included: boolean; defaulted: boolean }> {
  const v = await configValue(db, 'configkey20');
  if (v === null || v === '') return { included: VAT_INCLUDED_DEFAULT, defaulted: true };
  return { included: v === '-1' || v.toLowerCase() === 'true', defaulted: false };
}

export async function goodsForExport(db: SqlConn, groupCodes: string[], priceColumn: number): Promise<WpGood[]> {
  if (!Number.isInteger(priceColumn) || priceColumn < 1 || priceColumn > 10)
    throw new Error(`price column ${priceColumn} is not 1-10`);
  const f = groupFilter('gg.Code', groupCodes);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT g.ID AS id, g.Code AS code, g.BarCode1 AS b1, g.BarCode2 AS b2, g.Catalog1 AS c1, g.Catalog2 AS c2,
       g.Catalog3 AS c3, g.Name AS name, g.Name2 AS name2, g.Description AS description, g.Measure1 AS measure, g.PriceOut${priceColumn} AS price,
       v.VATValue AS vat, gg.Code AS groupCode, gg.Name AS groupName
     FROM goods g
     LEFT JOIN goodsgroups gg ON gg.ID = ABS(g.GroupID)
     LEFT JOIN vatgroups v ON v.ID = g.TaxGroup
     WHERE g.ID > 1 AND g.Deleted <> -1 AND (gg.Code IS NULL OR gg.Code <> '-1') AND ${f.sql}
     ORDER BY g.ID`,
    f.params,
  );
  return rows.map((r) => ({
    id: num(r.id),
    code: text(r.code),
    barcode1: text(r.b1),
    barcode2: text(r.b2),
    catalogs: [text(r.c1), text(r.c2), text(r.c3)],
    name: text(r.name),
    name2: text(r.name2),
    description: text(r.description),
    measure: text(r.measure),
    price: num(r.price),
    vatRate: r.vat === null || r.vat === undefined ? DEFAULT_VAT : num(r.vat),
    groupCode: text(r.groupCode),
    groupName: text(r.groupName),
  }));
}

/** The objects whose stock counts: those of the chosen object groups (and below), or the operations object. */
export async function scopeObjects(db: SqlConn, scope: QuantityScope): Promise<number[]> {
  if (scope.objectGroupCodes.length === 0) return [scope.operationsObjectId];
  const f = groupFilter('og.Code', scope.objectGroupCodes);
  const rows = await db.query<{ id: number }>(
    `SELECT o.ID AS id FROM objects o JOIN objectsgroups og ON og.ID = ABS(o.GroupID) WHERE o.ID > 1 AND o.Deleted <> -1 AND ${f.sql}`,
    f.params,
  );
  return rows.map((r) => num(r.id));
}

/**
 * On hand (sum of `store.Qtty`) over the scope's objects, and what Warehouse Pro's own client
 * orders (OperType 19) reserve there: all of them, those dated within `days`, or none, per the
 * setting; our imported documents (`ours`) never count here, their reservation is the follow-up's
 * to tell (issue 15 point 8). Without `ownOrders`, every OperType 19 row counts (the rule before).
 */
export async function availability(
  db: SqlConn,
  goodIds: number[],
  scope: QuantityScope,
  ownOrders?: OwnOrdersReserve,
): Promise<Map<number, { onHand: number; reserved: number }>> {
  const objects = await scopeObjects(db, scope);
  const out = new Map<number, { onHand: number; reserved: number }>(
    goodIds.map((id) => [id, { onHand: 0, reserved: 0 }]),
  );
  if (objects.length === 0 || goodIds.length === 0) return out;
  const add = (rows: { id: number; q: number }[], field: 'onHand' | 'reserved', sign = 1) => {
    for (const r of rows) {
      const parts = out.get(num(r.id));
      if (parts) parts[field] += sign * num(r.q);
    }
  };
  const mode = ownOrders?.mode ?? 'all';
  const since = ownOrders?.mode === 'recent' ? daysAgo(ownOrders.days) : null;
  const dated = since ? ` AND ${db.dialect.quote('Date')} >= ?` : '';
  const orders = `OperType = 19 AND PartnerID <> 0 AND PartnerID IS NOT NULL${dated}`;
  // Objects in parts that fit one statement (SQL Server's 2,098 parameters); the sums add up.
  for (const part of chunks(objects, rowsPerStatement(db.dialect, 1, 1000))) {
    const inObjects = placeholders(part.length);
    // `GoodID + 0` keeps the optimiser from walking the GoodID index in order with a row lookup per
    // store row (2.1 s for 1M rows on MariaDB); grouping the scanned rows takes 0.7 s.
    add(
      await db.query<{ id: number; q: number }>(
        `SELECT GoodID + 0 AS id, SUM(Qtty) AS q FROM store WHERE ObjectID IN (${inObjects}) GROUP BY GoodID + 0`,
        part,
      ),
      'onHand',
    );
    if (mode === 'none') continue;
    // INFERRED (schema §3.8, §7): a client order stays open until someone annuls it; what Warehouse
    // Pro does with an order once it is turned into a sale is not documented, hence the age setting.
    add(
      await db.query<{ id: number; q: number }>(
        `SELECT GoodID AS id, SUM(Qtty) AS q FROM operations WHERE ${orders} AND ObjectID IN (${inObjects}) GROUP BY GoodID`,
        [...(since ? [since] : []), ...part],
      ),
      'reserved',
    );
  }
  if (mode === 'none' || !ownOrders?.ours.length) return out;
  // Our own documents come off again: summed per object over their numbers, in parts that fit.
  const inScope = new Set(objects);
  const byObject = new Map<number, number[]>();
  for (const d of ownOrders.ours)
    if (inScope.has(d.objectId)) byObject.set(d.objectId, [...(byObject.get(d.objectId) ?? []), d.acct]);
  for (const [objectId, accts] of byObject)
    for (const part of chunks(accts, rowsPerStatement(db.dialect, 1, 1000) - 2))
      add(
        await db.query<{ id: number; q: number }>(
          `SELECT GoodID AS id, SUM(Qtty) AS q FROM operations WHERE ${orders} AND ObjectID = ? AND Acct IN (${placeholders(part.length)}) GROUP BY GoodID`,
          [...(since ? [since] : []), objectId, ...part],
        ),
        'reserved',
        -1,
      );
  return out;
}

/** Midnight `days` days ago, on the PC's clock (document dates are the PC's local days). */
function daysAgo(days: number): Date {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - Math.max(0, days));
  return d;
}

/** Good ids per barcode value, all of them (more than one id = a duplicate to report). */
export async function findGoods(
  db: SqlConn,
  field: 'barcode1' | 'barcode2',
  values: string[],
): Promise<Map<string, number[]>> {
  const column = field === 'barcode1' ? 'BarCode1' : 'BarCode2';
  const out = new Map<string, number[]>();
  for (const part of chunks(
    [...new Set(values.map((v) => v.trim()).filter(Boolean))],
    rowsPerStatement(db.dialect, 1, 500),
  )) {
    const rows = await db.query<{ id: number; k: string }>(
      `SELECT ID AS id, ${column} AS k FROM goods WHERE ID > 1 AND Deleted <> -1 AND ${column} IN (${placeholders(part.length)})`,
      part,
    );
    for (const r of rows) out.set(text(r.k), [...(out.get(text(r.k)) ?? []), num(r.id)]);
  }
  return out;
}

/** Code and name of goods by id (deleted ones too), so messages name goods as the shop knows them. */
export async function goodLabels(db: SqlConn, ids: number[]): Promise<Map<number, { code: string; name: string }>> {
  const out = new Map<number, { code: string; name: string }>();
  for (const part of chunks([...new Set(ids)], rowsPerStatement(db.dialect, 1, 500))) {
    const rows = await db.query<{ id: number; code: string; name: string }>(
      `SELECT ID AS id, Code AS code, Name AS name FROM goods WHERE ID IN (${placeholders(part.length)})`,
      part,
    );
    for (const r of rows) out.set(num(r.id), { code: text(r.code), name: text(r.name) });
  }
  return out;
}

/** The measure of goods by id (`Measure1`: "бр.", "кг"), so a fraction of a piece good is refused. */
export async function goodsMeasures(db: SqlConn, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const part of chunks([...new Set(ids)], rowsPerStatement(db.dialect, 1, 500))) {
    const rows = await db.query<{ id: number; m: string | null }>(
      `SELECT ID AS id, Measure1 AS m FROM goods WHERE ID IN (${placeholders(part.length)})`,
      part,
    );
    for (const r of rows) out.set(num(r.id), text(r.m));
  }
  return out;
}

/** The operations object and the operator an order document is written with must exist and be live. */
export async function missingOrderTarget(
  db: SqlConn,
  objectId: number,
  operatorId: number,
): Promise<('object' | 'operator')[]> {
  const live = 'ID = ? AND ID > 1 AND Deleted <> -1';
  const [objects, users] = await Promise.all([
    db.query(`SELECT ID FROM objects WHERE ${live}`, [objectId]),
    db.query(`SELECT ID FROM users WHERE ${live}`, [operatorId]),
  ]);
  return [...(objects.length ? [] : ['object' as const]), ...(users.length ? [] : ['operator' as const])];
}

export async function reference(db: SqlConn): Promise<DatabaseReference> {
  const live = 'ID > 1 AND Deleted <> -1';
  const [objects, objectGroups, goodsGroups, goodsPerGroup, objectsPerGroup, users, partners, vat] = await Promise.all([
    db.query<{ id: number; name: string; groupId: number }>(
      `SELECT ID AS id, Name AS name, GroupID AS groupId FROM objects WHERE ${live} ORDER BY Name`,
    ),
    db.query<GroupRow>('SELECT ID AS id, Code AS code, Name AS name FROM objectsgroups'),
    db.query<GroupRow>('SELECT ID AS id, Code AS code, Name AS name FROM goodsgroups'),
    db.query<{ code: string; n: number }>(
      `SELECT gg.Code AS code, COUNT(*) AS n FROM goods g JOIN goodsgroups gg ON gg.ID = ABS(g.GroupID) WHERE g.ID > 1 AND g.Deleted <> -1 GROUP BY gg.Code`,
    ),
    db.query<{ code: string; n: number }>(
      `SELECT og.Code AS code, COUNT(*) AS n FROM objects o JOIN objectsgroups og ON og.ID = ABS(o.GroupID) WHERE o.ID > 1 AND o.Deleted <> -1 GROUP BY og.Code`,
    ),
    db.query<{ id: number; name: string }>(`SELECT ID AS id, Name AS name FROM users WHERE ${live} ORDER BY Name`),
    db.query<{ id: number; name: string; email: string }>(
      `SELECT ID AS id, Company AS name, eMail AS email FROM partners WHERE ${live} ORDER BY Company`,
    ),
    vatIncluded(db),
  ]);
  const counts = (rows: { code: string; n: number }[]) => new Map(rows.map((r) => [text(r.code), num(r.n)]));
  return {
    objects: objects.map((o) => ({
      id: num(o.id),
      name: text(o.name),
      groupId: o.groupId === null ? null : num(o.groupId),
    })),
    objectGroups: buildTree(objectGroups.map(toGroup), counts(objectsPerGroup)),
    goodsGroups: buildTree(goodsGroups.map(toGroup), counts(goodsPerGroup)),
    users: users.map((u) => ({ id: num(u.id), name: text(u.name) })),
    partners: partners.slice(0, 2000).map((p) => ({ id: num(p.id), name: text(p.name), email: text(p.email) })),
    priceColumns: PRICE_COLUMN_NAMES.map((name, i) => ({ column: i + 1, name })),
    vatIncluded: vat,
  };
}

function toGroup(r: GroupRow): GroupRow {
  return { id: num(r.id), code: text(r.code), name: text(r.name) };
}
