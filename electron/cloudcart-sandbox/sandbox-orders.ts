/**
 * The sandbox's order book: a shopper places an order, the merchant places a draft, and the store
 * changes an order later as CloudCart does (wiki cloudcart/platform-wiki
 * `wiki/entities/order/order-entity-lifecycle.md`, `order-entity-side-effects.md`):
 * - every save moves `updated_at` (the store's wall clock);
 * - `paid` + `fulfilled` is rewritten to `completed` in the same save (the `order_complete`
 *   auto-promotion; the sandbox plays a store with that setting on);
 * - a cancelled or refunded order gives its stock back ("Cancelled / refunded orders return stock");
 *   leaving those statuses takes it again, and changed lines move stock by the difference;
 * - an admin draft (`is_draft = 1`) takes no stock until placed.
 * Orders cannot be created or edited through the API (order-entity-api-access.md): these are the
 * test-only admin routes `POST /__sandbox/orders` and `PATCH /__sandbox/orders/{id}`.
 */
import type { Row, SandboxModel, StoreFacts } from './sandbox-model';

export interface OrderLineInput {
  sku?: string;
  barcode?: string;
  variantId?: number;
  quantity: number;
}

export interface OrderInput {
  draft?: boolean;
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  city?: string;
  /** `YYYY-MM-DD HH:MM:SS` on the store's wall clock; default now. */
  dateAdded?: string;
  /** The order's status when placed; default `pending` (the platform's default). */
  status?: string;
  /** The payment's provider (`order-payment.provider`): default `cod`, cash on delivery. */
  paymentProvider?: string;
  lines: OrderLineInput[];
}

export interface OrderChange {
  status?: string;
  status_fulfillment?: string;
  lines?: OrderLineInput[];
}

/** Statuses in which an order holds no stock: the store gave it back (order-entity-side-effects.md). */
export const STOCK_RETURNED = new Set(['cancelled', 'refunded']);

