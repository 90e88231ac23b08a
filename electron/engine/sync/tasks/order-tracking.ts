/**
 * Following imported orders to their end (issue 15 points 7 and 8), at the end of every import:
 *
 * - a store order cancelled, refunded or voided (or otherwise ended negatively) has its Warehouse
 *   Pro document annulled, once; one whose lines changed has its document updated; both only while
 *   the document still holds the rows we wrote, else it needs attention;
 * - a fulfilled order's reservation ends (it is still followed: fulfilment can be taken back); a
 *   completed order's reservation and following end.
 *
 * The cost is bounded and shown in the run (`followRequests`): the orders changed since the last
 * poll are read sorted by `-updated_at` (CloudCart has no updated-since filter, but allows that
 * sort, api-orders-attributes.md), at most FOLLOW_PAGES pages, one request when nothing changed.
 * When the pages do not reach back to the last poll (the first follow, or a burst of changes), the
 * followed orders not read since then are read by id, FOLLOW_BY_ID a poll, least recently read
 * first, until all have been read once.
 */
import type { AttentionReason } from '../../../../shared/types/vocabulary';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import {
  ANNUL_STATUSES,
  FOLLOWED,
  type DocState,
  type OrderDoc,
  type SeenLine,
  type WantedChange,
} from '../state/order-docs';
import type { StoreOrder, WpDocChange, WpDocRow, WpOrder } from '../ports';
import type { RunContext } from '../run-context';
import { describe, isFatal } from './item-failures';
import { lineGoods } from './line-goods';
import { toWpOrder, unmatchedLine } from './order-lines';
import type { SyncSession } from './session';

/** Pages of changed orders read per poll (100 orders a page). */
export const FOLLOW_PAGES = 3;
/** Followed orders read by id per poll when the pages did not reach back far enough. */
export const FOLLOW_BY_ID = 20;
const MARK = 'follow.changedSince';
const SWEEP = 'follow.sweepBefore';

/** Maps a store order to the document lines it asks for, or says why it cannot (the import's matching). */
export type OrderMatcher = (
  order: StoreOrder,
) => Promise<{ order: WpOrder } | { problem: { reason: AttentionReason; detail: string } }>;

export async function followOrders(
  ctx: RunContext,
  s: SyncSession,
  profile: ServerProfileView,
  match: OrderMatcher,
): Promise<void> {
  if (!profile.settings.importTask.followOrders) return;
  const f = new Follower(ctx, s, match);
  const requests = ctx.requests;
  // Orders this run read already (imported just now) are not read again by id: the sweep covers
  // what was read before the run began.
  const startedAt = s.state.getRun(ctx.id)?.startedAt ?? new Date().toISOString();
  ctx.setPhase('import.follow');
  await f.adoptEarlierImports();
  // Changes under way when a run was killed, and changes blocked by an edit in Warehouse Pro.
  for (const doc of s.state.docs.withWanted(ctx.serverId)) await f.settle(doc, doc.wanted!, null);

  const mark = s.state.watermark(ctx.serverId, MARK) || null;
  const changed = await s.store.ordersToFollow(mark, FOLLOW_PAGES);
  const read = new Set<string>();
  for (const order of changed.orders) {
    const doc = s.state.docs.get(ctx.serverId, order.id);
    if (!doc || !FOLLOWED.includes(doc.state)) continue;
    read.add(order.id);
    await f.apply(doc, order);
  }
  let sweep = s.state.watermark(ctx.serverId, SWEEP) || null;
  if (!changed.complete && !sweep) sweep = startedAt;
  if (sweep) {
    const stale = s.state.docs.staleFollowed(ctx.serverId, sweep, FOLLOW_BY_ID);
    for (const doc of stale.filter((d) => !read.has(d.orderId))) {
      ctx.throwIfCancelled();
      const order = await s.store.order(doc.orderId);
      ctx.count('ordersCheckedById');
      if (order) await f.apply(doc, order);
      else if (!ctx.dryRun) s.state.docs.saw(ctx.serverId, doc.orderId, seenAs(doc, doc.state));
    }
    // Every followed order has been read since the sweep began: the pages alone are enough again.
    if (!ctx.dryRun) s.state.setWatermark(ctx.serverId, SWEEP, stale.length < FOLLOW_BY_ID ? '' : sweep);
  }
  if (!ctx.dryRun && changed.newest) s.state.setWatermark(ctx.serverId, MARK, changed.newest);
  ctx.count('ordersFollowed', s.state.docs.list(ctx.serverId, FOLLOWED).length);
  ctx.count('followRequests', ctx.requests - requests);
}

/** The import's own matching (barcode or SKU to one good), for an order whose lines changed. */
export function storeOrderMatcher(s: SyncSession, profile: ServerProfileView): OrderMatcher {
  const compareBy = profile.settings.compareBy;
  return async (order) => {
    const { goodsByKey: found, labels } = await lineGoods(s, compareBy, [order]);
    const problem = unmatchedLine(order, found, compareBy, labels);
    return problem ? { problem } : { order: toWpOrder(order, profile, found) };
  };
}

