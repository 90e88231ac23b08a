/**
 * Writing a given list of store orders into Warehouse Pro, the part of the import every caller
 * shares (the import task for the orders it read, "recover this order" for one): match the lines
 * to goods, hold orders Warehouse Pro cannot take in "needs attention", look for each order's
 * stamp (order-stamp.ts), write the document (the writer checks the stamp again inside its own
 * transaction, B3), record it, and write its number back to the store as `usn`.
 */
import type { AttentionReason } from '../../../../shared/types/vocabulary';
import { lineGoods } from './line-goods';
import { explained, joinExplain } from '../../../../shared/types/explain';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { AppError } from '../../errors';
import { legacyOrderStamp, orderStamp } from '../order-stamp';
import type { RunContext } from '../run-context';
import type { StoreOrder } from '../ports';
import { describe, isFatal } from './item-failures';
import { orderFacts, toWpOrder, unfitQuantity, unmatchedLine } from './order-lines';
import { trackImported } from './order-tracking';
import type { SyncSession } from './session';

export type OrderOutcome =
  | { orderId: string; outcome: 'written' | 'found'; acct: number }
  | { orderId: string; outcome: 'planned' }
  | { orderId: string; outcome: 'attention' | 'failed'; reason: string };

/** The operations object and operator an order document needs; without them no order is written. */
export function requireOrderTarget(profile: ServerProfileView): void {
  const settings = profile.settings;
  if (!settings.operationsObjectId || !settings.operatorId) {
    throw new AppError('invalid_payload', {
      bg: 'За импорт на поръчки изберете „Обект за операции“ и оператор в настройките на сървъра.',
      en: 'To import orders, choose the "operations object" and the operator in the server settings.',
    });
  }
}

/**
 * The operations object and operator chosen must still be in the database (not deleted): checked
 * when a run starts, so no order is tried against a document Warehouse Pro would not show.
 */
export async function checkOrderTarget(s: SyncSession, profile: ServerProfileView): Promise<void> {
  requireOrderTarget(profile);
  const { operationsObjectId, operatorId } = profile.settings;
  const missing = await s.wp.missingOrderTarget(operationsObjectId!, operatorId!);
  if (missing.length) throw orderTargetMissing(missing, operationsObjectId!, operatorId!);
}

export function orderTargetMissing(missing: ('object' | 'operator')[], objectId: number, operatorId: number): AppError {
  const bg = missing.map((m) => (m === 'object' ? `обект за операции № ${objectId}` : `оператор № ${operatorId}`));
  const en = missing.map((m) => (m === 'object' ? `operations object no. ${objectId}` : `operator no. ${operatorId}`));
  return new AppError('invalid_payload', {
    bg: `В базата данни на Warehouse Pro няма ${bg.join(' и ')} (изтрит ли е?). Поръчки не са записани. Изберете съществуващ обект и оператор в настройките на сървъра (раздел „Задачи“).`,
    en: `The Warehouse Pro database has no ${en.join(' and ')} (was it deleted?). No orders were written. Choose an existing object and operator in the server settings (the "Tasks" tab).`,
  });
}

