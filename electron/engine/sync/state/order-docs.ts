/**
 * The imported order documents the follow-up keeps track of (issue 15), in the state database
 * (`order_docs`, migration 7): which Warehouse Pro document each store order became, the rows we
 * wrote, the store order as last seen, and where the document stands:
 *
 * - `open`: the store order is open; its rows reserve stock (point 8 a);
 * - `fulfilled`: fulfilled in the store but not completed: no reservation, still followed;
 * - `completed`: done in the store; neither reserved nor followed any more;
 * - `annulled`: its rows were removed; kept with them, so the annulment can be undone;
 * - `attention`: someone edited the document in Warehouse Pro, so the change the store asked for
 *   was not made; tried again on every run until the document holds our rows again.
 *
 * `wanted` is the change under way (an annulment or an update with the new lines): written before
 * the Warehouse Pro transaction and cleared after it, so a run killed in between finishes the
 * change on the next run, and makes it only once.
 */
import type { StateDb } from '../../state/state-db';
import type { WpDocRow, WpOrder, WpRemovedRow } from '../ports';

export type DocState = 'open' | 'fulfilled' | 'completed' | 'annulled' | 'attention';

/** A store line as the follow-up compares it: its product key, quantity and price (minor units). */
export interface SeenLine {
  key: string;
  quantity: number;
  price: number;
}

/** The change under way: an annulment, or an update to the order's lines (and the store lines it follows then). */
export type WantedChange = { kind: 'annul' } | { kind: 'update'; order: WpOrder; lines: SeenLine[] };

export interface OrderDoc {
  orderId: string;
  acct: number;
  objectId: number;
  rows: WpDocRow[];
  state: DocState;
  storeStatus: string;
  storeFulfillment: string;
  storeUpdatedAt: string;
  lines: SeenLine[];
  wanted: WantedChange | null;
  /** After an annulment: the rows removed, whole, to undo it with (`reinstateOrderDoc`). */
  removed: WpRemovedRow[] | null;
  checkedAt: string | null;
}

interface Row {
  order_id: string;
  acct: number;
  object_id: number;
  rows_json: string;
  state: DocState;
  store_status: string;
  store_fulfillment: string;
  store_updated_at: string;
  lines_json: string;
  wanted_json: string | null;
  removed_json: string | null;
  checked_at: string | null;
}

/** States the follow-up still reads the store order for. */
export const FOLLOWED: readonly DocState[] = ['open', 'fulfilled', 'attention'];

const now = () => new Date().toISOString();

export class OrderDocs {
  constructor(private readonly db: StateDb) {}

  get(serverId: string, orderId: string): OrderDoc | null {
    const row = this.db
      .prepare('SELECT * FROM order_docs WHERE server_id = ? AND order_id = ?')
      .get(serverId, orderId) as Row | undefined;
    return row ? toDoc(row) : null;
  }

