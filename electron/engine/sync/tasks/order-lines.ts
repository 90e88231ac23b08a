/**
 * From a store order to the Warehouse Pro document it becomes: which goods its lines are, whether
 * Warehouse Pro can take them, and the document itself (prices in the database's currency,
 * discount, partner, day, stamp). Pure rules, no I/O: the writing is in order-write.ts.
 */
import type { AttentionReason } from '../../../../shared/types/vocabulary';
import { goodsLabel, type GoodNaming } from '../good-label';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { convertCurrency, type Currency } from '../../rules/pricing';
import type { StoreOrder, WpOrder, WpOrderLine } from '../ports';
import { orderStamp } from '../order-stamp';
import { storeDay, storeTimeToInstant } from '../../rules/store-time';
import { clean } from './session';
import { explained } from '../../../../shared/types/explain';

type Settings = ServerProfileView['settings'];

export function lineKey(line: { sku: string; barcode: string }, compareBy: 'barcode' | 'sku'): string {
  return clean(compareBy === 'barcode' ? line.barcode : line.sku);
}

/** Why the order cannot be written as it is (it goes to "needs attention"), or null. */
export function unmatchedLine(
  order: StoreOrder,
  goodsByKey: Map<string, number[]>,
  compareBy: 'barcode' | 'sku',
  labels: Map<number, GoodNaming>,
): { reason: AttentionReason; detail: string } | null {
  if (order.lines.length === 0) return { reason: 'empty_order', detail: 'no lines' };
  for (const line of order.lines) {
    const key = lineKey(line, compareBy);
    const ids = key ? (goodsByKey.get(key) ?? []) : [];
    if (!key) return { reason: 'line_without_key', detail: line.name };
    if (ids.length === 0) return { reason: 'unknown_product', detail: `${key} ${line.name}` };
    if (ids.length > 1) return { reason: 'ambiguous_product', detail: `${key}: ${goodsLabel(ids, labels)}` };
  }
  return null;
}

/** More than this many of one good on one order line is a mistake, not a sale. */
export const MAX_LINE_QUANTITY = 100_000;

/**
 * Units counted in whole pieces (goods.Measure1 is free text, warehouse-pro-schema.md §2.1, e.g.
 * 'бр.'): a fraction of one is no sale Warehouse Pro should book.
 */
const PIECE_UNITS = new Set([
  'бр',
  'брой',
  'броя',
  'бройки',
  'pcs',
  'pc',
  'piece',
  'pieces',
  'шт',
  'штук',
  'ea',
  'each',
]);

export function isPieceUnit(measure: string): boolean {
  return PIECE_UNITS.has(
    measure
      .trim()
      .toLowerCase()
      .replace(/[.\s]+$/g, ''),
  );
}

/**
 * A line quantity Warehouse Pro must not take: missing or not a number, zero or less, absurdly
 * large, or a fraction of a piece good. The order then waits in "needs attention" with the reason.
 */
export function unfitQuantity(
  order: StoreOrder,
  goodsByKey: Map<string, number[]>,
  measures: Map<number, string>,
  compareBy: 'barcode' | 'sku',
): { reason: AttentionReason; detail: string } | null {
  for (const line of order.lines) {
    const q = line.quantity;
    const what = `${lineKey(line, compareBy)} ${line.name}`.trim();
    if (typeof q !== 'number' || !Number.isFinite(q))
      return { reason: 'bad_quantity', detail: `${what}: количество „${String(q)}“` };
    if (q <= 0) return { reason: 'bad_quantity', detail: `${what}: количество ${q}` };
    if (q > MAX_LINE_QUANTITY)
      return { reason: 'bad_quantity', detail: `${what}: количество ${q} (над ${MAX_LINE_QUANTITY})` };
    const good = goodsByKey.get(lineKey(line, compareBy))?.[0];
    const measure = good === undefined ? '' : (measures.get(good) ?? '');
    if (!Number.isInteger(q) && isPieceUnit(measure))
      return { reason: 'fractional_piece', detail: `${what}: ${q} ${measure} (стоката се брои на цели бройки)` };
  }
  return null;
}

export function toWpOrder(
  order: StoreOrder,
  profile: ServerProfileView,
  goodsByKey: Map<string, number[]>,
  alsoStampedAs: string[] = [],
): WpOrder {
  const settings = profile.settings;
  const from = (
    order.currency === 'BGN' || order.currency === 'EUR' ? order.currency : settings.currency.store
  ) as Currency;
  const toDb = (minor: number) =>
    Math.round(convertCurrency(minor / 100, from, settings.currency.database) * 10000) / 10000;
  const lines: WpOrderLine[] = order.lines.map((line) => {
    const discountPercent =
      line.listPrice > 0 && line.price < line.listPrice ? ((line.listPrice - line.price) / line.listPrice) * 100 : 0;
    return {
      goodId: goodsByKey.get(lineKey(line, settings.compareBy))![0],
      quantity: line.quantity,
      price: toDb(line.price),
      discountPercent: Math.round(discountPercent * 100) / 100,
      vatRate: 0,
    };
  });
  return {
    storeOrderId: order.id,
    objectId: settings.operationsObjectId!,
    operatorId: settings.operatorId!,
    partner:
      settings.partner.mode === 'fixed'
        ? { mode: 'fixed', partnerId: settings.partner.partnerId }
        : {
            mode: 'by-email',
            email: order.email,
            name: order.customerName,
            phone: order.phone,
            city: order.city,
            address: order.address,
            groupId: settings.partner.groupId,
          },
    date: documentDate(order.createdAt),
    note: orderStamp(profile.store.domain, order.id),
    ...(alsoStampedAs.length ? { alsoStampedAs } : {}),
    pricesIncludeVat: order.vatIncluded ?? settings.store.pricesIncludeVat,
    lines,
  };
}

/**
 * The document's day is the store's calendar day of the order: `date_added` is a wall clock in
 * the store's zone, so its date is that day whatever the PC's zone is. (The writer keeps only the
 * day; noon keeps it clear of any midnight the PC's own zone might shift.)
 */
function documentDate(createdAt: string): Date {
  const day = storeDay(createdAt);
  if (!day) return new Date();
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 12, 0, 0);
}

/** When the order was placed, as an instant, and whether its prices carry VAT: for the run's items. */
export function orderFacts(order: StoreOrder, settings: Settings): string {
  const at = storeTimeToInstant(order.createdAt, settings.store.timeZone);
  return explained('order.placed', {
    createdAt: order.createdAt,
    timeZone: settings.store.timeZone,
    instant: at ? at.toISOString() : null,
    vat: order.vatIncluded ?? settings.store.pricesIncludeVat,
    vatFrom: order.vatIncluded === null ? 'setting' : 'order',
  });
}
