/**
 * Reconciliation (B4): the store's orders placed on the days [from, to] against the client-order
 * documents in Warehouse Pro that carry their stamps. Two reads, then a pure comparison:
 * - the store: one list read with the orders' date filters (`orders-in-range.ts`), bounded;
 * - Warehouse Pro: the documents with any of the orders' stamps (`wpdb/order-documents.ts`),
 *   the current stamp and the old `CloudCart #<id>` one, so documents of older versions count.
 *
 * The totals compared are what the import writes: the order's lines (price after discounts ×
 * quantity, no shipping, which the import does not write as a line), each unit price converted to
 * the database's currency and rounded as the import does (`toDbPrice`), on the basis the order's
 * prices carry (with VAT or without), against the document's total on the same basis.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { ReconcileClass, ReconcileRow } from '../../../../shared/types/reconcile';
import { RECONCILE_CLASSES } from '../../../../shared/types/reconcile';
import { BGN_PER_EUR, convertCurrency, type Currency } from '../../rules/pricing';
import type { StoreOrder, StorePort, WarehousePort, WpOrderDocument } from '../ports';
import { importsStatus } from '../tasks/import-task';
import { NEGATIVE_ORDER_STATUSES } from '../../../../shared/types/server-profile';
import { orderStamps } from './stamps';

const NEGATIVE_STATUSES: ReadonlySet<string> = new Set(NEGATIVE_ORDER_STATUSES);

/** Totals closer than this (one cent or stotinka) agree: each unit price is rounded to 4 places. */
export const TOTAL_TOLERANCE = 0.01;

export interface ReconcileInput {
  store: Pick<StorePort, 'ordersPlacedBetween'>;
  wp: Pick<WarehousePort, 'orderDocuments'>;
  profile: ServerProfileView;
  from: string;
  to: string;
  /** Orders the import holds back (needs attention): order id -> reason and detail. */
  attention?: Map<string, string>;
}

export interface ReconcileResult {
  rows: ReconcileRow[];
  counts: Record<ReconcileClass, number>;
}

export async function reconcileOrders(input: ReconcileInput): Promise<ReconcileResult> {
  const orders = await input.store.ordersPlacedBetween(input.from, input.to);
  const stampsOf = new Map(orders.map((o) => [o.id, orderStamps(input.profile.store.domain, o.id)]));
  const docs = await input.wp.orderDocuments([...stampsOf.values()].flat());
  const byNote = new Map<string, WpOrderDocument[]>();
  for (const d of docs) byNote.set(d.note, [...(byNote.get(d.note) ?? []), d]);
  const rows = orders.map((order) =>
    classify(
      order,
      (stampsOf.get(order.id) ?? []).flatMap((s) => byNote.get(s) ?? []),
      input.profile,
      input.attention?.get(order.id) ?? null,
    ),
  );
  const counts = Object.fromEntries(RECONCILE_CLASSES.map((c) => [c, 0])) as Record<ReconcileClass, number>;
  for (const r of rows) counts[r.class] += 1;
  return { rows, counts };
}

/** One order and the documents that carry its stamps: which class, with both totals. */
export function classify(
  order: StoreOrder,
  docs: WpOrderDocument[],
  profile: ServerProfileView,
  attention: string | null,
): ReconcileRow {
  const settings = profile.settings;
  const withVat = order.vatIncluded ?? settings.store.pricesIncludeVat;
  const total = storeTotal(order, profile);
  const documents = docs.map((d) => ({
    acct: d.acct,
    objectId: d.objectId,
    date: d.date,
    note: d.note,
    total: withVat ? d.totalWithVat : d.totalWithoutVat,
  }));
  const documentTotal = documents.length ? documents[0].total : null;
  let cls: ReconcileClass;
  if (NEGATIVE_STATUSES.has(order.status)) cls = documents.length ? 'cancelled_open' : 'cancelled';
  else if (documents.length === 0) cls = importsStatus(order, settings) ? 'missing' : 'not_imported';
  else if (documents.length > 1) cls = 'doubled';
  else if (Math.abs(documentTotal! - total.database) > TOTAL_TOLERANCE) cls = 'totals_differ';
  else cls = 'imported';
  return {
    orderId: order.id,
    placedAt: order.createdAt,
    status: order.status,
    customer: [order.customerName, order.email].filter(Boolean).join(' · '),
    class: cls,
    documents,
    storeTotal: total.database,
    storeAmount: total.amount,
    storeCurrency: total.currency,
    documentTotal,
    basis: withVat ? 'with_vat' : 'without_vat',
    conversion: total.conversion,
    attention,
  };
}

/** The currency the import reads the order in: its own when BGN or EUR, else the setting's. */
function orderCurrency(order: StoreOrder, profile: ServerProfileView): Currency {
  return (
    order.currency === 'BGN' || order.currency === 'EUR' ? order.currency : profile.settings.currency.store
  ) as Currency;
}

/** As `import-task.ts` converts a line's unit price: minor units -> the database's currency, 4 places. */
export function toDbPrice(minor: number, from: Currency, to: Currency): number {
  return Math.round(convertCurrency(minor / 100, from, to) * 10000) / 10000;
}

function storeTotal(
  order: StoreOrder,
  profile: ServerProfileView,
): { amount: number; currency: Currency; database: number; conversion: string } {
  const from = orderCurrency(order, profile);
  const to = profile.settings.currency.database as Currency;
  const amount = round2(order.lines.reduce((sum, l) => sum + (l.price * l.quantity) / 100, 0));
  const database = round4(order.lines.reduce((sum, l) => sum + toDbPrice(l.price, from, to) * l.quantity, 0));
  const conversion =
    from === to
      ? `${amount.toFixed(2)} ${from}`
      : `${amount.toFixed(2)} ${from} ${from === 'BGN' ? '/' : '×'} ${BGN_PER_EUR} = ${database.toFixed(2)} ${to}`;
  return { amount, currency: from, database, conversion };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;
