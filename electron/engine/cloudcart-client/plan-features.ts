/**
 * A plan without variants. CloudCart gates variants behind the `multi_variants` plan feature; with it
 * locked, "calls to variant endpoints are rejected" (cloudcart/platform-wiki:
 * wiki/features/products-variants-options/products-variants-api.md). The status is not given: plan
 * features answer 402 at the JSON-API layer (wiki/concepts/json-api-v2/json-api-status-codes.md),
 * 403 "practically never", and gated resources may answer 404. So a 402 or 403 on the
 * variant-parameters or variant-options endpoints, a 404 on their collection, or a 402 on a product
 * with parameters or a variant with options is read as "no variants in this plan". This is the one
 * place that decides it; the connection test, the sync and the store check all ask here.
 */
import { AppError } from '../errors';
import type { ObservedBehaviour } from './observed-behaviour';

const DIMENSION_PATHS = /^\/(variant-parameters|variant-options)(\?|$|\/)/;

export function isVariantsPlanRefusal(err: unknown, method: string, path: string): boolean {
  if (!(err instanceof AppError)) return false;
  const status = (err as AppError & { status?: number }).status;
  if (status === undefined) return false;
  if (DIMENSION_PATHS.test(path)) return status === 402 || status === 403 || (status === 404 && method === 'GET');
  const variantWrite = method === 'POST' && (path.startsWith('/products') || path.startsWith('/variants'));
  return variantWrite && status === 402 && /variant|multi_variants/i.test(String((err as { detail?: unknown }).detail));
}

export class VariantsNotInPlan extends AppError {
  readonly planFeature = 'multi_variants';
  constructor() {
    super('store_error', {
      bg: 'Планът на магазина в CloudCart не включва варианти (multi_variants): продуктите с варианти не се синхронизират, простите продукти продължават. Изберете план с варианти в CloudCart или разделете вариантите на отделни стоки без Каталог „Тип-Стойност“.',
      en: 'The store\'s CloudCart plan does not include variants (multi_variants): products with variants are not synced, simple products go on. Choose a plan with variants in CloudCart, or split the variants into separate goods without "Type-Value" catalogs.',
    });
  }
}

/**
 * Runs a request to a variant endpoint: a plan refusal becomes `VariantsNotInPlan` and is
 * remembered, so later products with variants fail at once, without a request.
 */
export async function underVariantsPlan<T>(
  observed: ObservedBehaviour,
  method: string,
  path: string,
  call: () => Promise<T>,
): Promise<T> {
  if (observed.variantsInPlan === false) throw new VariantsNotInPlan();
  try {
    const result = await call();
    return result;
  } catch (err) {
    if (!isVariantsPlanRefusal(err, method, path)) throw err;
    observed.variantsInPlan = false;
    throw new VariantsNotInPlan();
  }
}
