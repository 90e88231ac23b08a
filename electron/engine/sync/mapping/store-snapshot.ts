/**
 * The store catalog as the mapping view keeps it: every read of the whole catalog (an export's
 * comparison, a goods download, the view's own "read the store") leaves one, so opening the view
 * costs no store requests. It holds ids, keys, names and options; no prices or quantities.
 */
import type { StoreProduct } from '../ports';
import type { StoreSnapshot } from '../sync-state';

export function toSnapshot(catalog: StoreProduct[], source: StoreSnapshot['source'], requests: number): StoreSnapshot {
  return {
    takenAt: new Date().toISOString(),
    source,
    requests,
    variants: catalog.reduce((n, p) => n + p.variants.length, 0),
    products: catalog.map((p) => ({
      id: p.id,
      name: p.name,
      variants: p.variants.map((v) => ({ id: v.id, sku: v.sku, barcode: v.barcode, options: v.options })),
    })),
  };
}

/** A variant this program just created, added to the snapshot so the view shows it without a read. */
export function addCreated(
  snapshot: StoreSnapshot,
  productId: string,
  productName: string,
  variant: StoreSnapshot['products'][number]['variants'][number],
): void {
  let product = snapshot.products.find((p) => p.id === productId);
  if (!product) {
    product = { id: productId, name: productName, variants: [] };
    snapshot.products.push(product);
  }
  product.variants.push(variant);
  snapshot.variants += 1;
}