export async function writeStoreOrders(
  ctx: RunContext,
  s: SyncSession,
  profile: ServerProfileView,
  orders: StoreOrder[],
): Promise<OrderOutcome[]> {
  await checkOrderTarget(s, profile);
  const settings = profile.settings;
  const outcomes: OrderOutcome[] = [];
  if (orders.length === 0) return outcomes;

  ctx.setPhase('import.match', orders.length);
  const { goodsByKey, labels } = await lineGoods(s, settings.compareBy, orders);
  const measures = await s.wp.goodsMeasures([...goodsByKey.values()].flat());
  const domain = profile.store.domain;
  const stamped = await s.wp.stampedOrders(orders.flatMap((o) => [orderStamp(domain, o.id), legacyOrderStamp(o.id)]));
  const legacy = new LegacyStamps(ctx, s, profile);

  ctx.setPhase('import.write', orders.length);
  for (const order of [...orders].sort((a, b) => Number(a.id) - Number(b.id))) {
    ctx.throwIfCancelled();
    const hold = (reason: AttentionReason, detail: string): void => {
      s.state.flag(ctx.serverId, { kind: 'order', ref: order.id, reason, detail });
      ctx.count('ordersNeedAttention');
      ctx.item({ kind: 'order', ref: order.id, action: 'hold', status: 'skipped', message: `${reason}: ${detail}` });
      outcomes.push({ orderId: order.id, outcome: 'attention', reason });
    };
    const problem =
      unmatchedLine(order, goodsByKey, settings.compareBy, labels) ??
      unfitQuantity(order, goodsByKey, measures, settings.compareBy);
    if (problem) {
      hold(problem.reason, problem.detail);
      ctx.tick();
      continue;
    }
    const oldForm = stamped.get(legacyOrderStamp(order.id)) ?? [];
    const verdict = oldForm.length ? await legacy.judge(order.id, oldForm) : 'none';
    if (verdict === 'unclear') {
      hold(
        'legacy_stamp_unclear',
        `в базата има документ „${legacyOrderStamp(order.id)}“ (№ ${oldForm.join(', ')}) от стара версия, а в нея пише и друг магазин: не е ясно чий е`,
      );
      ctx.tick();
      continue;
    }
    const wpOrder = toWpOrder(order, profile, goodsByKey, verdict === 'ours' ? [legacyOrderStamp(order.id)] : []);
    const already = [...(stamped.get(wpOrder.note) ?? []), ...(verdict === 'ours' ? oldForm : [])];
    try {
      if (ctx.dryRun) {
        if (already.length) {
          ctx.count('ordersAlreadyThere');
          ctx.item({ kind: 'order', ref: order.id, action: 'found', newValue: `OR ${already[0]}`, status: 'skipped' });
          outcomes.push({ orderId: order.id, outcome: 'found', acct: already[0] });
        } else {
          ctx.count('ordersToWrite');
          ctx.item({
            kind: 'order',
            ref: order.id,
            action: 'write',
            newValue: `${wpOrder.objectId} / ${wpOrder.lines.length}`,
            explain: joinExplain(
              orderFacts(order, settings),
              explained('order.lines', {
                objectId: wpOrder.objectId,
                count: wpOrder.lines.length,
                lines: wpOrder.lines.map((l) => `#${l.goodId} × ${l.quantity} @ ${l.price.toFixed(2)}`).join('; '),
              }),
            ),
            status: 'planned',
          });
          outcomes.push({ orderId: order.id, outcome: 'planned' });
        }
        ctx.tick();
        continue;
      }
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
        explain: joinExplain(
          orderFacts(order, settings),
          result.replacedText.length
            ? explained('order.replacedText', { fields: result.replacedText.join(', ') })
            : null,
        ),
        status: 'done',
      });
      outcomes.push({ orderId: order.id, outcome: result.created ? 'written' : 'found', acct: result.acct });
      if (!order.usn && !(await writeUsn(ctx, s, order.id, result.acct)))
        s.state.setUsnPending(ctx.serverId, order.id, true);
    } catch (err) {
      if (isFatal(err)) throw err;
      s.state.flag(ctx.serverId, { kind: 'order', ref: order.id, reason: 'write_failed', detail: describe(err) });
      ctx.count('failed');
      ctx.item({ kind: 'order', ref: order.id, action: 'write', status: 'failed', message: describe(err) });
      outcomes.push({ orderId: order.id, outcome: 'failed', reason: 'write_failed' });
    }
    ctx.tick();
  }
  return outcomes;
}

/**
 * The document number goes back to the store as the order's `usn`. When that fails, the order is
 * still written; the failed write-back is an item of the run (the run is then "partial").
 */
export async function writeUsn(ctx: RunContext, s: SyncSession, orderId: string, acct: number): Promise<boolean> {
  try {
    await s.store.setOrderUsn(orderId, String(acct));
    return true;
  } catch (err) {
    if (isFatal(err)) throw err;
    ctx.item({
      kind: 'order',
      ref: orderId,
      action: 'usn',
      newValue: String(acct),
      status: 'failed',
      message: `${describe(err)} (поръчката е записана като OR ${acct}; номерът не стигна до магазина)`,
    });
    ctx.log('warn', `usn ${orderId}: ${describe(err)}`);
    return false;
  }
}

/**
 * Whose an old-form stamp `CloudCart #<id>` is (it names no store). It is this server's when
 * - this server's state recorded that order with that document number, or
 * - no other store writes into the database: no other server of this program uses it, and no
 *   other store's new-form stamp is in it.
 * It is another server's when that server's state recorded it with that number. Anything else is
 * unclear, and the order waits in "needs attention" instead of a guess (a guess either writes the
 * order twice or loses it, and a wrong "ours" would send another store's number as `usn`).
 */
class LegacyStamps {
  private othersStamped: boolean | null = null;

  constructor(
    private readonly ctx: RunContext,
    private readonly s: SyncSession,
    private readonly profile: ServerProfileView,
  ) {}

  async judge(orderId: string, accts: number[]): Promise<'ours' | 'theirs' | 'unclear'> {
    const recorded = this.s.state.importedOrders(this.ctx.serverId).get(orderId);
    if (recorded !== undefined && accts.includes(recorded)) return 'ours';
    const peers = this.s.databasePeers ?? [];
    const claimed = accts.filter((acct) => peers.some((p) => this.s.state.importedOrders(p).get(orderId) === acct));
    if (claimed.length === accts.length) return 'theirs';
    if (peers.length === 0 && !(await this.otherStores())) return 'ours';
    return 'unclear';
  }

  private async otherStores(): Promise<boolean> {
    this.othersStamped ??= await this.s.wp.otherStoresStamped(orderStamp(this.profile.store.domain, '').slice(0, -1));
    return this.othersStamped;
  }
}
