/**
 * Store orders for the import (api-orders*.md, api-order-products.md): new ones newest first down
 * to the watermark (the highest order id imported), one by id, and the mapping of an order with
 * its line items and address to the engine's `StoreOrder`. The order total's name differs between
 * pages (`total` or `price_total`, C2); the lines carry their own SKU and barcode snapshots.
 *
 * Admin drafts (`is_draft = 1`, wiki/concepts/cart-vs-order-lifecycle/order-state-machine.md: not
 * shown to the customer, no stock taken) are not sales yet. Whether the list shows them is not
 * written anywhere (cloudcart-api.md Q4), so both readings are handled: a listed draft is never
 * returned, and the watermark stays below the oldest draft listed, so the order is read again and
 * imported once the merchant places it (it keeps its number). A store that hides drafts is seen
 * by the store check; such an order is then older than the watermark when it appears.
 */
import type { StoreOrder } from '../sync/ports';
import type { CloudCartHttp } from './http';
import { asSingle, isNotFound, str, type Doc, type Resource } from './json-api-doc';
import { pages } from './paging';

export const ORDER_INCLUDE = 'include=products,billing-address,shipping-address,payment';
const INCLUDE = ORDER_INCLUDE;

/**
 * New orders: pages of the newest first until one at or below the watermark (only those placed
 * from `placedFrom`, a store day, when given). An idle poll is one request.
 */
export async function ordersSince(
  http: CloudCartHttp,
  watermark: string | null,
  placedFrom?: string,
): Promise<{ orders: StoreOrder[]; watermark: string | null }> {
  const mark = watermark ? Number(watermark) : 0;
  const orders = new Map<string, StoreOrder>();
  let oldestDraft = Infinity;
  // `filter[start_date]` is `date_added >= ?` (store time): a first read, or "fetch orders from D".
  const from = placedFrom ? `&filter[start_date]=${encodeURIComponent(`${placedFrom} 00:00:00`)}` : '';
  for await (const page of pages(http, `/orders?sort=-id${from}&${INCLUDE}`)) {
    let reached = false;
    for (const o of page.rows) {
      if (Number(o.id) <= mark) {
        reached = true;
        break;
      }
      if (isDraftOrder(o)) oldestDraft = Math.min(oldestDraft, Number(o.id));
      else orders.set(o.id, toOrder(o, page.included));
    }
    if (reached) break;
  }
  const list = [...orders.values()].sort((a, b) => Number(a.id) - Number(b.id));
  let next = list.length ? list[list.length - 1].id : watermark;
  // Never past a draft: it is read again on every poll and imported once placed.
  if (Number.isFinite(oldestDraft) && (next === null || Number(next) >= oldestDraft)) next = String(oldestDraft - 1);
  return { orders: list, watermark: next };
}

/**
 * Orders changed since a mark (`updated_at`, the store's wall clock), most recently changed first
 * (`sort=-updated_at`; the list has no filter on `updated_at`, cloudcart-api.md §8.4): pages until
 * one changed before the mark. An order skipped for its status and paid later is found here. With
 * no mark only the first page is read, to set one. The mark stays at the latest `updated_at` seen;
 * orders changed in that same second are read again next time (the import skips those it has).
 */
export async function ordersChangedSince(
  http: CloudCartHttp,
  mark: string | null,
): Promise<{ orders: StoreOrder[]; mark: string | null }> {
  // The same walk as the follow-up's, without its page bound.
  const { orders, newest } = await ordersToFollow(http, mark, Number.POSITIVE_INFINITY);
  return { orders, mark: newest !== null && (mark === null || newest > mark) ? newest : mark };
}

/**
 * Orders changed since the mark, for the follow-up (issue 15): the list sorted by `-updated_at`
 * (an allowed sort, api-orders-attributes.md; the API has no updated-since filter, only
 * `filter[start_date]` on `date_added`), page by page until an order older than the mark. An idle
 * poll is one request. Orders at the mark itself are read again (the clock has whole seconds), so
 * a change in the same second as the last one read is not missed. The pages stop at `maxPages`:
 * then `complete` is false and the caller checks the rest by id.
 */