/** "Y-m-d H:i:s" of an instant on the wall clock of a zone. */
export function wallClock(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const STORE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * A shopper places an order: prices and codes are copied from the variants, stock goes down.
 * Times are the store's wall clock (no zone, as CloudCart writes `date_added`); `vat_included`
 * tells whether the line prices carry VAT, unless the store leaves it out. With `draft`, the
 * merchant makes an admin draft instead (`is_draft = 1`, order-state-machine.md): no stock is
 * taken until it is placed (`placeDraft`).
 */
export function placeOrder(model: SandboxModel, input: OrderInput, store: StoreFacts): Row {
  if (input.dateAdded !== undefined && !STORE_TIME.test(input.dateAdded))
    throw new Error(`dateAdded must be "YYYY-MM-DD HH:MM:SS" (store time), not ${JSON.stringify(input.dateAdded)}`);
  const now = wallClock(new Date(), store.timeZone);
  const status = input.status ?? 'pending';
  const lines = resolveLines(model, input.lines);
  const total = lines.reduce((s, l) => s + Number(l.v.attributes.price) * l.quantity, 0);
  const order = model.insert('orders', {
    status,
    status_fulfillment: 'not_fulfilled',
    currency: 'EUR',
    total,
    customer_email: input.email,
    customer_first_name: input.firstName ?? '',
    customer_last_name: input.lastName ?? '',
    usn: null,
    invoice_number: null,
    date_added: input.dateAdded ?? now,
    updated_at: input.dateAdded ?? now,
    is_draft: input.draft ? 1 : 0,
    ...(store.orderVatFlag ? { vat_included: store.pricesIncludeVat ? 'yes' : 'no' } : {}),
  });
  const address = model.insert('order-billing-address', {
    first_name: input.firstName ?? '',
    last_name: input.lastName ?? '',
    phone: input.phone ?? '',
    city_name: input.city ?? '',
    street_name: '',
    street_number: '',
  });
  order.rel['billing-address'] = ['order-billing-address', address.id];
  const provider = input.paymentProvider ?? 'cod';
  const payment = model.insert('order-payment', {
    provider,
    provider_name: provider === 'cod' ? 'Наложен платеж' : provider,
    amount: total,
    status: status === 'paid' || status === 'completed' ? 'completed' : 'pending',
  });
  order.rel.payment = ['order-payment', payment.id];
  writeLines(model, order, lines);
  if (holdsStock(order)) moveStock(model, order, -1);
  return order;
}

/** The merchant turns a draft into an order ("Create order"): it keeps its number, stock goes down. */
export function placeDraft(model: SandboxModel, orderId: number, timeZone: string): Row {
  const order = model.table('orders').get(orderId);
  if (!order || order.attributes.is_draft !== 1) throw new Error(`no draft order ${orderId}`);
  order.attributes.is_draft = 0;
  if (holdsStock(order)) moveStock(model, order, -1);
  order.attributes.updated_at = wallClock(new Date(), timeZone);
  return order;
}

/** The store changes an order as its admin or its payment/courier events would. */
export function changeOrder(model: SandboxModel, orderId: number, change: OrderChange, timeZone: string): Row {
  const order = model.table('orders').get(orderId);
  if (!order) throw new Error(`no order ${orderId}`);
  const heldBefore = holdsStock(order);
  if (change.lines) {
    const lines = resolveLines(model, change.lines);
    if (heldBefore) moveStock(model, order, +1);
    for (const [, id] of (order.rel.products as [string, number][] | undefined) ?? [])
      model.table('order-products').delete(id);
    writeLines(model, order, lines);
    order.attributes.total = lines.reduce((s, l) => s + Number(l.v.attributes.price) * l.quantity, 0);
    if (heldBefore) moveStock(model, order, -1);
  }
  if (change.status !== undefined) order.attributes.status = change.status;
  if (change.status_fulfillment !== undefined) order.attributes.status_fulfillment = change.status_fulfillment;
  // The order_complete auto-promotion: in the same save, so one updated_at.
  if (order.attributes.status === 'paid' && order.attributes.status_fulfillment === 'fulfilled')
    order.attributes.status = 'completed';
  const heldAfter = holdsStock(order);
  if (heldBefore && !heldAfter) moveStock(model, order, +1);
  if (!heldBefore && heldAfter) moveStock(model, order, -1);
  order.attributes.updated_at = laterWallClock(String(order.attributes.updated_at ?? ''), timeZone);
  return order;
}

function holdsStock(order: Row): boolean {
  return order.attributes.is_draft !== 1 && !STOCK_RETURNED.has(String(order.attributes.status));
}

/**
 * Now on the store's clock, but never at or before the previous value: a change within the same
 * second (or to an order placed with a later `dateAdded`) still moves `updated_at` forward.
 */
function laterWallClock(previous: string, timeZone: string): string {
  const now = wallClock(new Date(), timeZone);
  if (!STORE_TIME.test(previous) || now > previous) return now;
  const next = new Date(`${previous.replace(' ', 'T')}Z`);
  next.setUTCSeconds(next.getUTCSeconds() + 1);
  return next.toISOString().slice(0, 19).replace('T', ' ');
}

function resolveLines(model: SandboxModel, lines: OrderLineInput[]) {
  return lines.map((l) => {
    const v = [...model.table('variants').values()].find(
      (x) =>
        (l.variantId && x.id === l.variantId) ||
        (l.sku && x.attributes.sku === l.sku) ||
        (l.barcode && x.attributes.barcode === l.barcode),
    );
    if (!v) throw new Error(`no variant for ${JSON.stringify(l)}`);
    const product = model.table('products').get(Number(v.attributes.item_id));
    return { v, product, quantity: l.quantity };
  });
}

function writeLines(model: SandboxModel, order: Row, lines: ReturnType<typeof resolveLines>): void {
  order.rel.products = lines.map((l) => {
    const line = model.insert('order-products', {
      order_id: order.id,
      product_id: l.product?.id ?? null,
      variant_id: l.v.id,
      name: String(l.product?.attributes.name ?? ''),
      sku: l.v.attributes.sku ?? null,
      barcode: l.v.attributes.barcode ?? null,
      quantity: l.quantity,
      price: l.v.attributes.price,
      order_price: l.v.attributes.price,
      v1: l.v.attributes.v1 ?? null,
      v2: l.v.attributes.v2 ?? null,
      v3: l.v.attributes.v3 ?? null,
    });
    return ['order-products', line.id] as [string, number];
  });
}

/** Gives the order's quantities back to (+1) or takes them from (-1) the variants' stock. */
function moveStock(model: SandboxModel, order: Row, sign: 1 | -1): void {
  for (const [, lineId] of (order.rel.products as [string, number][] | undefined) ?? []) {
    const line = model.table('order-products').get(lineId);
    const v = line ? model.table('variants').get(Number(line.attributes.variant_id)) : undefined;
    const quantity = Number(line?.attributes.quantity);
    if (v && Number.isFinite(quantity)) v.attributes.quantity = Number(v.attributes.quantity ?? 0) + sign * quantity;
  }
}
