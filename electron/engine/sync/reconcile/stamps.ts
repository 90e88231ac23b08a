/**
 * The stamps a store order's document may carry: the current one that names the store and the
 * old `CloudCart #<id>` one of earlier versions. Both count, so documents written before the
 * stamp named the store are found too.
 */
// TEMPORARY until o-core's `sync/order-stamp.ts` is merged: the same forms.
const stampDomain = (domain: string) =>
  domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/.*$/, '');

export function orderStamps(domain: string, orderId: string): string[] {
  return [`CloudCart ${stampDomain(domain)} #${orderId}`, `CloudCart #${orderId}`];
}
