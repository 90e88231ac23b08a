/** The sandbox's write rules per resource: what CloudCart validates (422) and what it derives. */
import type { SandboxBehaviour } from './sandbox-behaviour';
import { Invalid } from './sandbox-invalid';
import { wallClock, type Attrs, type ResourceType, type Row, type SandboxModel } from './sandbox-model';
import { checkAttributes, PRODUCT_POST_DEFAULTS } from './sandbox-rules';

export { Invalid };

/** A plan without the `multi_variants` feature: CloudCart answers plan-feature refusals with 402. */
export const VARIANTS_NOT_IN_PLAN =
  'Variants are not available on your plan (multi_variants). Upgrade your plan to use them.';

type Rel = Record<string, { data: { type: string; id: string } | { type: string; id: string }[] | null }>;

function relId(rel: Rel | undefined, name: string): number | null {
  const d = rel?.[name]?.data;
  return d && !Array.isArray(d) ? Number(d.id) : null;
}

export function create(
  model: SandboxModel,
  type: ResourceType,
  attrs: Attrs,
  rel: Rel | undefined,
  behaviour: SandboxBehaviour,
): Row {
  checkAttributes(type, attrs, behaviour);
  switch (type) {
    case 'products': {
      if (typeof attrs.name !== 'string' || attrs.name.trim().length < 2)
        throw new Invalid(422, 'The name must be at least 2 characters.', '/data/attributes/name');
      const category = relId(rel, 'category');
      if (!category || !model.table('categories').has(category))
        throw new Invalid(422, 'The category field is required.', '/data/relationships/category');
      const params: Row['rel'] = { category: ['categories', category] };
      if (!behaviour.variantsInPlan && [1, 2, 3].some((n) => relId(rel, `parameter${n}`)))
        throw new Invalid(402, VARIANTS_NOT_IN_PLAN);
      for (const n of [1, 2, 3]) {
        const pid = relId(rel, `parameter${n}`);
        if (pid && !model.table('variant-parameters').has(pid))
          throw new Invalid(422, `Unknown parameter ${pid}.`, `/data/relationships/parameter${n}`);
        params[`parameter${n}`] = pid ? ['variant-parameters', pid] : null;
      }
      const url_handle = uniqueHandle(model, 'products', attrs.url_handle, attrs.name);
      // System-managed, read-only (api-products-attributes.md): the store's wall clock, no zone.
      const now = wallClock(new Date(), behaviour.timeZone);
      const row = model.insert(
        'products',
        {
          ...PRODUCT_POST_DEFAULTS,
          ...(behaviour.featuredForm === 'yes-no' ? { featured: 'no' } : {}),
          description: '',
          ...attrs,
          url_handle,
          category_id: category,
          date_added: now,
          date_modified: now,
        },
        params,
      );
      model.label(row, 'products');
      if (behaviour.defaultVariant === 'created-with-product' && model.parameterIds(row).length === 0) {
        const phantom = model.insert(
          'variants',
          {
            sku: null,
            barcode: null,
            price: 0,
            quantity: 0,
            weight: 0,
            delivery_price: 0,
            minimum: 1,
            item_id: row.id,
          },
          { product: ['products', row.id], option1: null, option2: null, option3: null },
        );
        model.label(phantom, 'variants');
        row.rel.variant = ['variants', phantom.id];
      }
      return row;
    }
    case 'variants': {
      const productId = relId(rel, 'product');
      const product = productId ? model.table('products').get(productId) : undefined;
      if (!product) throw new Invalid(422, 'The product field is required.', '/data/relationships/product');
      const params = model.parameterIds(product);
      const options = [1, 2, 3].map((n) => relId(rel, `option${n}`)).filter((x): x is number => x !== null);
      if (!behaviour.variantsInPlan && options.length) throw new Invalid(402, VARIANTS_NOT_IN_PLAN);
      if (options.length !== params.length)
        throw new Invalid(
          422,
          `You are trying to save variant with ${options.length} options, but your product requires ${params.length}`,
        );
      options.forEach((oid, i) => {
        const opt = model.table('variant-options').get(oid);
        if (!opt || opt.attributes.parameter_id !== params[i])
          throw new Invalid(
            422,
            `Variant option '${oid}' does not belongs to variant parameter '${params[i]}'`,
            `/data/relationships/option${i + 1}`,
          );
      });
      const siblings = model.variantsOf(product.id);
      if (siblings.length >= 500) throw new Invalid(422, 'A product can have at most 500 variants.');
      // The phantom-variant duplicate guard (api-variants.md), in the form the switch says.
      if (params.length === 0 && siblings.length > 0)
        throw behaviour.duplicateDefaultVariant === 'conflict'
          ? new Invalid(409, 'The product already has a default variant.')
          : new Invalid(422, 'A duplicate default variant is not allowed.', '/data/relationships/product');
      checkSkuUnique(model, attrs.sku, null);
      const row = model.insert(
        'variants',
        {
          sku: null,
          barcode: null,
          price: 0,
          quantity: 0,
          weight: 0,
          delivery_price: 0,
          minimum: 1,
          ...attrs,
          item_id: product.id,
        },
        {
          product: ['products', product.id],
          option1: options[0] ? ['variant-options', options[0]] : null,
          option2: options[1] ? ['variant-options', options[1]] : null,
          option3: options[2] ? ['variant-options', options[2]] : null,
        },
      );
      model.label(row, 'variants');
      return row;
    }
    case 'variant-parameters': {
      const name = String(attrs.name ?? '').trim();
      if (name.length < 3) throw new Invalid(422, 'The name must be at least 3 characters.', '/data/attributes/name');
      if ([...model.table(type).values()].some((p) => String(p.attributes.name).toLowerCase() === name.toLowerCase()))
        throw new Invalid(422, 'The name has already been taken.', '/data/attributes/name');
      return model.insert(type, { display_type: 'select', visible: 1, sort: 0, ...attrs, name });
    }
    case 'variant-options': {
      const pid = relId(rel, 'parameter');
      if (!pid || !model.table('variant-parameters').has(pid))
        throw new Invalid(422, 'The parameter field is required.', '/data/relationships/parameter');
      const name = String(attrs.name ?? '').trim();
      if (!name) throw new Invalid(422, 'The name field is required.', '/data/attributes/name');
      if (
        [...model.table(type).values()].some(
          (o) => o.attributes.parameter_id === pid && String(o.attributes.name).toLowerCase() === name.toLowerCase(),
        )
      )
        throw new Invalid(422, 'The name has already been taken.', '/data/attributes/name');
      return model.insert(
        type,
        { sort: 0, visible: 1, ...attrs, name, parameter_id: pid },
        { parameter: ['variant-parameters', pid] },
      );
    }
    case 'categories': {
      if (typeof attrs.name !== 'string' || attrs.name.trim().length < 2)
        throw new Invalid(422, 'The name must be at least 2 characters.', '/data/attributes/name');
      const parent = relId(rel, 'parent');
      if (parent && !model.table('categories').has(parent))
        throw new Invalid(422, 'The selected parent is invalid.', '/data/relationships/parent');
      // Equal names may live under different parents; only url_handle is unique (api-categories.md).
      const url_handle = uniqueHandle(model, 'categories', attrs.url_handle, attrs.name);
      return model.insert(
        type,
        { description: null, order: 0, ...attrs, url_handle, parent_id: parent },
        { parent: parent ? ['categories', parent] : null },
      );
    }
    default:
      throw new Invalid(405, `${type} cannot be created through the API.`);
  }
}

