/**
 * The store as the sync sees it (`StorePort`), over CloudCart's JSON-API v2. Where the wiki leaves a
 * question open, the choice is made once, in a module of its own, and copes with both answers:
 * lookups that find nothing (`json-api-doc.ts`), categories by parent (`category-index.ts`),
 * parameters and options (`variant-dimensions.ts`), the orders (`order-reader.ts`).
 */
import type {
  NewStoreProduct,
  NewStoreVariant,
  ProductPatch,
  StoreOrder,
  StorePort,
  StoreProduct,
  StoreVariant,
} from '../sync/ports';
import { AppError } from '../errors';
import { CategoryIndex } from './category-index';
import { createOnce } from './create-once';
import { CloudCartHttp, type HttpOptions } from './http';
import { asList, rel, str, yes, type Doc, type Resource } from './json-api-doc';
import { unknownBehaviour, type ObservedBehaviour } from './observed-behaviour';
import { orderById, ordersChangedSince, ordersSince, ordersToFollow } from './order-reader';
import { ordersPlacedBetween } from './orders-in-range';
import { listAll } from './paging';
import { planLimit } from './pacer';
import { underVariantsPlan, VariantsNotInPlan } from './plan-features';
import { otherFeaturedForm, productAttributes, variantAttributes } from './product-payload';
import { defaultVariantIn, fillSimpleVariant } from './simple-variant';
import { VariantDimensions } from './variant-dimensions';

export class CloudCartStore implements StorePort {
  readonly http: CloudCartHttp;
  /** What this store was seen to do where the wiki is open (seeded by a store check, if any). */
  readonly observed: ObservedBehaviour;
  private readonly dimensions: VariantDimensions;
  private readonly categories: CategoryIndex;
  /** The highest product id of the last catalog read: a lost create is looked for above it only. */
  private knownProductId = 0;
  /** Simple products whose create answer named the default variant the store made for them. */
  private readonly defaultVariants = new Map<string, string>();

  constructor(options: HttpOptions & { observed?: Partial<ObservedBehaviour> }) {
    this.http = new CloudCartHttp(options);
    this.observed = { ...unknownBehaviour(), ...options.observed };
    this.dimensions = new VariantDimensions(this.http, this.observed);
    this.categories = new CategoryIndex(this.http);
  }

  /**
   * "Test store connection": one request for the key, the host and the plan's limit (from its
   * headers), and one for whether the plan has variants (`variantsInPlan`).
   */
  async testConnection(locale: 'bg' | 'en'): Promise<{
    ok: boolean;
    message: string;
    storeName: string | null;
    rateLimit: number | null;
    variantsInPlan: boolean | null;
  }> {
    try {
      const res = await this.http.send<Doc>('GET', '/products?page[size]=1');
      asList(res.data, 'GET /products');
      const total = res.data.meta?.page?.total;
      const limit = planLimit(this.http.hostName);
      const variants = await this.variantsInPlan();
      const noVariants = variants === false ? new VariantsNotInPlan().text[locale] : '';
      return {
        ok: true,
        message:
          (locale === 'bg'
            ? `Връзката е успешна${total !== undefined ? `: ${total} продукта в магазина` : ''}.`
            : `Connected${total !== undefined ? `: ${total} products in the store` : ''}.`) +
          (noVariants ? ` ${noVariants}` : ''),
        storeName: this.http.hostName,
        rateLimit: limit,
        variantsInPlan: variants,
      };
    } catch (err) {
      return {
        ok: false,
        message: err instanceof AppError ? err.text[locale] : String(err),
        storeName: null,
        rateLimit: null,
        variantsInPlan: null,
      };
    }
  }

  /** Whether the plan has variants: one read of the parameters (true, false, or null when unknown). */
  async variantsInPlan(): Promise<boolean | null> {
    try {
      await underVariantsPlan(this.observed, 'GET', '/variant-parameters', () =>
        this.http.send<Doc>('GET', '/variant-parameters?page[size]=1'),
      );
      this.observed.variantsInPlan = true;
    } catch (err) {
      if (!(err instanceof VariantsNotInPlan)) return this.observed.variantsInPlan;
    }
    return this.observed.variantsInPlan;
  }

