/**
 * What the client has seen this store do where CloudCart's knowledge base leaves the behaviour
 * open. It starts from what a store check found (when given) and is updated as the sync meets the
 * behaviour, so the second product of a run no longer pays for the first one's discovery. This is
 * the one place the store check (`check-store`) reads and seeds: each field names its source.
 */
export interface ObservedBehaviour {
  /**
   * The form of `featured` the store takes: `tinyint` (0/1, api-products-attributes.md) or
   * `yes-no` (product-entity-attributes.md). Learnt from a 422 that points at the field.
   */
  featuredForm: 'tinyint' | 'yes-no' | null;
  /**
   * Whether `POST /products` makes a default (all-options-NULL) variant for a product without
   * parameters (cloudcart-api.md Q1, api-variants.md "phantom default variant").
   */
  defaultVariant: 'created-with-product' | 'none' | null;
  /** The HTTP status with which the store refused a second default variant (422 or 409 seen). */
  defaultVariantRefusal: number | null;
  /** Whether the plan allows variants (`multi_variants` plan gate); false after a plan refusal. */
  variantsInPlan: boolean | null;
}

export function unknownBehaviour(): ObservedBehaviour {
  return { featuredForm: null, defaultVariant: null, defaultVariantRefusal: null, variantsInPlan: null };
}