export function update(
  model: SandboxModel,
  type: ResourceType,
  row: Row,
  attrs: Attrs,
  rel: Rel | undefined,
  behaviour: SandboxBehaviour,
): void {
  checkAttributes(type, attrs, behaviour);
  if (type === 'orders') {
    for (const key of Object.keys(attrs)) {
      if (!['usn', 'status', 'invoice_number', 'note_administrator'].includes(key))
        throw new Invalid(422, `The ${key} field cannot be changed.`, `/data/attributes/${key}`);
    }
    for (const once of ['usn', 'invoice_number']) {
      if (once in attrs && row.attributes[once])
        throw new Invalid(422, `The ${once} can be set only once.`, `/data/attributes/${once}`);
    }
    Object.assign(row.attributes, attrs, { updated_at: wallClock(new Date(), behaviour.timeZone) });
    return;
  }
  if (type === 'variants') {
    if ('price' in attrs && !Number.isInteger(attrs.price))
      throw new Invalid(422, 'The price must be an integer.', '/data/attributes/price');
    if ('quantity' in attrs && typeof attrs.quantity !== 'number')
      throw new Invalid(422, 'The quantity must be a number.', '/data/attributes/quantity');
    checkSkuUnique(model, attrs.sku, row.id);
  }
  if (type === 'products' && rel && [1, 2, 3].some((n) => `parameter${n}` in rel)) {
    // CloudCart: changing a product's parameters deletes its variants.
    for (const v of model.variantsOf(row.id)) model.table('variants').delete(v.id);
    for (const n of [1, 2, 3]) {
      const pid = relId(rel, `parameter${n}`);
      row.rel[`parameter${n}`] = pid ? ['variant-parameters', pid] : null;
    }
    model.label(row, 'products');
  }
  if (type === 'products' && rel && 'category' in rel) {
    const category = relId(rel, 'category');
    if (!category || !model.table('categories').has(category))
      throw new Invalid(422, 'The selected category is invalid.', '/data/relationships/category');
    row.rel.category = ['categories', category];
    row.attributes.category_id = category;
  }
  if (type === 'order-products' || type === 'order-billing-address' || type === 'order-payment')
    throw new Invalid(405, 'read-only');
  Object.assign(row.attributes, attrs);
  if (type === 'products') row.attributes.date_modified = wallClock(new Date(), behaviour.timeZone);
}

