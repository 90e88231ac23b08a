/**
 * Task "Import from CloudCart" (S6, S9, S17, B3, B5, B16): new store orders since the watermark
 * become client orders (OperType 19) in the operations object, exactly once (the data layer checks
 * the order's stamp inside the write's own transaction). An order with an unknown or doubly matched
 * product is not written: it goes to "needs attention" and is retried on every run until fixed.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { AppError } from '../../errors';
import { convertCurrency, type Currency } from '../pricing';
import type { RunContext } from '../run-context';
import type { StoreOrder, WpDocRow, WpOrder, WpOrderLine } from '../ports';
import { followOrders, seenLines } from './order-tracking';
import { describe, isFatal } from './item-failures';
import { storeDay, storeTimeToInstant } from '../store-time';
import { clean, type SyncSession } from './session';

const WATERMARK = 'import.orders';
const LAST_SUCCESS = 'import.lastSuccessAt';
/** Orders in these statuses are not (or no longer) sales: never written. */
export const SKIPPED_STATUSES = new Set([
  'voided',
  'timeouted',
  'cancelled',
  'failed',
  'refunded',
  'chargebacked',
  'disputed',
]);

export async function importTask(ctx: RunContext, s: SyncSession, profile: ServerProfileView): Promise<void> {
  const settings = profile.settings;
  if (!settings.operationsObjectId || !settings.operatorId) {
    throw new AppError('invalid_payload', {
      bg: 'За импорт на поръчки изберете „Обект за операции“ и оператор в настройките на сървъра.',
      en: 'To import orders, choose the "operations object" and the operator in the server settings.',
    });
  }
  ctx.setPhase('import.read');
  const { orders, watermark } = await s.store.ordersSince(s.state.watermark(ctx.serverId, WATERMARK));
  // Orders that needed attention before are fetched again: they are written once fixed.
  const retryIds = s.state
    .attention(ctx.serverId)
    .filter((a) => a.kind === 'order')
    .map((a) => a.ref)
    .filter((id) => !orders.some((o) => o.id === id));
  for (const id of retryIds) {
    const order = await s.store.order(id);
    if (order) orders.push(order);
  }
  const imported = s.state.importedOrders(ctx.serverId);
  const todo = orders.filter((o) => !imported.has(o.id) && !SKIPPED_STATUSES.has(o.status));
  ctx.count('ordersSeen', orders.length);

  ctx.setPhase('import.match', todo.length);
  const field = settings.compareBy === 'barcode' ? 'barcode1' : 'barcode2';
  const keys = [...new Set(todo.flatMap((o) => o.lines.map((l) => lineKey(l, settings.compareBy))).filter(Boolean))];
  const goodsByKey = keys.length ? await s.wp.findGoods(field, keys) : new Map<string, number[]>();

  ctx.setPhase('import.write', todo.length);
  for (const order of todo.sort((a, b) => Number(a.id) - Number(b.id))) {
    ctx.throwIfCancelled();
    const problem = unmatchedLine(order, goodsByKey, settings.compareBy);
    if (problem) {
      s.state.flag(ctx.serverId, { kind: 'order', ref: order.id, reason: problem.reason, detail: problem.detail });
      ctx.count('ordersNeedAttention');
      ctx.item({
        kind: 'order',
        ref: order.id,
        action: 'hold',
        status: 'skipped',
        message: `${problem.reason}: ${problem.detail}`,
      });
      ctx.tick();
      continue;
    }
    const wpOrder = toWpOrder(order, profile, goodsByKey);
    try {
      if (ctx.dryRun) {
        ctx.count('ordersToWrite');
        ctx.item({
          kind: 'order',
          ref: order.id,
          action: 'write',
          newValue: `обект ${wpOrder.objectId}, ${wpOrder.lines.length} реда`,
          explain: `${orderFacts(order, settings)}; ${wpOrder.lines.map((l) => `#${l.goodId} × ${l.quantity} @ ${l.price.toFixed(2)}`).join('; ')}`,
          status: 'planned',
        });
      } else {
        const result = await s.wp.writeOrder(wpOrder);
        s.state.recordOrderImport(ctx.serverId, order.id, result.acct, wpOrder.objectId, ctx.id);
        trackImported(s, ctx.serverId, order, result.acct, wpOrder.objectId, result.rows);
        s.state.resolve(ctx.serverId, 'order', order.id);
        ctx.count(result.created ? 'ordersImported' : 'ordersAlreadyThere');
        ctx.item({
          kind: 'order',
          ref: order.id,
          action: result.created ? 'write' : 'found',
          newValue: `OR ${result.acct}`,
          explain: [
            orderFacts(order, settings),
            ...(result.replacedText.length ? [`заменен текст: ${result.replacedText.join(', ')}`] : []),
          ].join('; '),
          status: 'done',
        });
        if (!order.usn) {
          await s.store.setOrderUsn(order.id, String(result.acct)).catch((err: unknown) => {
            if (isFatal(err)) throw err;
            // The order is written; only its number did not reach the store. That is a write the
            // run meant to make, so it counts as a failed item (the run is then "partial").
            ctx.item({
              kind: 'order',
              ref: order.id,
              action: 'usn',
              newValue: String(result.acct),
              status: 'failed',
              message: `${describe(err)} (поръчката е записана като OR ${result.acct}; номерът не стигна до магазина)`,
            });
            ctx.log('warn', `usn ${order.id}: ${describe(err)}`);
          });
        }
      }
    } catch (err) {
      if (isFatal(err)) throw err;
      s.state.flag(ctx.serverId, { kind: 'order', ref: order.id, reason: 'write_failed', detail: describe(err) });
      ctx.count('failed');
      ctx.item({ kind: 'order', ref: order.id, action: 'write', status: 'failed', message: describe(err) });
    }
    ctx.tick();
  }
  if (!ctx.dryRun && watermark) s.state.setWatermark(ctx.serverId, WATERMARK, watermark);
  await followOrders(ctx, s, profile, async (changed) => {
    const keys = [...new Set(changed.lines.map((l) => lineKey(l, settings.compareBy)).filter(Boolean))];
    const found = keys.length ? await s.wp.findGoods(field, keys) : new Map<string, number[]>();
    const problem = unmatchedLine(changed, found, settings.compareBy);
    return problem ? { problem } : { order: toWpOrder(changed, profile, found) };
  });
  if (!ctx.dryRun) s.state.setWatermark(ctx.serverId, LAST_SUCCESS, new Date().toISOString());
}

