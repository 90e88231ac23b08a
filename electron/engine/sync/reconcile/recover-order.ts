/**
 * "Recover this order" (B4): an import run of one store order, by its number. The order is read
 * again from the store and handed to the import's own writer, the same path every import takes
 * (matching the lines, the checks, the write, the order number back to the store), so it is
 * written exactly once: the writer looks for the order's stamp inside the write's transaction
 * and, when a document carries it, writes nothing and says which document that is.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { RecoverResult } from '../../../../shared/types/reconcile';
import type { RunItem, RunSummary } from '../../../../shared/types/sync';
import { AppError } from '../../errors';
import type { RunContext } from '../run-context';
import type { SyncSession } from '../tasks/session';
import { importsStatus } from '../tasks/import-task';
import { writeStoreOrders } from '../tasks/order-write';

export async function recoverOrderTask(
  ctx: RunContext,
  s: SyncSession,
  profile: ServerProfileView,
  orderId: string,
): Promise<void> {
  ctx.setPhase('import.recover', 1);
  ctx.log('info', `recover ${orderId}`);
  const order = await s.store.order(orderId);
  if (!order) {
    throw new AppError('not_found', {
      bg: `Поръчка № ${orderId} не е намерена в магазина. Нищо не е записано. Проверете номера и обновете сверката.`,
      en: `Order no. ${orderId} was not found in the store. Nothing was written. Check the number and refresh the reconciliation.`,
    });
  }
  // What the import does not write (not a sale, or a status this server does not import),
  // recover does not write either.
  if (!importsStatus(order, profile.settings)) {
    throw new AppError('conflict', {
      bg: `Поръчка № ${orderId} е със статус „${order.status}“ в магазина, а този сървър не импортира поръчки с този статус (Редакция → Задачи → кои поръчки се импортират). Нищо не е записано.`,
      en: `Order no. ${orderId} has the status "${order.status}" in the store, and this server does not import orders in that status (Edit → Tasks → which orders are imported). Nothing was written.`,
    });
  }
  await writeStoreOrders(ctx, s, profile, [order]);
}

/** What the recover run did with the order, from its summary and its items. */
export function recoverResult(summary: RunSummary | null, items: RunItem[], orderId: string): RecoverResult {
  const item = [...items].reverse().find((i) => i.kind === 'order' && i.ref === orderId && i.action !== 'usn');
  const acct = item?.newValue ? Number(/(\d+)/.exec(item.newValue)?.[1] ?? NaN) : NaN;
  const written = item?.status === 'done';
  return {
    runId: summary?.id ?? '',
    state: summary?.state ?? 'failed',
    created: written ? item.action === 'write' : null,
    acct: written && Number.isFinite(acct) ? acct : null,
    message: item?.message ?? summary?.error ?? null,
  };
}