export async function ordersToFollow(
  http: CloudCartHttp,
  since: string | null,
  maxPages: number,
): Promise<{ orders: StoreOrder[]; newest: string | null; complete: boolean }> {
  const orders = new Map<string, StoreOrder>();
  let newest: string | null = null;
  let read = 0;
  for await (const page of pages(http, `/orders?sort=-updated_at&${INCLUDE}`)) {
    read++;
    for (const o of page.rows) {
      const at = str(o.attributes.updated_at);
      newest ??= at;
      if (since !== null && at < since) return { orders: [...orders.values()], newest, complete: true };
      if (!isDraftOrder(o)) orders.set(o.id, toOrder(o, page.included));
    }
    if (since === null || read >= maxPages) return { orders: [...orders.values()], newest, complete: false };
  }
  return { orders: [...orders.values()], newest, complete: true };
}

/** An admin draft: `is_draft` 1/yes/true as an attribute, or in the order's `meta` when appended. */
export function isDraftOrder(o: Resource): boolean {
  const meta = o.attributes.meta as Record<string, unknown> | null | undefined;
  return truthy(o.attributes.is_draft) || (typeof meta === 'object' && meta !== null && truthy(meta.is_draft));
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'yes';
}

export async function orderById(http: CloudCartHttp, id: string): Promise<StoreOrder | null> {
  try {
    const res = await http.send<Doc>('GET', `/orders/${encodeURIComponent(id)}?${INCLUDE}`);
    const order = asSingle(res.data);
    return order ? toOrder(order, res.data?.included ?? []) : null;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export function toOrder(o: Resource, included: Resource[]): StoreOrder {
  const find = (name: string) => {
    const d = o.relationships?.[name]?.data;
    const refs = Array.isArray(d) ? d : d ? [d] : [];
    return refs
      .map((r) => included.find((i) => i.type === r.type && String(i.id) === String(r.id)))
      .filter((x): x is Resource => Boolean(x));
  };
  const address = find('billing-address')[0] ?? find('shipping-address')[0];
  const payment = find('payment')[0];
  const a = (k: string) => str(address?.attributes?.[k]);
  const first = str(o.attributes.customer_first_name) || a('first_name');
  const last = str(o.attributes.customer_last_name) || a('last_name');
  return {
    id: o.id,
    status: str(o.attributes.status),
    currency: str(o.attributes.currency),
    createdAt: str(o.attributes.date_added),
    vatIncluded: flag(o.attributes.vat_included),
    email: str(o.attributes.customer_email),
    customerName: `${first} ${last}`.trim(),
    phone: a('phone'),
    city: a('city_name'),
    address: [a('street_name'), a('street_number')].filter(Boolean).join(' ') || a('formatted'),
    usn: o.attributes.usn ? str(o.attributes.usn) : null,
    fulfillment: str(o.attributes.status_fulfillment),
    updatedAt: str(o.attributes.updated_at),
    paymentProvider: str(payment?.attributes?.provider),
    lines: find('products').map((l) => ({
      sku: str(l.attributes?.sku),
      barcode: str(l.attributes?.barcode),
      name: str(l.attributes?.name),
      // Kept as the store sent it (a missing one is NaN): the import refuses what Warehouse Pro must not take.
      quantity:
        l.attributes?.quantity === null || l.attributes?.quantity === undefined ? NaN : Number(l.attributes.quantity),
      price: Number(l.attributes?.order_price ?? l.attributes?.price ?? 0),
      listPrice: Number(l.attributes?.price ?? 0),
    })),
  };
}

/** `vat_included` as yes/no, 1/0 or a boolean (the wiki gives no form); anything else is unknown. */
function flag(v: unknown): boolean | null {
  if (v === true || v === 1 || v === '1' || v === 'yes') return true;
  if (v === false || v === 0 || v === '0' || v === 'no') return false;
  return null;
}