/** A document just written (or found) is followed from now on, with the rows it holds (issue 15). */
function trackImported(
  s: SyncSession,
  serverId: string,
  order: StoreOrder,
  acct: number,
  objectId: number,
  rows: WpDocRow[],
): void {
  s.state.docs.track(serverId, {
    orderId: order.id,
    acct,
    objectId,
    rows,
    state: order.status === 'completed' ? 'completed' : order.fulfillment === 'fulfilled' ? 'fulfilled' : 'open',
    lines: seenLines(order),
    storeStatus: order.status,
    storeFulfillment: order.fulfillment,
    storeUpdatedAt: order.updatedAt,
  });
}

export function lastOrderImportAt(
  s: { watermark(serverId: string, name: string): string | null },
  serverId: string,
): string | null {
  return s.watermark(serverId, LAST_SUCCESS);
}

function lineKey(line: { sku: string; barcode: string }, compareBy: 'barcode' | 'sku'): string {
  return clean(compareBy === 'barcode' ? line.barcode : line.sku);
}

function unmatchedLine(
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

function toWpOrder(order: StoreOrder, profile: ServerProfileView, goodsByKey: Map<string, number[]>): WpOrder {
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
    note: `CloudCart #${order.id}`,
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
function orderFacts(order: StoreOrder, settings: ServerProfileView['settings']): string {
  const at = storeTimeToInstant(order.createdAt, settings.store.timeZone);
  const vat = order.vatIncluded ?? settings.store.pricesIncludeVat;
  const source = order.vatIncluded === null ? 'настройка' : 'поръчката';
  return `поръчана ${order.createdAt} ${settings.store.timeZone}${at ? ` (${at.toISOString()})` : ''}; цени ${vat ? 'с' : 'без'} ДДС (${source})`;
}
