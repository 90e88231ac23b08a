/**
 * The sandbox's switches: where CloudCart's knowledge base leaves a behaviour open (or two pages
 * disagree), the sandbox can play either reading, so the client is tested against both. Each switch
 * is a named option of `startSandbox` and a flag of `sklad-sync sandbox`; `SANDBOX_SWITCHES`
 * describes them (for the CLI's help and for the store check), and `GET /__sandbox/behaviour`
 * answers the ones in force.
 */
export interface SandboxBehaviour {
  /** A single-record lookup that finds nothing: `200 {"data": null}` or a 404. */
  lookupMiss: 'null' | 'not-found';
  /** The one form of a product's `featured` the store takes; the other is refused with 422. */
  featuredForm: 'tinyint' | 'yes-no';
  /**
   * A collection page with `include` larger than this takes the platform past its 30 s and
   * answers 504 (platform-rate-limits.md: "use a smaller page[size]"); null: never.
   */
  timeoutAbovePageSize: number | null;
  /**
   * Whether the plan has variants (the `multi_variants` plan gate, wiki/features/products-variants-options/products-variants-api.md). Without
   * them the variant-parameters and variant-options endpoints, a product with parameters and a
   * variant with options are refused with 402, as CloudCart refuses plan features.
   */
  variantsInPlan: boolean;
  /**
   * Whether `POST /products` without parameters makes the phantom default variant itself
   * (cloudcart-api.md Q1; api-variants.md reads both ways). The product's `variant` names it.
   */
  defaultVariant: 'none' | 'created-with-product';
  /** How a second variant without options is refused: 422 (a validation error) or 409 (a conflict). */
  duplicateDefaultVariant: 'unprocessable' | 'conflict';
  /** The store's zone: `date_added`/`updated_at` are its wall clock, with no offset. */
  timeZone: string;
  /** Whether the store's prices include VAT (a net-priced store's order lines exclude it). */
  pricesIncludeVat: boolean;
  /** Whether orders carry `vat_included` (order-entity-money.md has it; whether the API shows it is not said). */
  orderVatFlag: boolean;
  /**
   * Whether `GET /orders` lists the merchant's admin drafts (`is_draft = 1`, order-state-machine.md;
   * not said anywhere, cloudcart-api.md Q4) or hides them until they are placed.
   */
  draftOrders: 'listed' | 'hidden';
}

export const DEFAULT_BEHAVIOUR: SandboxBehaviour = {
  lookupMiss: 'null',
  featuredForm: 'tinyint',
  timeoutAbovePageSize: null,
  variantsInPlan: true,
  defaultVariant: 'none',
  duplicateDefaultVariant: 'unprocessable',
  timeZone: 'Europe/Sofia',
  pricesIncludeVat: true,
  orderVatFlag: true,
  draftOrders: 'listed',
};

export interface SandboxSwitch {
  option: keyof SandboxBehaviour;
  flag: string;
  values: string[];
  models: string;
  /** For switches that are not a choice of words: turns the flag's text into the value. */
  parse?: (raw: string) => unknown;
}

export const SANDBOX_SWITCHES: SandboxSwitch[] = [
  {
    option: 'lookupMiss',
    flag: '--lookup-miss',
    values: ['null', 'not-found'],
    models:
      'a single-record lookup (filter[name] on variant-parameters/variant-options, filter[url_handle] on products/categories) that finds nothing answers 200 {"data": null} (as the awsbg client expects) or 404',
  },
  {
    option: 'featuredForm',
    flag: '--featured-form',
    values: ['tinyint', 'yes-no'],
    models:
      "the form of a product's featured flag the store takes (0/1 per api-products-attributes.md, yes/no per product-entity-attributes.md); the other form is refused with 422",
  },
  {
    option: 'timeoutAbovePageSize',
    flag: '--timeout-above-page-size',
    values: ['off', 'N'],
    models:
      'a collection page with include= larger than N answers 504 as the platform does after its 30 s (platform-rate-limits.md); the client asks it again at 50, then 25',
    parse: (raw) => {
      if (raw === 'off') return null;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--timeout-above-page-size: expected off | N, got "${raw}"`);
      return n;
    },
  },
  {
    option: 'variantsInPlan',
    flag: '--variants-in-plan',
    values: ['yes', 'no'],
    models:
      'whether the plan includes variants (multi_variants gate); with no, variant-parameters, variant-options, products with parameters and variants with options answer 402',
  },
  {
    option: 'defaultVariant',
    flag: '--default-variant',
    values: ['none', 'created-with-product'],
    models:
      "whether POST /products of a product without parameters makes its phantom default variant (named by the product's variant relationship) or leaves it to POST /variants",
  },
  {
    option: 'duplicateDefaultVariant',
    flag: '--duplicate-default-variant',
    values: ['unprocessable', 'conflict'],
    models: 'how a second variant without options is refused: 422 Unprocessable Entity or 409 Conflict',
  },
  {
    option: 'timeZone',
    flag: '--time-zone',
    values: ['ZONE'],
    models: "the store's time zone (IANA name): order date_added and updated_at are its wall clock, with no offset",
    parse: (raw) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: raw });
      } catch {
        throw new Error(`--time-zone: not a time zone: "${raw}"`);
      }
      return raw;
    },
  },
  {
    option: 'pricesIncludeVat',
    flag: '--prices-include-vat',
    values: ['yes', 'no'],
    models: "whether the store's prices include VAT; an order says so in vat_included (yes/no)",
  },
  {
    option: 'orderVatFlag',
    flag: '--order-vat-flag',
    values: ['yes', 'no'],
    models: 'whether orders carry vat_included at all (the client then uses its setting)',
  },
  {
    option: 'draftOrders',
    flag: '--draft-orders',
    values: ['listed', 'hidden'],
    models:
      'whether GET /orders lists admin draft orders (is_draft = 1; POST /__sandbox/orders with "draft": true makes one, POST /__sandbox/orders/{id}/place places it) or hides them until placed',
  },
];

/** Turns CLI flag values (strings) into a behaviour; unknown values are an error naming the flag. */
export function behaviourFromFlags(flags: Record<string, string | undefined>): Partial<SandboxBehaviour> {
  const out: Record<string, unknown> = {};
  for (const s of SANDBOX_SWITCHES) {
    const raw = flags[s.flag.replace(/^--/, '')];
    if (raw === undefined) continue;
    if (s.parse) {
      out[s.option] = s.parse(raw);
      continue;
    }
    if (!s.values.includes(raw)) throw new Error(`${s.flag}: expected ${s.values.join(' | ')}, got "${raw}"`);
    const sample = DEFAULT_BEHAVIOUR[s.option];
    out[s.option] = typeof sample === 'boolean' ? raw === 'yes' : typeof sample === 'number' ? Number(raw) : raw;
  }
  return out as Partial<SandboxBehaviour>;
}