/** A given handle must be free (422); a missing one is made from the name and made unique with -2, -3... */
function uniqueHandle(model: SandboxModel, type: ResourceType, given: unknown, name: unknown): string {
  const taken = new Set([...model.table(type).values()].map((r) => String(r.attributes.url_handle ?? '')));
  if (typeof given === 'string' && given !== '') {
    if (!/^[a-z0-9_-]+$/i.test(given) || given.length > 191)
      throw new Invalid(
        422,
        'The url handle may only contain letters, numbers, dashes and underscores.',
        '/data/attributes/url_handle',
      );
    if (taken.has(given))
      throw new Invalid(422, 'The url handle has already been taken.', '/data/attributes/url_handle');
    return given;
  }
  const base = slug(String(name ?? '')) || type.slice(0, -1);
  let handle = base;
  for (let n = 2; taken.has(handle); n++) handle = `${base}-${n}`;
  return handle;
}

const LATIN: Record<string, string> = Object.fromEntries(
  'а a б b в v г g д d е e ж zh з z и i й y к k л l м m н n о o п p р r с s т t у u ф f х h ц ts ч ch ш sh щ sht ъ a ь y ю yu я ya'
    .split(' ')
    .reduce<string[][]>((pairs, w, i, all) => (i % 2 ? pairs : [...pairs, [w, all[i + 1]]]), []),
);

function slug(name: string): string {
  return [...name.toLowerCase()]
    .map((ch) => LATIN[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180);
}

function checkSkuUnique(model: SandboxModel, sku: unknown, exceptId: number | null): void {
  if (typeof sku !== 'string' || sku === '') return;
  if ([...model.table('variants').values()].some((v) => v.id !== exceptId && v.attributes.sku === sku))
    throw new Invalid(422, 'The sku has already been taken.', '/data/attributes/sku');
}