/** A document just written (or found) by the import is followed from now on, with the rows it holds. */
export function trackImported(
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

/** The store lines as the follow-up compares them. */
export function seenLines(order: StoreOrder): SeenLine[] {
  return order.lines.map((l) => ({ key: `${l.sku}|${l.barcode}`, quantity: l.quantity, price: l.price }));
}

function sameLines(a: SeenLine[], b: SeenLine[]): boolean {
  const text = (ls: SeenLine[]) =>
    ls
      .map((l) => `${l.key}×${l.quantity}@${l.price}`)
      .sort()
      .join(';');
  return text(a) === text(b);
}

function seenAs(
  doc: OrderDoc | { storeStatus: string; storeFulfillment: string; storeUpdatedAt: string },
  state: DocState,
) {
  return {
    state,
    storeStatus: doc.storeStatus,
    storeFulfillment: doc.storeFulfillment,
    storeUpdatedAt: doc.storeUpdatedAt,
  };
}

const fromOrder = (o: StoreOrder) => ({
  storeStatus: o.status,
  storeFulfillment: o.fulfillment,
  storeUpdatedAt: o.updatedAt,
});

export function rowsText(rows: WpDocRow[]): string {
  return rows.map((r) => `#${r.goodId} × ${r.qtty} @ ${r.priceOut}`).join('; ');
}

class Follower {
  constructor(
    private readonly ctx: RunContext,
    private readonly s: SyncSession,
    private readonly match: OrderMatcher,
  ) {}

  private get docs() {
    return this.s.state.docs;
  }

  /**
   * Orders imported before this version have no record of the rows written: their documents are
   * taken as they are in Warehouse Pro now, and their store lines as first read.
   */
  async adoptEarlierImports(): Promise<void> {
    if (this.ctx.dryRun) return;
    for (const u of this.docs.untracked(this.ctx.serverId)) {
      const rows = await this.s.wp.orderRows({ acct: u.acct, objectId: u.objectId });
      this.docs.track(this.ctx.serverId, {
        ...u,
        rows,
        state: rows.length ? 'open' : 'annulled',
        lines: [],
        storeStatus: '',
        storeFulfillment: '',
        storeUpdatedAt: '',
      });
    }
  }

  /** What the store order now says, for a followed document. */
  async apply(doc: OrderDoc, order: StoreOrder): Promise<void> {
    const { ctx } = this;
    const lines = seenLines(order);
    if (ANNUL_STATUSES.has(order.status)) {
      await this.change(doc, { kind: 'annul' }, order);
      return;
    }
    if (doc.lines.length > 0 && !sameLines(doc.lines, lines)) {
      const m = await this.match(order);
      if ('problem' in m) {
        this.attention(doc, order, m.problem.reason, m.problem.detail);
        return;
      }
      if (!(await this.change(doc, { kind: 'update', order: m.order, lines }, order))) return;
    } else if (doc.lines.length === 0 && !ctx.dryRun) {
      this.docs.done(ctx.serverId, doc.orderId, { state: doc.state, lines });
    }
    const fresh = this.docs.get(ctx.serverId, doc.orderId) ?? doc;
    const next: DocState =
      fresh.wanted !== null
        ? 'attention'
        : order.status === 'completed'
          ? 'completed'
          : order.fulfillment === 'fulfilled'
            ? 'fulfilled'
            : 'open';
    const before = doc.state === 'attention' && fresh.wanted === null ? 'open' : doc.state;
    if (next !== before && next !== 'attention') {
      const ended = next !== 'open';
      if (ended) ctx.count('reservationsEnded');
      ctx.item({
        kind: 'order',
        ref: order.id,
        action: next === 'completed' ? 'complete' : next === 'fulfilled' ? 'fulfil' : 'reopen',
        oldValue: `OR ${doc.acct}`,
        newValue: next,
        explain: `магазин: ${order.status}, ${order.fulfillment}; ${
          ended ? 'резервацията приключи' : 'резервацията е отново в сила'
        } (${rowsText(fresh.rows)})`,
        status: ctx.dryRun ? 'planned' : 'done',
      });
    }
    if (!ctx.dryRun) this.docs.saw(ctx.serverId, doc.orderId, { state: next, ...fromOrder(order) });
  }

  /** Makes the change in Warehouse Pro, noted first as wanted; true when it is made. */
  private async change(doc: OrderDoc, wanted: WantedChange, order: StoreOrder): Promise<boolean> {
    const { ctx } = this;
    if (ctx.dryRun) {
      ctx.item({
        kind: 'order',
        ref: doc.orderId,
        action: wanted.kind,
        oldValue: rowsText(doc.rows),
        newValue:
          wanted.kind === 'annul' ? null : wanted.order.lines.map((l) => `#${l.goodId} × ${l.quantity}`).join('; '),
        explain: `магазин: ${order.status}; OR ${doc.acct}`,
        status: 'planned',
      });
      return false;
    }
    this.docs.want(ctx.serverId, doc.orderId, wanted);
    const done = await this.settle({ ...doc, wanted }, wanted, order);
    const after = this.docs.get(ctx.serverId, doc.orderId)!;
    this.docs.saw(ctx.serverId, doc.orderId, { ...seenAs(after, after.state), ...fromOrder(order) });
    return done;
  }

  /**
   * Runs the wanted change against Warehouse Pro and records what came of it. Called for a change
   * just noted, and on the next run for one a killed run left (or an edit in Warehouse Pro
   * blocked): an annulment whose document is already empty was made by the killed run (its
   * COMMIT went through, our record did not), and an update whose document already holds the new
   * lines likewise; both are recorded once, now.
   */
  async settle(doc: OrderDoc, wanted: WantedChange, order: StoreOrder | null): Promise<boolean> {
    const { ctx, s } = this;
    if (ctx.dryRun) return false;
    const ref = { acct: doc.acct, objectId: doc.objectId };
    let result: WpDocChange;
    try {
      result =
        wanted.kind === 'annul'
          ? await s.wp.annulOrder(ref, doc.rows)
          : await s.wp.updateOrder(ref, doc.rows, wanted.order);
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.count('failed');
      ctx.item({ kind: 'order', ref: doc.orderId, action: wanted.kind, status: 'failed', message: describe(err) });
      return false;
    }
    const status = order ? `магазин: ${order.status}; ` : '';
    if (wanted.kind === 'annul' && result.outcome !== 'edited') {
      this.docs.done(ctx.serverId, doc.orderId, {
        state: 'annulled',
        rows: doc.rows,
        removed: result.outcome === 'done' ? result.removed : undefined,
      });
      s.state.resolve(ctx.serverId, 'order_doc', doc.orderId);
      ctx.count('ordersAnnulled');
      ctx.item({
        kind: 'order',
        ref: doc.orderId,
        action: 'annul',
        oldValue: rowsText(doc.rows),
        newValue: `OR ${doc.acct} анулиран`,
        explain: `${status}${
          result.outcome === 'done'
            ? `${doc.rows.length} ${doc.rows.length === 1 ? 'ред премахнат' : 'реда премахнати'} от OR ${doc.acct} (обект ${doc.objectId})`
            : `OR ${doc.acct} вече няма редове (записът на предишно изпълнение е потвърден)`
        }; редовете са запазени в историята`,
        status: 'done',
      });
      ctx.flush();
      return true;
    }
    if (wanted.kind === 'update') {
      const landed =
        result.outcome === 'done'
          ? result.rows
          : result.outcome === 'edited' && holds(result.rows, wanted.order)
            ? result.rows
            : null;
      if (landed) {
        this.docs.done(ctx.serverId, doc.orderId, { state: 'open', rows: landed, lines: wanted.lines });
        s.state.resolve(ctx.serverId, 'order_doc', doc.orderId);
        ctx.count('ordersUpdated');
        ctx.item({
          kind: 'order',
          ref: doc.orderId,
          action: 'update',
          oldValue: rowsText(doc.rows),
          newValue: rowsText(landed),
          explain: `${status}редовете на OR ${doc.acct} следват поръчката в магазина`,
          status: 'done',
        });
        ctx.flush();
        return true;
      }
    }
    const reason: AttentionReason = result.outcome === 'gone' ? 'deleted_in_warehouse' : 'edited_in_warehouse';
    const now = result.outcome === 'edited' ? rowsText(result.rows) : '';
    this.docs.blocked(ctx.serverId, doc.orderId);
    this.flag(
      doc,
      reason,
      `OR ${doc.acct}: ${wanted.kind}; ${now ? `сега: ${now}; ` : ''}записано: ${rowsText(doc.rows)}`,
    );
    return false;
  }

  private attention(doc: OrderDoc, order: StoreOrder, reason: AttentionReason, detail: string): void {
    this.flag(doc, reason, detail);
    if (!this.ctx.dryRun)
      this.docs.saw(this.ctx.serverId, doc.orderId, { ...seenAs(doc, doc.state), ...fromOrder(order) });
  }

  private flag(doc: OrderDoc, reason: AttentionReason, detail: string): void {
    const { ctx } = this;
    if (!ctx.dryRun) ctx.count('ordersNeedAttention');
    if (!ctx.dryRun) this.s.state.flag(ctx.serverId, { kind: 'order_doc', ref: doc.orderId, reason, detail });
    ctx.item({ kind: 'order', ref: doc.orderId, action: 'hold', status: 'skipped', message: `${reason}: ${detail}` });
  }
}

/** The document holds the order's new lines (goods and quantities): our update went through. */
function holds(rows: WpDocRow[], order: WpOrder): boolean {
  const text = (xs: { goodId: number; q: number }[]) =>
    xs
      .map((x) => `${x.goodId}×${Math.round(x.q * 1000)}`)
      .sort()
      .join(';');
  return (
    text(rows.map((r) => ({ goodId: r.goodId, q: r.qtty }))) ===
    text(order.lines.map((l) => ({ goodId: l.goodId, q: l.quantity })))
  );
}
