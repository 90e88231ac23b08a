/**
 * Task "Import from CloudCart" (S6, S9, S17, B3, B5, B16): store orders become client orders
 * (OperType 19) in the operations object, exactly once (the data layer checks the order's stamp
 * inside the write's own transaction). What it reads each run:
 * - new orders since the watermark (the highest order id read; below any listed draft);
 * - orders changed since the last change seen (`updated_at`): one skipped for its status (awaiting
 *   payment, timed out, failed) and paid later is written then, while it is young;
 * - up to 50 orders waiting in "needs attention", the longest-waiting first, in turn;
 * - imported orders whose number did not reach the store as `usn` yet.
 * Which orders become documents is the server's setting (`settings.orders`), and so is from when:
 * those placed after the server was saved with its import on, or from the day the user picked.
 * An order that already has a `usn` in the store, or whose stamp is already in Warehouse Pro, is
 * never written again, also when this program's own state is new.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { RunContext } from '../run-context';
import type { StoreOrder } from '../ports';
import { storeDay, storeTimeToInstant } from '../store-time';
import { describe, isFatal } from './item-failures';
import { checkOrderTarget, writeStoreOrders, writeUsn } from './order-write';
import type { SyncSession } from './session';

const WATERMARK = 'import.orders';
const CHANGED = 'import.ordersChanged';
const LAST_SUCCESS = 'import.lastSuccessAt';
/** Orders waiting in "needs attention" read again per run (the longest-waiting first, in turn). */
export const ATTENTION_PER_RUN = 50;
/** Imported orders whose `usn` write-back is tried again per run. */
export const USN_RETRIES_PER_RUN = 50;
/** A late status change imports an order placed at most this many days ago. */
export const YOUNG_DAYS = 60;

type Settings = ServerProfileView['settings'];

/** Whether an order in this status becomes a document (settings.orders; drafts never reach here). */
export function importsStatus(order: Pick<StoreOrder, 'status' | 'paymentProvider'>, settings: Settings): boolean {
  if (settings.orders.statuses.includes(order.status)) return true;
  return order.status === 'pending' && settings.orders.cashOnDelivery && order.paymentProvider === 'cod';
}

/** Whether the order was placed inside the import's boundary: from the chosen day, or after the import was switched on. */
export function insideBoundary(order: Pick<StoreOrder, 'createdAt'>, settings: Settings, from?: string): boolean {
  const day = from ?? settings.orders.from;
  if (day) return (storeDay(order.createdAt) ?? '') >= day;
  const since = settings.orders.importOnSince;
  if (!since) return true;
  const at = storeTimeToInstant(order.createdAt, settings.store.timeZone);
  // `date_added` has whole seconds: the save's own second counts as after it.
  return !at || at.getTime() >= Math.floor(Date.parse(since) / 1000) * 1000;
}

export async function importTask(ctx: RunContext, s: SyncSession, profile: ServerProfileView): Promise<void> {
  const settings = profile.settings;
  await checkOrderTarget(s, profile);
  ctx.setPhase('import.read');
  const from = s.options.ordersFrom;
  const mark = s.state.watermark(ctx.serverId, WATERMARK);
  // A first read (or "fetch orders from D") asks only for orders placed from the boundary's day.
  const firstDay = from ?? (mark === null ? boundaryDay(settings) : undefined);
  const read = await s.store.ordersSince(from ? null : mark, firstDay);
  const byId = new Map(read.orders.map((o) => [o.id, o]));

  const changed = await s.store.ordersChangedSince(s.state.watermark(ctx.serverId, CHANGED));
  const young = Date.now() - YOUNG_DAYS * 86_400_000;
  for (const o of changed.orders) {
    const at = storeTimeToInstant(o.createdAt, settings.store.timeZone);
    if (!byId.has(o.id) && (!at || at.getTime() >= young)) byId.set(o.id, o);
  }

  // Orders that needed attention are fetched again, a bounded number a run, in turn.
  const waiting = s.state
    .attention(ctx.serverId)
    .filter((a) => a.kind === 'order')
    .sort((a, b) => a.lastSeen.localeCompare(b.lastSeen))
    .slice(0, ATTENTION_PER_RUN);
  for (const a of waiting) {
    if (!byId.has(a.ref)) {
      const order = await s.store.order(a.ref);
      if (order) byId.set(order.id, order);
    }
    if (!ctx.dryRun) s.state.touchAttention(ctx.serverId, 'order', a.ref);
  }
  const retried = new Set(waiting.map((a) => a.ref));

  const imported = s.state.importedOrders(ctx.serverId);
  const orders = [...byId.values()];
  ctx.count('ordersSeen', orders.length);
  const todo: StoreOrder[] = [];
  for (const o of orders) {
    if (imported.has(o.id) || !importsStatus(o, settings)) continue;
    if (!retried.has(o.id) && !insideBoundary(o, settings, from)) continue;
    if (o.usn) {
      // Written before (by this program with another state folder, or by another tool): never again.
      ctx.count('ordersAlreadyThere');
      ctx.item({ kind: 'order', ref: o.id, action: 'found', newValue: `usn ${o.usn}`, status: 'skipped' });
      if (!ctx.dryRun) s.state.resolve(ctx.serverId, 'order', o.id);
      continue;
    }
    todo.push(o);
  }
  await writeStoreOrders(ctx, s, profile, todo);
  if (!ctx.dryRun) await retryUsn(ctx, s);

  if (!ctx.dryRun) {
    const next = read.watermark;
    // "Fetch orders from D" reads older orders: it never moves the watermark back.
    if (next && (!from || mark === null || Number(next) > Number(mark)))
      s.state.setWatermark(ctx.serverId, WATERMARK, next);
    if (changed.mark) s.state.setWatermark(ctx.serverId, CHANGED, changed.mark);
    s.state.setWatermark(ctx.serverId, LAST_SUCCESS, new Date().toISOString());
  }
}

/** The day a first read starts at: the chosen "import orders from" day, or the store day the import was switched on. */
function boundaryDay(settings: Settings): string | undefined {
  if (settings.orders.from) return settings.orders.from;
  const since = settings.orders.importOnSince;
  if (!since) return undefined;
  // The store's calendar day of that instant (a day early at worst: the exact time is checked per order).
  const at = new Date(Date.parse(since) - 86_400_000);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString().slice(0, 10);
}

/** A `usn` write-back that failed is tried again on later runs until it holds. */
async function retryUsn(ctx: RunContext, s: SyncSession): Promise<void> {
  for (const { orderId, acct } of s.state.pendingUsn(ctx.serverId, USN_RETRIES_PER_RUN)) {
    ctx.throwIfCancelled();
    try {
      const order = await s.store.order(orderId);
      // Already there (an earlier answer was lost after the store took it), or the order is gone.
      if (!order || order.usn) {
        s.state.setUsnPending(ctx.serverId, orderId, false);
        continue;
      }
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.log('warn', `usn ${orderId}: ${describe(err)}`);
      continue;
    }
    if (await writeUsn(ctx, s, orderId, acct)) {
      s.state.setUsnPending(ctx.serverId, orderId, false);
      ctx.count('usnWritten');
      ctx.item({ kind: 'order', ref: orderId, action: 'usn', newValue: String(acct), status: 'done' });
    }
  }
}

export function lastOrderImportAt(
  s: { watermark(serverId: string, name: string): string | null },
  serverId: string,
): string | null {
  return s.watermark(serverId, LAST_SUCCESS);
}
