/**
 * From a store order to the Warehouse Pro document it becomes: which goods its lines are, whether
 * Warehouse Pro can take them, and the document itself (prices in the database's currency,
 * discount, partner, day, stamp). Pure rules, no I/O: the writing is in order-write.ts.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { convertCurrency, type Currency } from '../pricing';
import type { StoreOrder, WpOrder, WpOrderLine } from '../ports';
import { orderStamp } from '../order-stamp';
import { storeDay, storeTimeToInstant } from '../store-time';
import { clean } from './session';

type Settings = ServerProfileView['settings'];

export function lineKey(line: { sku: string; barcode: string }, compareBy: 'barcode' | 'sku'): string {
  return clean(compareBy === 'barcode' ? line.barcode : line.sku);
}

/** Why the order cannot be written as it is (it goes to "needs attention"), or null. */
export function unmatchedLine(
  order: StoreOrder,
  goodsByKey: Map<string, number[]>,
  compareBy: 'barcode' | 'sku',
): { reason: string; detail: string } | null {
  if (order.lines.length === 0) return { reason: 'empty_order', detail: 'no lines' };
  for (const line of order.lines) {
    const key = lineKey(line, compareBy);
    const ids = key ? (goodsByKey.get(key) ?? []) : [];
    if (!key) return { reason: 'line_without_key', detail: line.name };
    if (ids.length === 0) return { reason: 'unknown_product', detail: `${key} ${line.name}` };
    if (ids.length > 1) return { reason: 'ambiguous_product', detail: `${key}: ${ids.join(', ')}` };
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
  const vat = order.vatIncluded ?? settings.store.pricesIncludeVat;
  const source = order.vatIncluded === null ? 'настройка' : 'поръчката';
  return `поръчана ${order.createdAt} ${settings.store.timeZone}${at ? ` (${at.toISOString()})` : ''}; цени ${vat ? 'с' : 'без'} ДДС (${source})`;
}
