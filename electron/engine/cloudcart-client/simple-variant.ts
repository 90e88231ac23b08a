/**
 * The variant of a simple product (no parameters), where CloudCart's pages leave it open whether
 * `POST /products` already made one (cloudcart-api.md Q1). api-variants.md says a product without
 * parameters "still has one phantom default variant" and also that a `POST /variants` without
 * options "becomes the phantom default variant"; its duplicate guard refuses a second one. Both
 * behaviours are handled, and both forms of refusal (422 as a validation error, 409 as a conflict):
 *
 * - the product's create answer names a default variant (`variant` or `variants`): it is filled
 *   with a PATCH, one request;
 * - otherwise a variant is created; when the store refuses it and the product does have a variant
 *   without options, that one is filled and the behaviour is remembered, so the next simple product
 *   of the run goes straight to its default variant;
 * - a refusal while the product has no such variant is the real reason (a taken SKU, say) and is
 *   passed on unchanged.
 *
 * The behaviour seen is kept in `ObservedBehaviour.defaultVariant` / `.defaultVariantRefusal`.
 */
import { AppError } from '../errors';
import type { CloudCartHttp } from './http';
import { createOnce, type Finder } from './create-once';
import { asList, rel, relIds, type Doc, type Resource } from './json-api-doc';
import type { ObservedBehaviour } from './observed-behaviour';

const REFUSALS = new Set([400, 409, 422]);

/** The default variant a product's create answer names, if any. */
export function defaultVariantIn(product: Resource): string | null {
  return relIds(product, 'variant')[0] ?? relIds(product, 'variants')[0] ?? null;
}

export async function fillSimpleVariant(
  http: CloudCartHttp,
  observed: ObservedBehaviour,
  productId: string,
  attributes: Record<string, unknown>,
  knownDefault: string | null,
  find: Finder,
): Promise<string> {
  if (knownDefault) {
    observed.defaultVariant = 'created-with-product';
    return patch(http, knownDefault, attributes);
  }
  if (observed.defaultVariant === 'created-with-product') {
    const existing = await optionlessVariant(http, productId);
    if (existing) return patch(http, existing, attributes);
  }
  try {
    const created = await createOnce(http, 'variants', attributes, { product: rel('products', productId) }, find);
    observed.defaultVariant ??= 'none';
    return created.id;
  } catch (err) {
    const status = (err as AppError & { status?: number }).status;
    if (!(err instanceof AppError) || status === undefined || !REFUSALS.has(status)) throw err;
    const existing = await optionlessVariant(http, productId);
    if (!existing) throw err;
    observed.defaultVariant = 'created-with-product';
    observed.defaultVariantRefusal = status;
    return patch(http, existing, attributes);
  }
}

/** The product's variant without options (all of v1_id..v3_id empty), if it has one. */
async function optionlessVariant(http: CloudCartHttp, productId: string): Promise<string | null> {
  const res = await http.send<Doc>('GET', `/variants?filter[item_id]=${encodeURIComponent(productId)}`);
  const mine = asList(res.data, 'GET /variants').filter(
    (v) => v.attributes.item_id === undefined || String(v.attributes.item_id) === productId,
  );
  const phantom = mine.find((v) =>
    [1, 2, 3].every((n) => !v.attributes[`v${n}_id`] && !relIds(v, `option${n}`).length),
  );
  return phantom?.id ?? null;
}

async function patch(http: CloudCartHttp, id: string, attributes: Record<string, unknown>): Promise<string> {
  await http.send('PATCH', `/variants/${id}`, { data: { type: 'variants', id, attributes } });
  return id;
}