  async catalog(): Promise<StoreProduct[]> {
    this.categories.fill((await listAll(this.http, '/categories')).data);
    const { data, included } = await listAll(this.http, '/products?sort=id&include=variants');
    const products = this.toProducts(data, included);
    this.knownProductId = Math.max(0, ...products.map((p) => Number(p.id)).filter(Number.isFinite));
    return products;
  }

  /**
   * One product and its variants, by `filter[id]` (every raw column of the products table is
   * filterable: wiki/api-resources/api-products/api-products-filtering.md), so a product deleted
   * since answers an empty list rather than a 404 the client would read as "no such store".
   */
  async product(id: string): Promise<StoreProduct | null> {
    const res = await this.http.send<Doc>('GET', `/products?filter[id]=${encodeURIComponent(id)}&include=variants`);
    const data = asList(res.data, 'GET /products').filter((p) => String(p.id) === id);
    return this.toProducts(data, res.data?.included ?? [])[0] ?? null;
  }

  private toProducts(data: Resource[], included: Resource[]): StoreProduct[] {
    const variants = new Map(included.filter((r) => r.type === 'variants').map((v) => [v.id, v]));
    return data.map((p) => {
      const refs = p.relationships?.variants?.data;
      const list = (Array.isArray(refs) ? refs : [])
        .map((r) => variants.get(String(r.id)))
        .filter((v): v is Resource => Boolean(v));
      const categoryRef = p.relationships?.category?.data;
      const categoryId =
        categoryRef && !Array.isArray(categoryRef)
          ? String(categoryRef.id)
          : p.attributes.category_id
            ? String(p.attributes.category_id)
            : null;
      return {
        id: p.id,
        name: str(p.attributes.name),
        active: p.attributes.active !== 'no',
        categoryId,
        categoryName: categoryId ? this.categories.nameOf(categoryId) : null,
        parameters: [1, 2, 3].map((n) => str(p.attributes[`p${n}`])).filter(Boolean),
        variants: list.map((v) => toVariant(v, p.id)),
      };
    });
  }

  ensureCategory(name: string, parentId: string | null): Promise<string> {
    return this.categories.ensure(name, parentId);
  }

  async createProduct(p: NewStoreProduct): Promise<{ productId: string }> {
    const relationships: Record<string, unknown> = { category: rel('categories', p.categoryId) };
    for (const [i, name] of p.parameters.entries())
      relationships[`parameter${i + 1}`] = rel('variant-parameters', await this.dimensions.parameterId(name));
    const form = this.observed.featuredForm ?? 'tinyint';
    const send = (f: typeof form) => {
      const call = () =>
        createOnce(this.http, 'products', productAttributes(p, f), relationships, () => this.findNewProduct(p.name));
      return p.parameters.length ? underVariantsPlan(this.observed, 'POST', '/products', call) : call();
    };
    let created;
    try {
      created = await send(form);
    } catch (err) {
      // The wiki has `featured` as a tinyint on one page and yes/no on another: the other form, once.
      if (!p.featured || (err as { field?: string }).field !== 'featured' || this.observed.featuredForm) throw err;
      created = await send(otherFeaturedForm(form));
      this.observed.featuredForm = otherFeaturedForm(form);
    }
    if (p.featured) this.observed.featuredForm ??= form;
    if (!p.parameters.length) {
      const made = defaultVariantIn(created);
      if (made) this.defaultVariants.set(created.id, made);
    }
    return { productId: created.id };
  }

  /** After a lost answer: the newest product of that name created since the catalog was read. */
  private async findNewProduct(name: string): Promise<string | null> {
    const found = await this.http.send<Doc>('GET', `/products?filter[name]=${encodeURIComponent(name)}&sort=-id`);
    const mine = asList(found.data, 'GET /products').find((r) => Number(r.id) > this.knownProductId);
    return mine?.id ?? null;
  }

