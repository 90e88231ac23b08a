/**
 * Attribute types the sandbox validates on POST and PATCH, as cloudcart/platform-wiki documents them
 * (wiki/api-resources/api-products/api-products-attributes.md, api-variants.md,
 * api-variant-parameters.md, api-variant-options.md, api-categories.md; the 191-character name cap:
 * wiki/entities/product/product-entity-attributes.md). A string attribute sent as `null` is a 422
 * (Laravel's `string` rule without `nullable`), as is a yes/no flag with another value, a product
 * name over 191 characters, and `featured` in the form the `featuredForm` switch does not take.
 */
import type { SandboxBehaviour } from './sandbox-behaviour';
import type { Attrs, ResourceType } from './sandbox-model';
import { Invalid } from './sandbox-invalid';

const STRINGS: Partial<Record<ResourceType, string[]>> = {
  products: [
    'name',
    'url_handle',
    'description',
    'short_description',
    'description_title',
    'seo_title',
    'seo_description',
  ],
  variants: ['sku', 'barcode', 'unit_text'],
  categories: ['name', 'url_handle', 'description', 'seo_title', 'seo_description'],
  'variant-parameters': ['name'],
  'variant-options': ['name', 'image', 'color'],
};

const MAX_191: Partial<Record<ResourceType, string[]>> = {
  products: ['name', 'url_handle'],
  variants: ['sku', 'barcode'],
  categories: ['url_handle'],
  'variant-parameters': ['name'],
};

const YES_NO = ['active', 'digital', 'sale', 'new', 'tracking', 'shipping', 'draft', 'continue_selling'];

/** POST /products fills these when left out (api-products-side-effects.md "default boolean fill"; the 201 example). */
export const PRODUCT_POST_DEFAULTS: Attrs = {
  active: 'no',
  digital: 'no',
  sale: 'no',
  new: 'no',
  tracking: 'no',
  shipping: 'no',
  draft: 'no',
  continue_selling: 'no',
  featured: 0,
};

export function checkAttributes(type: ResourceType, attrs: Attrs, behaviour: SandboxBehaviour): void {
  for (const field of STRINGS[type] ?? []) {
    if (!(field in attrs)) continue;
    const v = attrs[field];
    if (v === null) throw new Invalid(422, `The ${field} must be a string.`, `/data/attributes/${field}`);
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new Invalid(422, `The ${field} must be a string.`, `/data/attributes/${field}`);
  }
  for (const field of MAX_191[type] ?? []) {
    const v = attrs[field];
    if (typeof v === 'string' && Array.from(v).length > 191)
      throw new Invalid(422, `The ${field} may not be greater than 191 characters.`, `/data/attributes/${field}`);
  }
  if (type !== 'products') return;
  for (const flag of YES_NO) {
    if (flag in attrs && attrs[flag] !== 'yes' && attrs[flag] !== 'no')
      throw new Invalid(422, `The selected ${flag} is invalid.`, `/data/attributes/${flag}`);
  }
  if ('featured' in attrs) {
    const v = attrs.featured;
    const ok = behaviour.featuredForm === 'tinyint' ? v === 0 || v === 1 : v === 'yes' || v === 'no';
    if (!ok)
      throw new Invalid(
        422,
        behaviour.featuredForm === 'tinyint'
          ? 'The featured field must be 0 or 1.'
          : 'The selected featured is invalid.',
        '/data/attributes/featured',
      );
  }
}
