/**
 * The goods that orders' lines name, found by the server's compare-by key in one look-up, and
 * the names of goods that share a key, so "needs attention" names them by name and code rather
 * than by database id. Used by the import and by the follow-up of changed lines.
 */
import type { GoodNaming } from '../good-label';
import type { StoreOrder } from '../ports';
import { lineKey } from './order-lines';
import type { SyncSession } from './session';

export async function lineGoods(
  s: SyncSession,
  compareBy: 'barcode' | 'sku',
  orders: StoreOrder[],
): Promise<{ goodsByKey: Map<string, number[]>; labels: Map<number, GoodNaming> }> {
  const keys = [...new Set(orders.flatMap((o) => o.lines.map((l) => lineKey(l, compareBy))).filter(Boolean))];
  const goodsByKey = keys.length
    ? await s.wp.findGoods(compareBy === 'barcode' ? 'barcode1' : 'barcode2', keys)
    : new Map<string, number[]>();
  const shared = [...goodsByKey.values()].filter((ids) => ids.length > 1).flat();
  const labels = shared.length ? await s.wp.goodLabels(shared) : new Map<number, GoodNaming>();
  return { goodsByKey, labels };
}
