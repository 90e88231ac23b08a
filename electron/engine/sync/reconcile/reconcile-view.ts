/**
 * The reconciliation view of one server: opens the server's database and store (as a run does,
 * with the saved secrets, but outside any run: it only reads, so it takes no lease and leaves no
 * run in the history), compares, and gives the rows with their CSV. The store requests are counted.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { ReconcileReport, ReconcileRow } from '../../../../shared/types/reconcile';
import type { LogLine } from '../../../../shared/types/sync';
import { toCsv } from '../csv';
import type { SessionContext } from '../open-session';
import type { SyncSession } from '../tasks/session';
import type { SyncState } from '../sync-state';
import { reconcileOrders } from './reconcile-orders';

type OpenSession = (
  profile: ServerProfileView,
  ctx: SessionContext,
  state: SyncState,
  request: SyncSession['request'],
) => Promise<SyncSession>;

export async function reconcileView(
  openSession: OpenSession,
  state: SyncState,
  profile: ServerProfileView,
  range: { from: string; to: string },
  log: (level: LogLine['level'], message: string) => void = () => undefined,
): Promise<ReconcileReport> {
  let requests = 0;
  const ctx: SessionContext = { onRequest: () => void requests++, log };
  // A read outside any run: no task of its own, nothing written.
  const session = await openSession(profile, ctx, state, {
    serverId: profile.id,
    task: 'import',
    dryRun: true,
    fullCompare: false,
    trigger: 'manual',
  });
  try {
    const attention = new Map(
      state
        .attention(profile.id)
        .filter((a) => a.kind === 'order')
        .map((a) => [a.ref, [a.reason, a.detail].filter(Boolean).join(': ')]),
    );
    const { rows, counts } = await reconcileOrders({
      store: session.store,
      wp: session.wp,
      profile,
      from: range.from,
      to: range.to,
      attention,
    });
    return {
      serverId: profile.id,
      from: range.from,
      to: range.to,
      readAt: new Date().toISOString(),
      databaseCurrency: profile.settings.currency.database,
      requests,
      counts,
      rows,
      csv: { filename: `sklad-sync-reconcile-${range.from}-${range.to}.csv`, csv: reconcileCsv(rows) },
    };
  } finally {
    await session.close().catch(() => undefined);
  }
}

export function reconcileCsv(rows: ReconcileRow[]): string {
  return toCsv(
    [
      'order',
      'placed',
      'status',
      'customer',
      'class',
      'documents',
      'store_amount',
      'store_currency',
      'store_total_db',
      'document_total_db',
      'basis',
      'conversion',
      'attention',
    ],
    rows.map((r) => [
      r.orderId,
      r.placedAt,
      r.status,
      r.customer,
      r.class,
      r.documents.map((d) => `OR ${d.acct} (${d.date}, obj ${d.objectId})`).join('; '),
      r.storeAmount.toFixed(2),
      r.storeCurrency,
      r.storeTotal.toFixed(2),
      r.documentTotal === null ? null : r.documentTotal.toFixed(2),
      r.basis,
      r.conversion,
      r.attention,
    ]),
  );
}
