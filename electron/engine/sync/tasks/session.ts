/** What every task gets for one run: both systems behind their ports, and the engine's bookkeeping. */
import type { RunSession } from '../server-runtime';
import type { StorePort, WarehousePort } from '../ports';
import type { SyncState } from '../sync-state';

export interface SyncSession extends RunSession {
  wp: WarehousePort;
  store: StorePort;
  state: SyncState;
  /**
   * Run options beyond dry run: a full comparison against the store (drift repair); for the
   * import, "fetch orders from this store day" (`YYYY-MM-DD`) instead of from the watermark, or
   * "recover this order" (reconciliation): write that one order only.
   */
  options: { fullCompare: boolean; ordersFrom?: string; recoverOrderId?: string };
  /**
   * Other servers of this program that write into the same Warehouse Pro database (their ids):
   * then an old-form order stamp cannot be taken as this server's (order-write.ts).
   */
  databasePeers?: string[];
}

/** Warehouse Pro stores empty text as '' or ' ' or NULL: all mean empty. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').trim();
}