  async createVariant(productId: string, parameters: string[], v: NewStoreVariant): Promise<{ variantId: string }> {
    const attributes = variantAttributes(v);
    if (parameters.length === 0) {
      const known = this.defaultVariants.get(productId) ?? null;
      this.defaultVariants.delete(productId);
      const id = await fillSimpleVariant(this.http, this.observed, productId, attributes, known, () =>
        this.findVariant(v),
      );
      return { variantId: id };
    }
    const relationships: Record<string, unknown> = { product: rel('products', productId) };
    for (const [i, name] of parameters.entries())
      relationships[`option${i + 1}`] = rel('variant-options', await this.dimensions.optionId(name, v.options[i]));
    const created = await underVariantsPlan(this.observed, 'POST', '/variants', () =>
      createOnce(this.http, 'variants', attributes, relationships, () => this.findVariant(v)),
    );
    return { variantId: created.id };
  }

  private async findVariant(v: NewStoreVariant): Promise<string | null> {
    const filter = v.sku
      ? `filter[sku]=${encodeURIComponent(v.sku)}`
      : v.barcode
        ? `filter[barcode]=${encodeURIComponent(v.barcode)}`
        : null;
    if (!filter) return null;
    const found = await this.http.send<Doc>('GET', `/variants?${filter}`);
    return asList(found.data, 'GET /variants')[0]?.id ?? null;
  }

  async updateVariant(variantId: string, patch: { price?: number; quantity?: number }): Promise<void> {
    await this.http.send('PATCH', `/variants/${variantId}`, {
      data: { type: 'variants', id: variantId, attributes: patch },
    });
  }

  async updateProduct(productId: string, patch: ProductPatch): Promise<void> {
    const attributes: Record<string, unknown> = {};
    if (patch.name !== undefined) attributes.name = patch.name;
    if (patch.description !== undefined) attributes.description = patch.description;
    if (patch.tracking !== undefined) attributes.tracking = yes(patch.tracking);
    if (patch.continueSelling !== undefined) attributes.continue_selling = yes(patch.continueSelling);
    const relationships =
      patch.categoryId !== undefined ? { category: rel('categories', patch.categoryId) } : undefined;
    await this.http.send('PATCH', `/products/${productId}`, {
      data: { type: 'products', id: productId, attributes, ...(relationships ? { relationships } : {}) },
    });
  }

  async setProductActive(productId: string, active: boolean): Promise<void> {
    await this.http.send('PATCH', `/products/${productId}`, {
      data: { type: 'products', id: productId, attributes: { active: yes(active) } },
    });
  }

  ordersSince(
    watermark: string | null,
    placedFrom?: string,
  ): Promise<{ orders: StoreOrder[]; watermark: string | null }> {
    return ordersSince(this.http, watermark, placedFrom);
  }

  ordersChangedSince(mark: string | null): Promise<{ orders: StoreOrder[]; mark: string | null }> {
    return ordersChangedSince(this.http, mark);
  }

  ordersToFollow(since: string | null, maxPages: number) {
    return ordersToFollow(this.http, since, maxPages);
  }

  order(id: string): Promise<StoreOrder | null> {
    return orderById(this.http, id);
  }

  ordersPlacedBetween(from: string, to: string): Promise<StoreOrder[]> {
    return ordersPlacedBetween(this.http, from, to);
  }

  async setOrderUsn(orderId: string, usn: string): Promise<void> {
    await this.http.send('PATCH', `/orders/${orderId}`, { data: { type: 'orders', id: orderId, attributes: { usn } } });
  }
}

function toVariant(v: Resource, productId: string): StoreVariant {
  return {
    id: v.id,
    productId: str(v.attributes.item_id) || productId,
    sku: str(v.attributes.sku),
    barcode: str(v.attributes.barcode),
    price: Number(v.attributes.price ?? 0),
    quantity: Number(v.attributes.quantity ?? 0),
    options: [1, 2, 3].map((n) => str(v.attributes[`v${n}`])).filter(Boolean),
  };
}
