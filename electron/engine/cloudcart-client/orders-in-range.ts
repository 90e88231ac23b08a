/**
 * Store orders placed on the store's calendar days [from, to], for reconciliation (B4).
 *
 * The orders list has the named filters `filter[start_date]` / `filter[end_date]`, rewritten by
 * the platform to `date_added >= ?` / `date_added <= ?` (wiki/api-resources/api-orders.md,
 * "Filtering & sorting"; api-orders/api-orders-attributes.md). Whether a bare date is inclusive is
 * open (cloudcart-api.md Q6), so full wall-clock times are sent: 00:00:00 of the first day and
 * 23:59:59 of the last, in the store's own zone, as `date_added` is written.
 *
 * The read does not rely on the filter alone: pages come newest first by `date_added`, every row
 * is checked against the range by its own day, and the read stops at the first row older than the
 * range. A store that ignored the filter is then read only down to the range's first day, and the
 * answer is the same. At most `maxPages` pages (100 orders each) are read; a wider range fails
 * with a message asking for a narrower one, never with a silently cut list.
 */
import { AppError } from '../errors';
import type { StoreOrder } from '../sync/ports';
import { storeDay } from '../rules/store-time';
import type { CloudCartHttp } from './http';
import { str } from './json-api-doc';
import { isDraftOrder, ORDER_INCLUDE, toOrder } from './order-reader';
import { pages } from './paging';

/** 50 pages of 100: 5,000 orders in one view, a few requests a second under the plan's limit. */
export const RANGE_MAX_PAGES = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function ordersPlacedBetween(
  http: CloudCartHttp,
  from: string,
  to: string,
  maxPages = RANGE_MAX_PAGES,
): Promise<StoreOrder[]> {
  if (!DAY.test(from) || !DAY.test(to) || from > to) {
    throw new AppError('invalid_payload', {
      bg: `Периодът ${from} – ${to} не е верен: дайте начална и крайна дата (ГГГГ-ММ-ДД), началната не след крайната.`,
      en: `The range ${from} – ${to} is not valid: give a first and a last day (YYYY-MM-DD), the first not after the last.`,
    });
  }
  const query = new URLSearchParams({
    'filter[start_date]': `${from} 00:00:00`,
    'filter[end_date]': `${to} 23:59:59`,
    sort: '-date_added',
  });
  const orders = new Map<string, StoreOrder>();
  let read = 0;
  for await (const page of pages(http, `/orders?${query.toString()}&${ORDER_INCLUDE}`, maxPages + 1)) {
    if (++read > maxPages) throw tooWide(from, to, maxPages);
    let older = false;
    for (const row of page.rows) {
      const day = storeDay(str(row.attributes.date_added));
      if (day === null || day > to) continue;
      if (day < from) {
        older = true;
        break;
      }
      // An admin draft is not a sale yet: the import does not write it, so it is not compared.
      if (!isDraftOrder(row)) orders.set(row.id, toOrder(row, page.included));
    }
    if (older) break;
  }
  return [...orders.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

function tooWide(from: string, to: string, maxPages: number): AppError {
  const n = maxPages * 100;
  return new AppError('invalid_payload', {
    bg: `В периода ${from} – ${to} има повече от ${n} поръчки: сверката чете най-много ${n} наведнъж. Нищо не е сравнено. Изберете по-кратък период.`,
    en: `The range ${from} – ${to} holds more than ${n} orders: reconciliation reads at most ${n} at a time. Nothing was compared. Choose a shorter range.`,
  });
}
