/**
 * The stamp a store order's document carries in Warehouse Pro (`operations.Note`): it names the
 * store and the order, so the writer can tell "this order is already written" inside its own
 * transaction (B3), and two stores writing into one database never take each other's documents.
 *
 *   new form  `CloudCart <domain> #<id>`   e.g. `CloudCart shop.example.bg #1042`
 *   old form  `CloudCart #<id>`            written before the stamp named the store
 *
 * An old-form stamp does not say which store it came from; when it counts as this store's is
 * decided by the import (`legacyStampIsOurs` in tasks/order-write.ts, rule in docs/sync-engine.md).
 */

const PREFIX = 'CloudCart';

/** The store's domain as the stamp writes it: lower case, no scheme, no trailing slash or path. */
export function stampDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/.*$/, '');
}

export function orderStamp(domain: string, orderId: string | number): string {
  return `${PREFIX} ${stampDomain(domain)} #${String(orderId).trim()}`;
}

/** The stamp of the old form, before it named the store. */
export function legacyOrderStamp(orderId: string | number): string {
  return `${PREFIX} #${String(orderId).trim()}`;
}

/** What a document's note says: which store (null for the old form) and which order; null when it is no stamp. */
export function parseOrderStamp(note: string | null | undefined): { domain: string | null; orderId: string } | null {
  const m = /^CloudCart (?:(\S+) )?#(\d+)$/.exec((note ?? '').trim());
  if (!m) return null;
  return { domain: m[1] ? stampDomain(m[1]) : null, orderId: m[2] };
}
