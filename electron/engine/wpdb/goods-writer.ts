/**
 * Creates goods (and goods groups) for the one-time download, as Warehouse Pro does
 * (Warehouse Open 3.07, Warehouse.Data/SQL/DataProvider.Item.cs `AddUpdateItem`,
 * Warehouse.Business/Entities/Item.cs, sample rows in Warehouse.Data/MySQL/Scripts/SampleStore_307.sql):
 * every column written, no NULL, an empty text ' '; Name2 = Name and Measure2 = Measure1 (the
 * entity's Name2 falls back to Name; every sample row repeats both); Ratio 1; TaxGroup the default
 * VAT group (1); and a `store` row (0, 0, ' ', 1, 1) for every object, only in the item management
 * modes that keep one row per object and good (configkey23: 0 average price, 1 last purchase price;
 * the lot modes 2-5 create stock rows per lot on receipt).
 */
import type { WpNewGood } from '../sync/ports';
import { nextCode } from './group-tree';
import { insertRows, placeholders, type SqlConn, type SqlValue } from './sql-conn';
import { configValue } from './warehouse-read';
import { fitText, type Charset } from './text-fit';

const blank = (v: string, charset: Charset) => fitText(v, charset).text.trim() || ' ';

/** Finds or creates each group path (by name, level by level); returns path -> group id and code. */
async function ensureGroups(
  tx: SqlConn,
  paths: string[][],
  charset: Charset,
  /** The group new groups go under (the export's goods group), or '' for the top level. */
  root: string,
): Promise<Map<string, { id: number; code: string }>> {
  const rows = await tx.query<{ id: number; code: string; name: string }>(
    'SELECT ID AS id, Code AS code, Name AS name FROM goodsgroups',
  );
  const all = rows.map((r) => ({
    id: Number(r.id),
    code: String(r.code ?? '').trim(),
    name: String(r.name ?? '').trim(),
  }));
  const out = new Map<string, { id: number; code: string }>();
  for (const path of paths) {
    let parent = '';
    let found: { id: number; code: string } | null = null;
    for (const name of path) {
      if (!parent && root) parent = root;
      const hit = all.find(
        (g) =>
          g.code.length === parent.length + 3 &&
          g.code.startsWith(parent) &&
          g.name.toLocaleLowerCase('bg') === name.toLocaleLowerCase('bg'),
      );
      if (hit) found = hit;
      else {
        const code = nextCode(
          parent,
          all.map((g) => g.code),
        );
        const r = await tx.run('INSERT INTO goodsgroups (Name, Code) VALUES (?, ?)', [blank(name, charset), code]);
        found = { id: r.insertId, code };
        all.push({ ...found, name });
      }
      parent = found.code;
    }
    if (found) out.set(path.join('/'), found);
  }
  return out;
}

/** Item management modes (configkey23) in which Warehouse Pro pre-creates one stock row per object. */
export function keepsStockRowPerObject(configkey23: string | null): boolean {
  const mode = Number.parseInt(configkey23 ?? '0', 10);
  return Number.isNaN(mode) || mode === 0 || mode === 1;
}

/** The VAT group new goods get: ID 1 (Item.cs `vatGroupId = 1`), else the one with this rate, else the first. */
export async function defaultVatGroup(db: SqlConn, rate = 20): Promise<{ id: number; rate: number }> {
  const vat = (
    await db.query<{ id: number; v: number }>('SELECT ID AS id, VATValue AS v FROM vatgroups ORDER BY ID')
  ).map((r) => ({ id: Number(r.id), rate: Number(r.v) }));
  return vat.find((v) => v.id === 1) ?? vat.find((v) => v.rate === rate) ?? vat[0] ?? { id: 1, rate };
}

export async function createGoods(
  db: SqlConn,
  groups: { path: string[] }[],
  goods: (WpNewGood & { groupPath: string[] })[],
  charset: Charset,
  /** The code of the goods group new groups go under ('' = top level). */
  rootGroup = '',
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const groupIds = await ensureGroups(
      tx,
      [...groups.map((g) => g.path), ...goods.map((g) => g.groupPath)],
      charset,
      rootGroup,
    );
    // Every object, as Warehouse Pro's INSERT ... SELECT ID FROM objects does (deleted ones too).
    const objects = keepsStockRowPerObject(await configValue(tx, 'configkey23'))
      ? (await tx.query<{ id: number }>('SELECT ID AS id FROM objects ORDER BY ID')).map((o) => Number(o.id))
      : [];
    const vat = await tx.query<{ id: number; v: number }>('SELECT ID AS id, VATValue AS v FROM vatgroups ORDER BY ID');
    const ids: number[] = [];
    for (const g of goods) {
      const prices = Array.from({ length: 10 }, (_, i) => (i + 1 === g.priceColumn ? g.price : 0));
      const taxGroup =
        vat.find((v) => Number(v.id) === 1 && Number(v.v) === g.vatRate)?.id ??
        vat.find((v) => Number(v.v) === g.vatRate)?.id ??
        vat[0]?.id ??
        1;
      const values: SqlValue[] = [
        blank(g.code, charset),
        blank(g.barcode1, charset),
        blank(g.barcode2, charset),
        ' ',
        ...g.catalogs.map((c) => blank(c, charset)),
        blank(g.name, charset),
        blank(g.name, charset),
        blank(g.measure, charset),
        blank(g.measure, charset),
        1,
        0,
        ...prices,
        0,
        0,
        ' ',
        0,
        0,
        Number(taxGroup),
        0,
        groupIds.get(g.groupPath.join('/'))?.id ?? 1,
        0,
      ];
      const r = await tx.run(
        `INSERT INTO goods (Code, BarCode1, BarCode2, BarCode3, Catalog1, Catalog2, Catalog3, Name, Name2, Measure1, Measure2, Ratio, PriceIn,
          PriceOut1, PriceOut2, PriceOut3, PriceOut4, PriceOut5, PriceOut6, PriceOut7, PriceOut8, PriceOut9, PriceOut10,
          MinQtty, NormalQtty, Description, Type, IsRecipe, TaxGroup, IsVeryUsed, GroupID, Deleted) VALUES (${placeholders(values.length)})`,
        values,
      );
      ids.push(r.insertId);
    }
    // Stock rows for every object and every new good, batched (none in the lot modes).
    const stockRows = ids.flatMap((goodId) => objects.map((objectId) => [objectId, goodId, 0, 0, ' ', 1, 1]));
    await insertRows(tx, 'INSERT INTO store (ObjectID, GoodID, Qtty, Price, Lot, LotID, LotOrder)', stockRows, 300);
    return ids;
  });
}
