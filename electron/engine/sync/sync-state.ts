/**
 * The engine's bookkeeping of sync runs in the state database: runs, their items (the audit
 * trail), the good -> store variant mapping with the last values sent (delta sync), categories,
 * watermarks, items needing attention and the order imports.
 */
import type { AttentionItem, RunItem, RunSummary, RunState, TaskKind, RunCounts } from '../../../shared/types/sync';
import { processGone } from '../process-gone';
import type { StateDb } from '../state/state-db';

/** A product's own fields as the export last sent (or found) them. */
export interface ProductFields {
  name: string;
  description: string;
  categoryId: string | null;
  tracking: boolean;
  continueSelling: boolean;
}

export interface VariantLink {
  goodId: number;
  productId: string;
  variantId: string;
  matchKey: string;
  lastPrice: number | null;
  lastQuantity: number | null;
  lastActive: boolean | null;
}

interface RunRow {
  id: string;
  server_id: string;
  task: TaskKind;
  dry_run: number;
  state: RunState;
  phase: string;
  done: number;
  total: number;
  counts_json: string;
  requests: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

const now = () => new Date().toISOString();
const PENDING = 'pending.product:';
const DECISION = 'match.decision:';

export interface PendingProduct {
  name: string;
  parameters: string[];
  at: string;
}

export type MatchDecision = { decision: 'link'; productId: string } | { decision: 'create' };

export class SyncState {
  constructor(private readonly db: StateDb) {}

  // --- runs -------------------------------------------------------------------------------
  createRun(run: { id: string; serverId: string; task: TaskKind; dryRun: boolean }): void {
    this.db
      .prepare(
        "INSERT INTO runs (id, server_id, task, dry_run, state, started_at, owner_pid) VALUES (?, ?, ?, ?, 'running', ?, ?)",
      )
      .run(run.id, run.serverId, run.task, run.dryRun ? 1 : 0, now(), process.pid);
  }

  updateRun(id: string, p: { phase: string; done: number; total: number; counts: RunCounts; requests: number }): void {
    this.db
      .prepare('UPDATE runs SET phase = ?, done = ?, total = ?, counts_json = ?, requests = ? WHERE id = ?')
      .run(p.phase, p.done, p.total, JSON.stringify(p.counts), p.requests, id);
  }

  finishRun(id: string, state: RunState, error: string | null): void {
    this.db.prepare('UPDATE runs SET state = ?, error = ?, finished_at = ? WHERE id = ?').run(state, error, now(), id);
  }

  /** Runs left "running" by a killed process are marked failed at start-up. */
  /** Runs left "running" by a process that no longer exists (killed, crashed) become failed. */
  failInterruptedRuns(): number {
    const open = this.db
      .prepare("SELECT id, owner_pid AS pid FROM runs WHERE state IN ('running', 'queued')")
      .all() as { id: string; pid: number | null }[];
    const stop = this.db.prepare(
      "UPDATE runs SET state = 'failed', error = 'interrupted: the program stopped during the run', finished_at = ? WHERE id = ?",
    );
    const dead = open.filter((r) => r.pid === null || r.pid === process.pid || processGone(r.pid));
    for (const r of dead) stop.run(now(), r.id);
    return dead.length;
  }

  listRuns(serverId: string | null, limit = 200): RunSummary[] {
    const rows = (
      serverId
        ? this.db
            .prepare('SELECT * FROM runs WHERE server_id = ? ORDER BY started_at DESC LIMIT ?')
            .all(serverId, limit)
        : this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?').all(limit)
    ) as RunRow[];
    return rows.map(toSummary);
  }

  getRun(id: string): RunSummary | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toSummary(row) : null;
  }

  lastRun(serverId: string, task: TaskKind, opts: { succeeded?: boolean; real?: boolean } = {}): RunSummary | null {
    const row = this.db
      .prepare(
        `SELECT * FROM runs WHERE server_id = ? AND task = ? ${opts.succeeded ? "AND state = 'succeeded'" : ''} ${
          opts.real ? 'AND dry_run = 0' : ''
        } ORDER BY started_at DESC LIMIT 1`,
      )
      .get(serverId, task) as RunRow | undefined;
    return row ? toSummary(row) : null;
  }

