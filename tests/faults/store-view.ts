/** The store's catalog as the fault tests compare it: per variant key, what a shopper would see. */
import type { Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';

export interface StoreView {
  /** barcode (or sku, or #id) -> one entry per variant carrying it */
  variants: Map<string, string[]>;
  products: number;
  /** Products without a variant: left behind by a product whose variants were never created. */
  empty: number;
  categories: number;
}

export function storeView(s: Sandbox): StoreView {
  const snap = s.model.snapshot();
  const byProduct = new Map<unknown, string[]>();
  for (const v of snap.variants) byProduct.set(v.item_id, [...(byProduct.get(v.item_id) ?? []), String(v.barcode)]);
  const names = new Map(snap.products.map((p) => [p.id, String(p.name)]));
  const variants = new Map<string, string[]>();
  for (const v of snap.variants) {
    const key = String(v.barcode ?? v.sku ?? `#${v.id}`);
    const value = JSON.stringify({
      price: v.price,
      quantity: v.quantity,
      sku: v.sku,
      options: [v.v1, v.v2, v.v3],
      product: names.get(Number(v.item_id)),
      siblings: [...(byProduct.get(v.item_id) ?? [])].sort(),
    });
    variants.set(key, [...(variants.get(key) ?? []), value]);
  }
  return {
    variants,
    products: snap.products.length,
    empty: snap.products.filter((p) => !byProduct.has(p.id)).length,
    categories: snap.categories.length,
  };
}

/** Lost, doubled and differing variants (and products, categories) of `b` against the fault-free `a`. */
export function compareStores(a: StoreView, b: StoreView): { lost: number; doubled: number; differing: number } {
  let lost = 0;
  let doubled = 0;
  let differing = 0;
  for (const [key, values] of a.variants) {
    const other = b.variants.get(key) ?? [];
    if (other.length === 0) lost++;
    else if (other.length > 1) doubled += other.length - 1;
    else if (other[0] !== values[0]) differing++;
  }
  for (const key of b.variants.keys()) if (!a.variants.has(key)) doubled++;
  doubled += Math.max(0, b.products - a.products) + b.empty + Math.max(0, b.categories - a.categories);
  lost += Math.max(0, a.products - b.products);
  return { lost, doubled, differing };
}
