/** TEMPORARY: the import's writer of a given list of orders arrives with o-core's merge. */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { AppError } from '../../errors';
import type { StoreOrder } from '../ports';
import type { RunContext } from '../run-context';
import type { SyncSession } from '../tasks/session';

export async function writeStoreOrders(
  _ctx: RunContext,
  _s: SyncSession,
  _profile: ServerProfileView,
  _orders: StoreOrder[],
): Promise<void> {
  throw new AppError('unavailable', { bg: 'Още не е налично.', en: 'Not available yet.' });
}