  addItems(runId: string, items: Omit<RunItem, 'at'>[]): void {
    const insert = this.db.prepare(
      'INSERT INTO run_items (run_id, kind, ref, action, old_value, new_value, explain, status, message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const at = now();
    this.db.transaction(() => {
      for (const i of items) {
        insert.run(runId, i.kind, i.ref, i.action, i.oldValue, i.newValue, i.explain, i.status, i.message, at);
      }
    })();
  }

  runItems(runId: string, limit = 5000): RunItem[] {
    return this.db
      .prepare(
        'SELECT kind, ref, action, old_value AS oldValue, new_value AS newValue, explain, status, message, at FROM run_items WHERE run_id = ? ORDER BY id LIMIT ?',
      )
      .all(runId, limit) as RunItem[];
  }

  /** The audit trail of a server (or all servers) as rows for CSV export. */
  auditRows(serverId: string | null): (RunItem & { runId: string; task: string; serverId: string })[] {
    const sql = `SELECT r.id AS runId, r.task, r.server_id AS serverId, i.kind, i.ref, i.action, i.old_value AS oldValue,
      i.new_value AS newValue, i.explain, i.status, i.message, i.at
      FROM run_items i JOIN runs r ON r.id = i.run_id WHERE r.dry_run = 0 ${serverId ? 'AND r.server_id = ?' : ''} ORDER BY i.id`;
    return (serverId ? this.db.prepare(sql).all(serverId) : this.db.prepare(sql).all()) as never;
  }

  // --- variant mapping and last values sent -----------------------------------------------
  links(serverId: string): Map<number, VariantLink> {
    const rows = this.db
      .prepare(
        'SELECT good_id AS goodId, product_id AS productId, variant_id AS variantId, match_key AS matchKey, last_price AS lastPrice, last_quantity AS lastQuantity, last_active AS lastActive FROM variant_map WHERE server_id = ?',
      )
      .all(serverId) as (Omit<VariantLink, 'lastActive'> & { lastActive: number | null })[];
    return new Map(
      rows.map((r) => [r.goodId, { ...r, lastActive: r.lastActive === null ? null : r.lastActive === 1 }]),
    );
  }

  saveLink(serverId: string, link: VariantLink): void {
    this.db
      .prepare(
        `INSERT INTO variant_map (server_id, good_id, product_id, variant_id, match_key, last_price, last_quantity, last_active, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (server_id, good_id) DO UPDATE SET product_id = excluded.product_id, variant_id = excluded.variant_id,
           match_key = excluded.match_key, last_price = excluded.last_price, last_quantity = excluded.last_quantity,
           last_active = excluded.last_active, sent_at = excluded.sent_at`,
      )
      .run(
        serverId,
        link.goodId,
        link.productId,
        link.variantId,
        link.matchKey,
        link.lastPrice,
        link.lastQuantity,
        link.lastActive === null ? null : link.lastActive ? 1 : 0,
        now(),
      );
  }

  /** Forgets every link and category of a server (its store was replaced, as the demo's may be). */
  forgetServerLinks(serverId: string): void {
    this.db.prepare('DELETE FROM variant_map WHERE server_id = ?').run(serverId);
    this.db.prepare('DELETE FROM product_state WHERE server_id = ?').run(serverId);
    this.db.prepare('DELETE FROM category_map WHERE server_id = ?').run(serverId);
    this.db.prepare('DELETE FROM watermarks WHERE server_id = ?').run(serverId);
  }

  deleteLink(serverId: string, goodId: number): void {
    this.db.prepare('DELETE FROM variant_map WHERE server_id = ? AND good_id = ?').run(serverId, goodId);
  }

  categories(serverId: string): Map<string, string> {
    const rows = this.db
      .prepare('SELECT group_code AS code, category_id AS id FROM category_map WHERE server_id = ?')
      .all(serverId) as { code: string; id: string }[];
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  saveCategory(serverId: string, groupCode: string, categoryId: string): void {
    this.db
      .prepare(
        'INSERT INTO category_map (server_id, group_code, category_id) VALUES (?, ?, ?) ON CONFLICT (server_id, group_code) DO UPDATE SET category_id = excluded.category_id',
      )
      .run(serverId, groupCode, categoryId);
  }

  // --- product fields last sent ---------------------------------------------------------------
  productFields(serverId: string): Map<string, ProductFields> {
    const rows = this.db
      .prepare('SELECT product_id AS id, fields FROM product_state WHERE server_id = ?')
      .all(serverId) as { id: string; fields: string }[];
    return new Map(rows.map((r) => [r.id, JSON.parse(r.fields) as ProductFields]));
  }

  saveProductFields(serverId: string, productId: string, fields: ProductFields): void {
    this.db
      .prepare(
        'INSERT INTO product_state (server_id, product_id, fields) VALUES (?, ?, ?) ON CONFLICT (server_id, product_id) DO UPDATE SET fields = excluded.fields',
      )
      .run(serverId, productId, JSON.stringify(fields));
  }

  // --- watermarks --------------------------------------------------------------------------
  watermark(serverId: string, name: string): string | null {
    const row = this.db.prepare('SELECT value FROM watermarks WHERE server_id = ? AND name = ?').get(serverId, name) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setWatermark(serverId: string, name: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO watermarks (server_id, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (server_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(serverId, name, value, now());
  }

  // --- product creations under way and confirmed matches ------------------------------------
  // Kept as per-server keys of the watermarks table, so no migration is needed; forgetting a
  // server's links forgets them too.

  /** Noted before `POST /products`: a product found later by this name was made by this program. */
  notePendingProduct(serverId: string, productKey: string, product: PendingProduct): void {
    this.setWatermark(serverId, `${PENDING}${productKey}`, JSON.stringify(product));
  }

  pendingProduct(serverId: string, productKey: string): PendingProduct | null {
    const raw = this.watermark(serverId, `${PENDING}${productKey}`);
    return raw ? (JSON.parse(raw) as PendingProduct) : null;
  }

  clearPendingProduct(serverId: string, productKey: string): void {
    this.db.prepare('DELETE FROM watermarks WHERE server_id = ? AND name = ?').run(serverId, `${PENDING}${productKey}`);
  }

  /** What the user decided about a possible match: take that store product over, or create a new one. */
  matchDecision(serverId: string, productKey: string): MatchDecision | null {
    const raw = this.watermark(serverId, `${DECISION}${productKey}`);
    return raw ? (JSON.parse(raw) as MatchDecision) : null;
  }

  saveMatchDecision(serverId: string, productKey: string, decision: MatchDecision): void {
    this.setWatermark(serverId, `${DECISION}${productKey}`, JSON.stringify(decision));
  }

  // --- needs attention ---------------------------------------------------------------------
  flag(serverId: string, item: { kind: string; ref: string; reason: string; detail?: string }): void {
    const at = now();
    this.db
      .prepare(
        `INSERT INTO attention (server_id, kind, ref, reason, detail, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (server_id, kind, ref) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
           last_seen = excluded.last_seen, resolved_at = NULL`,
      )
      .run(serverId, item.kind, item.ref, item.reason, item.detail ?? '', at, at);
  }

  resolve(serverId: string, kind: string, ref: string): void {
    this.db
      .prepare(
        'UPDATE attention SET resolved_at = ? WHERE server_id = ? AND kind = ? AND ref = ? AND resolved_at IS NULL',
      )
      .run(now(), serverId, kind, ref);
  }

  attention(serverId: string): AttentionItem[] {
    return this.db
      .prepare(
        'SELECT kind, ref, reason, detail, first_seen AS firstSeen, last_seen AS lastSeen FROM attention WHERE server_id = ? AND resolved_at IS NULL ORDER BY last_seen DESC',
      )
      .all(serverId) as AttentionItem[];
  }

  // --- order imports -----------------------------------------------------------------------
  recordOrderImport(serverId: string, orderId: string, acct: number, objectId: number, runId: string | null): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO order_imports (server_id, order_id, acct, object_id, run_id, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(serverId, orderId, acct, objectId, runId, now());
  }

  /** The order's number did (false) or did not yet (true) reach the store as `usn`. */
  setUsnPending(serverId: string, orderId: string, pending: boolean): void {
    this.db
      .prepare('UPDATE order_imports SET usn_pending = ? WHERE server_id = ? AND order_id = ?')
      .run(pending ? 1 : 0, serverId, orderId);
  }

  /** Imported orders whose `usn` write-back is still to do, oldest first. */
  pendingUsn(serverId: string, limit: number): { orderId: string; acct: number }[] {
    return this.db
      .prepare(
        'SELECT order_id AS orderId, acct FROM order_imports WHERE server_id = ? AND usn_pending = 1 ORDER BY imported_at LIMIT ?',
      )
      .all(serverId, limit) as { orderId: string; acct: number }[];
  }

  /** An item looked at again (still open): it moves to the back of the re-read queue. */
  touchAttention(serverId: string, kind: string, ref: string): void {
    this.db
      .prepare(
        'UPDATE attention SET last_seen = ? WHERE server_id = ? AND kind = ? AND ref = ? AND resolved_at IS NULL',
      )
      .run(now(), serverId, kind, ref);
  }

  importedOrders(serverId: string): Map<string, number> {
    const rows = this.db
      .prepare('SELECT order_id AS orderId, acct FROM order_imports WHERE server_id = ?')
      .all(serverId) as { orderId: string; acct: number }[];
    return new Map(rows.map((r) => [r.orderId, r.acct]));
  }
}

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    serverId: r.server_id,
    task: r.task,
    dryRun: r.dry_run === 1,
    state: r.state,
    phase: r.phase,
    done: r.done,
    total: r.total,
    counts: JSON.parse(r.counts_json),
    requests: r.requests,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}
