/**
 * The client-order documents (OperType 19) that carry given stamps in `Note`, with their totals,
 * for reconciliation (B4). One document is one (Acct, ObjectID): the number is per object when
 * configkey48 says so (order-writer.ts), so the pair names it. Two documents with one stamp are
 * an order written twice.
 *
 * The totals follow Warehouse Open's own (shturm/warehouse, Warehouse.Data/SQL/
 * DataProvider.Operation.cs, `GetOperationDetailTotalOut`): a line is `Qtty * (PriceOut + VATOut)`
 * when prices exclude VAT (configkey20 "0") and `Qtty * PriceOut` when they include it; PriceOut
 * is already the price after the line's discount. Both the total with VAT and the one without are
 * returned, because the store's lines carry VAT or not as the order says.
 *
 * Numbering markers (PartnerID 0 or NULL) are never documents. One query per part of the stamps,
 * sized to fit the dialect's parameter limit; the same SQL runs on MariaDB/MySQL, SQLite, MS SQL
 * and Access (Jet): plain GROUP BY with SUM/MIN/COUNT, the `Date` column quoted.
 */
import { chunks, placeholders, rowsPerStatement, type SqlConn } from './sql-conn';
import { ORDER_OPER_TYPE } from './order-writer';
import { vatIncluded } from './warehouse-read';
import type { WpOrderDocument } from '../sync/ports';

export async function orderDocuments(db: SqlConn, notes: string[]): Promise<WpOrderDocument[]> {
  const wanted = [...new Set(notes.map((n) => n.trim()).filter(Boolean))];
  if (wanted.length === 0) return [];
  const vatIn = await vatIncluded(db);
  const q = db.dialect.quote;
  const out: WpOrderDocument[] = [];
  // Room for the OperType parameter; Jet is kept under 255 parameters a statement.
  const size = db.dialect.kind === 'access' ? 200 : rowsPerStatement(db.dialect, 1, 500 + 1) - 1;
  for (const part of chunks(wanted, size)) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT Note AS note, Acct AS acct, ObjectID AS obj, MIN(${q('Date')}) AS d, COUNT(*) AS n,
         SUM(Qtty) AS qt, SUM(Qtty * PriceOut) AS po, SUM(Qtty * VATOut) AS vo
       FROM operations
       WHERE OperType = ? AND PartnerID <> 0 AND PartnerID IS NOT NULL AND Note IN (${placeholders(part.length)})
       GROUP BY Note, Acct, ObjectID`,
      [ORDER_OPER_TYPE, ...part],
    );
    for (const r of rows) {
      const priceOut = Number(r.po ?? 0);
      const vatOut = Number(r.vo ?? 0);
      out.push({
        note: String(r.note ?? '').trim(),
        acct: Number(r.acct),
        objectId: Number(r.obj),
        date: dayOf(r.d),
        lines: Number(r.n ?? 0),
        quantity: Number(r.qt ?? 0),
        totalWithVat: round4(vatIn ? priceOut : priceOut + vatOut),
        totalWithoutVat: round4(vatIn ? priceOut - vatOut : priceOut),
      });
    }
  }
  return out.sort((a, b) => a.acct - b.acct || a.objectId - b.objectId);
}

/** The document's day as Warehouse Pro shows it: dates are the PC's local time (sqlite-conn.ts). */
function dayOf(v: unknown): string {
  if (v instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
  }
  return v === null || v === undefined ? '' : String(v).slice(0, 10);
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;
