/**
 * The stamps a store order's document may carry (`order-stamp.ts`): the current one that names
 * the store and the old `CloudCart #<id>` one of earlier versions. Both count here, so documents
 * written before the stamp named the store are found too. (Where an old-form stamp could be
 * another store's, the import decides whose it is before writing; the view only shows it.)
 */
import { legacyOrderStamp, orderStamp } from '../order-stamp';

export function orderStamps(domain: string, orderId: string): string[] {
  return [orderStamp(domain, orderId), legacyOrderStamp(orderId)];
}
