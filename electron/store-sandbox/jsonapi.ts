/**
 * JSON:API shapes of the sandbox rows, as CloudCart's JSON-API v2 returns them: string ids,
 * foreign keys as integers in attributes, relationships with `{type, id}` identifiers.
 */
import type { ResourceType, Row, SandboxState } from './state';

export interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: { type: string; id: string } | { type: string; id: string }[] | null }>;
}

const ref = (type: string, id: unknown) => (id == null ? null : { type, id: String(id) });

function attrs(row: Row, hide: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'id' && !hide.includes(k)) out[k] = v;
  return out;
}

export function serialize(state: SandboxState, type: ResourceType, row: Row): Resource {
  switch (type) {
    case 'products': {
      const variants = state.variantsOf(row.id);
      const prices = variants.map((v) => Number(v.price));
      return {
        type,
        id: String(row.id),
        attributes: {
          ...attrs(row),
          p1: state.parameterName(row.p1_id),
          p2: state.parameterName(row.p2_id),
          p3: state.parameterName(row.p3_id),
          price_from: prices.length ? Math.min(...prices) : null,
          price_to: prices.length ? Math.max(...prices) : null,
          product_type: 'simple',
        },
        relationships: {
          category: { data: ref('categories', row.category_id) },
          parameter1: { data: ref('variant-parameters', row.p1_id) },
          parameter2: { data: ref('variant-parameters', row.p2_id) },
          parameter3: { data: ref('variant-parameters', row.p3_id) },
          variants: { data: variants.map((v) => ({ type: 'variants', id: String(v.id) })) },
        },
      };
    }
    case 'variants':
      return {
        type,
        id: String(row.id),
        attributes: {
          ...attrs(row),
          v1: state.optionName(row.v1_id),
          v2: state.optionName(row.v2_id),
          v3: state.optionName(row.v3_id),
          unit_name: null,
          unit_short_name: null,
          unit_value_formatted: null,
        },
        relationships: {
          product: { data: ref('products', row.item_id) },
          option1: { data: ref('variant-options', row.v1_id) },
          option2: { data: ref('variant-options', row.v2_id) },
          option3: { data: ref('variant-options', row.v3_id) },
        },
      };
    case 'variant-options':
      return {
        type,
        id: String(row.id),
        attributes: attrs(row),
        relationships: { parameter: { data: ref('variant-parameters', row.parameter_id) } },
      };
    case 'categories':
      return {
        type,
        id: String(row.id),
        attributes: attrs(row),
        relationships: { parent: { data: ref('categories', row.parent_id) } },
      };
    case 'orders': {
      const lines = [...state.tables['order-products'].values()].filter((l) => l.order_id === row.id);
      return {
        type,
        id: String(row.id),
        attributes: attrs(row),
        relationships: {
          products: { data: lines.map((l) => ({ type: 'order-products', id: String(l.id) })) },
          'billing-address': { data: ref('order-billing-address', state.get('order-billing-address', row.id)?.id) },
          'shipping-address': {
            data: ref('order-shipping-address', state.get('order-shipping-address', row.id)?.id),
          },
        },
      };
    }
    default:
      return { type, id: String(row.id), attributes: attrs(row) };
  }
}

/** Resources to put in `included` for one primary resource and one include path. */
export function related(state: SandboxState, type: ResourceType, row: Row, path: string): Resource[] {
  const one = (t: ResourceType, id: unknown): Resource[] => {
    if (id == null) return [];
    const r = state.get(t, Number(id));
    return r ? [serialize(state, t, r)] : [];
  };
  if (type === 'products') {
    if (path === 'variants') return state.variantsOf(row.id).map((v) => serialize(state, 'variants', v));
    if (path === 'variant')
      return state
        .variantsOf(row.id)
        .slice(0, 1)
        .map((v) => serialize(state, 'variants', v));
    if (path === 'category') return one('categories', row.category_id);
    const m = /^parameter([123])$/.exec(path);
    if (m) return one('variant-parameters', row[`p${m[1]}_id`]);
    return [];
  }
  if (type === 'variants') {
    if (path === 'product') return one('products', row.item_id);
    const m = /^option([123])$/.exec(path);
    if (m) return one('variant-options', row[`v${m[1]}_id`]);
    return [];
  }
  if (type === 'orders') {
    if (path === 'products')
      return [...state.tables['order-products'].values()]
        .filter((l) => l.order_id === row.id)
        .map((l) => serialize(state, 'order-products', l));
    if (path === 'billing-address') return one('order-billing-address', row.id);
    if (path === 'shipping-address') return one('order-shipping-address', row.id);
    return [];
  }
  if (type === 'variant-options' && path === 'parameter') return one('variant-parameters', row.parameter_id);
  if (type === 'categories' && path === 'parent') return one('categories', row.parent_id);
  return [];
}

export const INCLUDES: Partial<Record<ResourceType, string[]>> = {
  products: [
    'variants',
    'variant',
    'category',
    'categories',
    'parameter1',
    'parameter2',
    'parameter3',
    'images',
    'image',
    'vendor',
  ],
  variants: ['product', 'option1', 'option2', 'option3', 'images'],
  'variant-options': ['parameter'],
  'variant-parameters': ['variant-options'],
  categories: ['parent'],
  orders: [
    'products',
    'payment',
    'discounts',
    'modifications',
    'totals',
    'taxes',
    'shipping.provider',
    'shipping-address',
    'billing-address',
  ],
};

export const SORTS: Partial<Record<ResourceType, string[]>> = {
  products: ['id', 'name', 'date_added', 'date_modified', 'sort_order', 'views'],
  variants: ['id', 'quantity', 'price', 'weight'],
  orders: ['id', 'date_added', 'updated_at', 'date_archived'],
  categories: ['id', 'name', 'created_at', 'updated_at', 'order'],
  'variant-parameters': ['id', 'name', 'sort'],
  'variant-options': ['id', 'name', 'sort'],
  'order-products': ['order_id', 'quantity', 'product_id', 'variant_id', 'name', 'price', 'order_price'],
};
