/**
 * What happens to an imported order document (OperType 19) after the store order changes (issue
 * 15): annulled when the order is cancelled, refunded or voided; given the new lines when the
 * order's lines change. Both run in one transaction under the order writers' lock, and only while
 * the document still holds exactly the rows we wrote: every row is changed by its ID *and* the
 * values we wrote, so a row someone edited in Warehouse Pro meanwhile (even between our look and
 * our change) matches nothing, the transaction is rolled back, and the caller flags the order.
 *
 * How Warehouse Open does the same (github shturm/warehouse, Warehouse.Business/Operations/
 * Operation.cs `Annul`: the details are cleared and committed; Warehouse.Data/SQL/
 * DataProvider.Operation.cs `AddUpdateStoreNeutralDetail`: a detail with quantity 0 is `DELETE FROM
 * operations WHERE ID = @ID`, a changed one `UPDATE operations ... WHERE ID = @ID`, a new one an
 * INSERT): an order is store-neutral (Sign 0), so only `operations` rows change, `store` is not
 * touched, as our writer never touched it. Warehouse Open then frees the number
 * (`DeleteOperationId`: `DELETE FROM nextacct WHERE NextAcct = 'OR<n>'`); we keep it reserved, so
 * an annulment can be undone under the same number and no new document takes it meanwhile.
 */
import type { WpDocChange, WpDocRef, WpDocRow, WpOrder, WpRemovedRow } from '../sync/ports';
import type { SqlConn, SqlValue } from './sql-conn';
import { placeholders } from './sql-conn';
import { docRows, goodsFacts, linePrices, ORDER_LOCK, ORDER_OPER_TYPE, orderColumns } from './order-writer';
import { localDateText } from './sqlite-conn';
import { vatIncluded } from './warehouse-read';

export interface FollowupOptions {
  /** Test hook: called inside the transaction after the first row changed (kill tests, rollback tests). */
  afterFirstChange?: () => Promise<void>;
}

/** Someone changed the document while our transaction ran: roll back, report `edited`. */
class EditedMeanwhile extends Error {}

