/**
 * The attributes of a new product and of a variant, as CloudCart documents them
 * (cloudcart/platform-wiki: wiki/api-resources/api-products/api-products-attributes.md,
 * api-products-side-effects.md, api-variants.md):
 * - every yes/no flag is sent, `shipping` too: left out, a POST makes it "no" (a service or a
 *   download, no delivery), and `active` "no" (api-products-examples.md's 201 answer);
 * - `featured` only when it is wanted, as 1 (a tinyint on the API page; the entity page has
 *   yes/no, so a store that refuses 1 gets "yes": see `otherFeaturedForm`);
 * - an empty SKU or barcode is left out, never `null`: both are strings (max 191);
 * - the name is the caller's, already fitted to 191 characters (sync/store-names.ts).
 */
import type { NewStoreProduct, NewStoreVariant } from '../sync/ports';
import { yes } from './json-api-doc';
import type { ObservedBehaviour } from './observed-behaviour';

type FeaturedForm = NonNullable<ObservedBehaviour['featuredForm']>;

export function productAttributes(p: NewStoreProduct, featuredForm: FeaturedForm): Record<string, unknown> {
  return {
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    active: yes(p.active),
    new: yes(p.isNew),
    tracking: yes(p.tracking),
    continue_selling: yes(p.continueSelling),
    shipping: yes(p.needsShipping),
    ...(p.featured ? { featured: featuredForm === 'tinyint' ? 1 : 'yes' } : {}),
  };
}

export function otherFeaturedForm(form: FeaturedForm): FeaturedForm {
  return form === 'tinyint' ? 'yes-no' : 'tinyint';
}

export function variantAttributes(v: NewStoreVariant): Record<string, unknown> {
  return {
    ...(v.sku ? { sku: v.sku } : {}),
    ...(v.barcode ? { barcode: v.barcode } : {}),
    price: v.price,
    quantity: v.quantity,
    ...(v.weightGrams !== null ? { weight: v.weightGrams } : {}),
  };
}
