/**
 * Creates goods (and goods groups) for the one-time download, as Warehouse Pro does: a `store` row
 * pre-created for every object, text fields that have no value written as ' '.
 */
import type { WpNewGood } from '../sync/ports';
import { nextCode } from './group-tree';
import { insertRows, placeholders, type SqlConn, type SqlValue } from './sql-conn';
import { fitText, type Charset } from './text-fit';

const blank = (v: string, charset: Charset) => fitText(v, charset).text.trim() || ' ';

/** Finds or creates each group path (by name, level by level); returns path -> group id and code. */
async function ensureGroups(
  tx: SqlConn,
  paths: string[][],
  charset: Charset,
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

export async function createGoods(
  db: SqlConn,
  groups: { path: string[] }[],
  goods: (WpNewGood & { groupPath: string[] })[],
  charset: Charset,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const groupIds = await ensureGroups(tx, [...groups.map((g) => g.path), ...goods.map((g) => g.groupPath)], charset);
    const objects = (await tx.query<{ id: number }>('SELECT ID AS id FROM objects WHERE Deleted <> -1')).map((o) =>
      Number(o.id),
    );
    const vat = await tx.query<{ id: number; v: number }>('SELECT ID AS id, VATValue AS v FROM vatgroups');
    const ids: number[] = [];
    for (const g of goods) {
      const prices = Array.from({ length: 10 }, (_, i) => (i + 1 === g.priceColumn ? g.price : 0));
      const taxGroup = vat.find((v) => Number(v.v) === g.vatRate)?.id ?? vat[0]?.id ?? 1;
      const values: SqlValue[] = [
        blank(g.code, charset),
        blank(g.barcode1, charset),
        blank(g.barcode2, charset),
        ' ',
        ...g.catalogs.map((c) => blank(c, charset)),
        blank(g.name, charset),
        ' ',
        blank(g.measure, charset),
        ' ',
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
        groupIds.get(g.groupPath.join('/'))?.id ?? 0,
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
    // Stock rows for every object and every new good, batched.
    const stockRows = ids.flatMap((goodId) => objects.map((objectId) => [objectId, goodId, 0, 0, ' ', 1, 1]));
    await insertRows(tx, 'INSERT INTO store (ObjectID, GoodID, Qtty, Price, Lot, LotID, LotOrder)', stockRows, 300);
    return ids;
  });
}
