/** Which store orders became which Warehouse Pro documents: table `order_imports` (migrations 2 and 6). */
import type { StateDb } from '../../state/state-db';

const now = () => new Date().toISOString();

export class OrderLedger {
  constructor(private readonly db: StateDb) {}

  recordOrderImport(serverId: string, orderId: string, acct: number, objectId: number, runId: string | null): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO order_imports (server_id, order_id, acct, object_id, run_id, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(serverId, orderId, acct, objectId, runId, now());
  }

  importedOrders(serverId: string): Map<string, number> {
    const rows = this.db
      .prepare('SELECT order_id AS orderId, acct FROM order_imports WHERE server_id = ?')
      .all(serverId) as { orderId: string; acct: number }[];
    return new Map(rows.map((r) => [r.orderId, r.acct]));
  }

  /** The order's number did (false) or did not yet (true) reach the store as `usn`. */
  setUsnPending(serverId: string, orderId: string, pending: boolean): void {
    this.db
      .prepare('UPDATE order_imports SET usn_pending = ? WHERE server_id = ? AND order_id = ?')
      .run(pending ? 1 : 0, serverId, orderId);
  }

  /** Imported orders whose `usn` write-back is still to do, oldest first (not those this run wrote: it just tried). */
  pendingUsn(serverId: string, limit: number, exceptRunId: string): { orderId: string; acct: number }[] {
    return this.db
      .prepare(
        "SELECT order_id AS orderId, acct FROM order_imports WHERE server_id = ? AND usn_pending = 1 AND COALESCE(run_id, '') <> ? ORDER BY imported_at LIMIT ?",
      )
      .all(serverId, exceptRunId, limit) as { orderId: string; acct: number }[];
  }
}