  /** Documents in the given states. */
  list(serverId: string, states: readonly DocState[]): OrderDoc[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM order_docs WHERE server_id = ? AND state IN (${states.map(() => '?').join(', ')}) ORDER BY CAST(order_id AS INTEGER)`,
      )
      .all(serverId, ...states) as Row[];
    return rows.map(toDoc);
  }

  /** A document with a change under way or waiting for attention. */
  withWanted(serverId: string): OrderDoc[] {
    return (
      this.db
        .prepare('SELECT * FROM order_docs WHERE server_id = ? AND wanted_json IS NOT NULL ORDER BY order_id')
        .all(serverId) as Row[]
    ).map(toDoc);
  }

  /** Followed documents not read from the store since `before`, least recently read first. */
  staleFollowed(serverId: string, before: string, limit: number): OrderDoc[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM order_docs WHERE server_id = ? AND state IN ('open', 'fulfilled', 'attention')
           AND (checked_at IS NULL OR checked_at < ?) ORDER BY checked_at IS NOT NULL, checked_at LIMIT ?`,
        )
        .all(serverId, before, limit) as Row[]
    ).map(toDoc);
  }

  /** Imported orders (table `order_imports`) that have no document record yet: imported before the follow-up. */
  untracked(serverId: string): { orderId: string; acct: number; objectId: number }[] {
    return this.db
      .prepare(
        `SELECT i.order_id AS orderId, i.acct AS acct, i.object_id AS objectId FROM order_imports i
         WHERE i.server_id = ? AND NOT EXISTS (SELECT 1 FROM order_docs d WHERE d.server_id = i.server_id AND d.order_id = i.order_id)`,
      )
      .all(serverId) as { orderId: string; acct: number; objectId: number }[];
  }

  /** A document written (or found) by the import: followed from now on, as open. */
  track(
    serverId: string,
    doc: Pick<OrderDoc, 'orderId' | 'acct' | 'objectId' | 'rows' | 'state' | 'lines'> & {
      storeStatus: string;
      storeFulfillment: string;
      storeUpdatedAt: string;
    },
  ): void {
    this.db
      .prepare(
        `INSERT INTO order_docs (server_id, order_id, acct, object_id, rows_json, state, store_status, store_fulfillment,
           store_updated_at, lines_json, checked_at, changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (server_id, order_id) DO NOTHING`,
      )
      .run(
        serverId,
        doc.orderId,
        doc.acct,
        doc.objectId,
        JSON.stringify(doc.rows),
        doc.state,
        doc.storeStatus,
        doc.storeFulfillment,
        doc.storeUpdatedAt,
        JSON.stringify(doc.lines),
        now(),
        now(),
      );
  }

  /** The store order as just read, and where the document stands now. */
  saw(
    serverId: string,
    orderId: string,
    seen: { state: DocState; storeStatus: string; storeFulfillment: string; storeUpdatedAt: string },
  ): void {
    this.db
      .prepare(
        `UPDATE order_docs SET state = ?, store_status = ?, store_fulfillment = ?, store_updated_at = ?, checked_at = ?,
           changed_at = CASE WHEN state = ? THEN changed_at ELSE ? END WHERE server_id = ? AND order_id = ?`,
      )
      .run(
        seen.state,
        seen.storeStatus,
        seen.storeFulfillment,
        seen.storeUpdatedAt,
        now(),
        seen.state,
        now(),
        serverId,
        orderId,
      );
  }

  /** Notes the change about to be made in Warehouse Pro (before its transaction). */
  want(serverId: string, orderId: string, wanted: WantedChange): void {
    this.db
      .prepare('UPDATE order_docs SET wanted_json = ? WHERE server_id = ? AND order_id = ?')
      .run(JSON.stringify(wanted), serverId, orderId);
  }

  /**
   * The change is made: the document's new rows (for an annulment, the rows removed are kept),
   * its state and the store lines it now follows, in one write with the wanted change cleared.
   */
  done(
    serverId: string,
    orderId: string,
    result: { state: DocState; rows?: WpDocRow[]; lines?: SeenLine[]; removed?: WpRemovedRow[] },
  ): void {
    const doc = this.get(serverId, orderId);
    if (!doc) return;
    this.db
      .prepare(
        `UPDATE order_docs SET state = ?, rows_json = ?, lines_json = ?, removed_json = COALESCE(?, removed_json),
           wanted_json = NULL, changed_at = ? WHERE server_id = ? AND order_id = ?`,
      )
      .run(
        result.state,
        JSON.stringify(result.rows ?? doc.rows),
        JSON.stringify(result.lines ?? doc.lines),
        result.removed ? JSON.stringify(result.removed) : null,
        now(),
        serverId,
        orderId,
      );
  }

  /** The change could not be made (edited in Warehouse Pro): kept as wanted, the document needs attention. */
  blocked(serverId: string, orderId: string): void {
    this.db
      .prepare(
        "UPDATE order_docs SET state = 'attention', changed_at = ? WHERE server_id = ? AND order_id = ? AND state <> 'attention'",
      )
      .run(now(), serverId, orderId);
  }

  /** What our open documents reserve, per good (point 8 a): the rows we wrote of every open store order. */
  reserved(serverId: string): Map<number, number> {
    const out = new Map<number, number>();
    for (const doc of this.list(serverId, ['open', 'attention'])) {
      if (!reservesStock(doc)) continue;
      for (const r of doc.rows) out.set(r.goodId, (out.get(r.goodId) ?? 0) + r.qtty);
    }
    return out;
  }

  /** Every document of ours that still has rows in Warehouse Pro (not annulled), for the exclusion in point 8 b. */
  refs(serverId: string): { acct: number; objectId: number }[] {
    return this.db
      .prepare("SELECT acct, object_id AS objectId FROM order_docs WHERE server_id = ? AND state <> 'annulled'")
      .all(serverId) as { acct: number; objectId: number }[];
  }
}

/** Negative store statuses: the sale did not happen, the document is annulled (issue 15 point 7). */
export const ANNUL_STATUSES = new Set(['cancelled', 'refunded', 'voided', 'timeouted', 'failed', 'chargebacked']);

/** The store order is still open: not ended negatively, not fulfilled, not completed. */
export function storeOrderOpen(status: string, fulfillment: string): boolean {
  return !ANNUL_STATUSES.has(status) && status !== 'completed' && fulfillment !== 'fulfilled';
}

function reservesStock(doc: OrderDoc): boolean {
  return storeOrderOpen(doc.storeStatus, doc.storeFulfillment);
}

function toDoc(r: Row): OrderDoc {
  return {
    orderId: r.order_id,
    acct: Number(r.acct),
    objectId: Number(r.object_id),
    rows: JSON.parse(r.rows_json) as WpDocRow[],
    state: r.state,
    storeStatus: r.store_status,
    storeFulfillment: r.store_fulfillment,
    storeUpdatedAt: r.store_updated_at,
    lines: JSON.parse(r.lines_json) as SeenLine[],
    wanted: r.wanted_json ? (JSON.parse(r.wanted_json) as WantedChange) : null,
    removed: r.removed_json ? (JSON.parse(r.removed_json) as WpRemovedRow[]) : null,
    checkedAt: r.checked_at,
  };
}