/** The rows are the ones we wrote: same IDs, goods, quantities, prices, discounts and partner. */
export function sameRows(now: WpDocRow[], written: WpDocRow[]): boolean {
  if (now.length !== written.length) return false;
  const byId = new Map(written.map((r) => [r.id, r]));
  return now.every((r) => {
    const w = byId.get(r.id);
    return (
      !!w &&
      w.goodId === r.goodId &&
      w.partnerId === r.partnerId &&
      near(w.qtty, r.qtty) &&
      near(w.priceOut, r.priceOut) &&
      near(w.discount, r.discount)
    );
  });
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.00005;

/** The WHERE that matches one row only while it holds the values we wrote. */
function rowMatch(doc: WpDocRef, r: WpDocRow): { sql: string; params: SqlValue[] } {
  return {
    sql:
      'OperType = ? AND Acct = ? AND ObjectID = ? AND ID = ? AND GoodID = ? AND PartnerID = ?' +
      ' AND ABS(Qtty - ?) < 0.00005 AND ABS(PriceOut - ?) < 0.00005 AND ABS(Discount - ?) < 0.00005',
    params: [ORDER_OPER_TYPE, doc.acct, doc.objectId, r.id, r.goodId, r.partnerId, r.qtty, r.priceOut, r.discount],
  };
}

async function guarded(
  db: SqlConn,
  doc: WpDocRef,
  written: WpDocRow[],
  change: (tx: SqlConn) => Promise<void>,
): Promise<WpDocChange> {
  try {
    return await db.withLock(ORDER_LOCK, () =>
      db.transaction(async (tx): Promise<WpDocChange> => {
        const now = await docRows(tx, doc.acct, doc.objectId);
        if (now.length === 0) return { outcome: 'gone' };
        if (!sameRows(now, written)) return { outcome: 'edited', rows: now };
        await change(tx);
        return { outcome: 'done', rows: await docRows(tx, doc.acct, doc.objectId) };
      }),
    );
  } catch (err) {
    if (!(err instanceof EditedMeanwhile)) throw err;
    return { outcome: 'edited', rows: await docRows(db, doc.acct, doc.objectId) };
  }
}

/** Each row by its ID and our values; a row that matches nothing was changed meanwhile. */
async function deleteRow(tx: SqlConn, doc: WpDocRef, r: WpDocRow): Promise<void> {
  const m = rowMatch(doc, r);
  if ((await tx.run(`DELETE FROM operations WHERE ${m.sql}`, m.params)).affected !== 1) throw new EditedMeanwhile();
}

/** Removes every row of the document in one transaction (the annulment). */
export function annulOrderDoc(
  db: SqlConn,
  doc: WpDocRef,
  written: WpDocRow[],
  options: FollowupOptions = {},
): Promise<WpDocChange> {
  let removed: WpRemovedRow[] = [];
  return guarded(db, doc, written, async (tx) => {
    removed = await fullRows(tx, written);
    for (const [i, r] of written.entries()) {
      await deleteRow(tx, doc, r);
      if (i === 0) await options.afterFirstChange?.();
    }
    await nothingElse(tx, doc, 0);
  }).then((r) => (r.outcome === 'done' ? { ...r, removed } : r));
}

/** Every column the writer fills, of these rows, in a form that survives JSON (dates as local wall clocks). */
async function fullRows(tx: SqlConn, rows: WpDocRow[]): Promise<WpRemovedRow[]> {
  const out: WpRemovedRow[] = [];
  for (const r of rows) {
    const [row] = await tx.query<Record<string, SqlValue>>(`SELECT ${orderColumns(tx)} FROM operations WHERE ID = ?`, [
      r.id,
    ]);
    const values = orderColumns(tx)
      .split(',')
      .map((c) => c.trim().replace(/^[[`"]|[\]`"]$/g, ''))
      .map((c) => {
        const v = row[c] ?? row[Object.keys(row).find((k) => k.toLowerCase() === c.toLowerCase()) ?? c];
        return v instanceof Date ? { date: localDateText(v) } : (v ?? null);
      });
    out.push(values as WpRemovedRow);
  }
  return out;
}

/**
 * Undoes an annulment: puts the removed rows back under the same number (kept reserved), in one
 * transaction, only while the document has no rows (nobody reused the number meanwhile). The rows
 * get new IDs; the caller keeps them as the rows written from then on.
 */
export function reinstateOrderDoc(db: SqlConn, doc: WpDocRef, removed: WpRemovedRow[]): Promise<WpDocChange> {
  return db.withLock(ORDER_LOCK, () =>
    db.transaction(async (tx): Promise<WpDocChange> => {
      const now = await docRows(tx, doc.acct, doc.objectId);
      if (now.length > 0) return { outcome: 'edited', rows: now };
      for (const r of removed) {
        const values = r.map((v) => (v !== null && typeof v === 'object' ? fromLocalText(v.date) : v));
        await tx.run(`INSERT INTO operations (${orderColumns(tx)}) VALUES (${placeholders(values.length)})`, values);
      }
      return { outcome: 'done', rows: await docRows(tx, doc.acct, doc.objectId) };
    }),
  );
}

function fromLocalText(text: string): Date {
  const [y, m, d, h = 0, mi = 0, sec = 0] = text.split(/[-: T]/).map(Number);
  return new Date(y, m - 1, d, h, mi, sec);
}

/** A row inserted into the document by someone else meanwhile is a change too. */
async function nothingElse(tx: SqlConn, doc: WpDocRef, expected: number): Promise<void> {
  const left = await tx.query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM operations WHERE OperType = ? AND Acct = ? AND ObjectID = ? AND PartnerID <> 0 AND PartnerID IS NOT NULL',
    [ORDER_OPER_TYPE, doc.acct, doc.objectId],
  );
  if (Number(left[0]?.n ?? 0) !== expected) throw new EditedMeanwhile();
}

/**
 * Gives the document the order's new lines, as Warehouse Pro edits a document: a line of a good
 * that stays is updated in place (same ID), a line whose good left is deleted, a new good's line is
 * inserted with the document's own partner, date, note and operator.
 */
export function updateOrderDoc(
  db: SqlConn,
  doc: WpDocRef,
  written: WpDocRow[],
  order: WpOrder,
  options: FollowupOptions = {},
): Promise<WpDocChange> {
  return guarded(db, doc, written, async (tx) => {
    const vatIn = await vatIncluded(tx);
    const goods = await goodsFacts(
      tx,
      order.lines.map((l) => l.goodId),
    );
    const head = (
      await tx.query<{ date: Date | string; note: string; operatorId: number; userId: number }>(
        `SELECT ${tx.dialect.quote('Date')} AS date, Note AS note, OperatorID AS operatorId, UserID AS userId FROM operations WHERE ID = ?`,
        [written[0].id],
      )
    )[0];
    const left = [...written];
    let changed = 0;
    const step = async () => {
      if (changed++ === 0) await options.afterFirstChange?.();
    };
    for (const line of order.lines) {
      const p = linePrices(line, goods.get(line.goodId), vatIn, order.pricesIncludeVat);
      const at = left.findIndex((r) => r.goodId === line.goodId);
      if (at >= 0) {
        const [r] = left.splice(at, 1);
        const m = rowMatch(doc, r);
        const res = await tx.run(
          `UPDATE operations SET Qtty = ?, PriceOut = ?, VATOut = ?, Discount = ? WHERE ${m.sql}`,
          [line.quantity, p.priceOut, p.vatOut, line.discountPercent, ...m.params],
        );
        if (res.affected !== 1) throw new EditedMeanwhile();
      } else {
        const partnerId = written[0].partnerId;
        const row: SqlValue[] = [
          ORDER_OPER_TYPE,
          doc.acct,
          line.goodId,
          partnerId,
          doc.objectId,
          Number(head.operatorId),
          line.quantity,
          0,
          p.priceIn,
          p.priceOut,
          p.vatIn,
          p.vatOut,
          line.discountPercent,
          1,
          1,
          // As stored: the driver hands back what it wrote (a Date, or the text SQLite keeps).
          head.date,
          ' ',
          1,
          head.note,
          0,
          Number(head.userId),
          new Date(),
        ];
        await tx.run(`INSERT INTO operations (${orderColumns(tx)}) VALUES (${placeholders(row.length)})`, row);
      }
      await step();
    }
    for (const r of left) {
      await deleteRow(tx, doc, r);
      await step();
    }
    await nothingElse(tx, doc, order.lines.length);
  });
}
