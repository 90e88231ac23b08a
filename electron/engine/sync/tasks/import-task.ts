/**
 * Task "Import from CloudCart" (S6, S9, S17, B3, B5, B16): new store orders since the watermark
 * become client orders (OperType 19) in the operations object, exactly once (the data layer checks
 * the order's stamp inside the write's own transaction). An order with an unknown or doubly matched
 * product is not written: it goes to "needs attention" and is retried on every run until fixed.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { RunContext } from '../run-context';
import { requireOrderTarget, writeStoreOrders } from './order-write';
import type { SyncSession } from './session';

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
  requireOrderTarget(profile);
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

  await writeStoreOrders(ctx, s, profile, todo);
  if (!ctx.dryRun) {
    if (watermark) s.state.setWatermark(ctx.serverId, WATERMARK, watermark);
    s.state.setWatermark(ctx.serverId, LAST_SUCCESS, new Date().toISOString());
  }
}

export function lastOrderImportAt(
  s: { watermark(serverId: string, name: string): string | null },
  serverId: string,
): string | null {
  return s.watermark(serverId, LAST_SUCCESS);
}
