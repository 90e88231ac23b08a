/**
 * The store as the sync sees it (`StorePort`), over CloudCart's JSON-API v2. Where cloudcart-api.md
 * leaves a question open, the choice is made here once and copes with both answers: whether a new
 * product already has a default variant (Q1: we look, and fill it or create one), and the order
 * total's name (`total` or `price_total`, C2).
 */
import type {
  NewStoreProduct,
  ProductPatch,
  NewStoreVariant,
  StoreOrder,
  StorePort,
  StoreProduct,
  StoreVariant,
} from '../sync/ports';
import { AppError } from '../errors';
import { CloudCartHttp, LostAnswerError, type HttpOptions } from './http';
import { planLimit } from './pacer';

interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: { type: string; id: string } | { type: string; id: string }[] | null }>;
}
interface Doc {
  data: Resource | Resource[];
  included?: Resource[];
  meta?: { page?: { 'current-page'?: number; 'last-page'?: number } };
}

const yes = (b: boolean) => (b ? 'yes' : 'no');
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const rel = (type: string, id: string | number) => ({ data: { type, id: String(id) } });

export class CloudCartStore implements StorePort {
  readonly http: CloudCartHttp;
  private readonly parameterIds = new Map<string, string>();
  private readonly optionIds = new Map<string, string>();
  /**
   * Products of the last catalog read that carry no variant with a SKU or barcode: what a run
   * leaves when it is stopped (killed, power cut) between creating a product and its first
   * variant. `createProduct` takes such a product over instead of creating a second one.
   */
  private unfinished: StoreProduct[] = [];

  constructor(options: HttpOptions) {
    this.http = new CloudCartHttp(options);
  }

  /** "Test store connection": one request; the plan's limit comes from its headers. */
  async testConnection(
    locale: 'bg' | 'en',
  ): Promise<{ ok: boolean; message: string; storeName: string | null; rateLimit: number | null }> {
    try {
      const res = await this.http.send<Doc>('GET', '/products?page[size]=1');
      const total = (res.data.meta?.page as { total?: number } | undefined)?.total;
      const limit = planLimit(this.http.hostName);
      return {
        ok: true,
        message:
          locale === 'bg'
            ? `Връзката е успешна${total !== undefined ? `: ${total} продукта в магазина` : ''}.`
            : `Connected${total !== undefined ? `: ${total} products in the store` : ''}.`,
        storeName: this.http.hostName,
        rateLimit: limit,
      };
    } catch (err) {
      return {
        ok: false,
        message: err instanceof AppError ? err.text[locale] : String(err),
        storeName: null,
        rateLimit: null,
      };
    }
  }

  private async all(path: string): Promise<{ data: Resource[]; included: Resource[] }> {
    const data: Resource[] = [];
    const included: Resource[] = [];
    for (let page = 1; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await this.http.send<Doc>('GET', `${path}${sep}page[size]=100&page[number]=${page}`);
      const doc = res.data;
      data.push(...(Array.isArray(doc.data) ? doc.data : [doc.data]));
      included.push(...(doc.included ?? []));
      const last = doc.meta?.page?.['last-page'] ?? 1;
      if (page >= last) break;
    }
    return { data, included };
  }

  async catalog(): Promise<StoreProduct[]> {
    const categories = new Map((await this.all('/categories')).data.map((c) => [c.id, str(c.attributes.name)]));
    const { data, included } = await this.all('/products?sort=id&include=variants');
    const variants = new Map(included.filter((r) => r.type === 'variants').map((v) => [v.id, v]));
    const products = data.map((p) => {
      const refs = p.relationships?.variants?.data;
      const list = (Array.isArray(refs) ? refs : [])
        .map((r) => variants.get(r.id))
        .filter((v): v is Resource => Boolean(v));
      const categoryRef = p.relationships?.category?.data;
      const categoryId =
        categoryRef && !Array.isArray(categoryRef)
          ? categoryRef.id
          : p.attributes.category_id
            ? String(p.attributes.category_id)
            : null;
      return {
        id: p.id,
        name: str(p.attributes.name),
        active: p.attributes.active !== 'no',
        categoryId,
        categoryName: categoryId ? (categories.get(categoryId) ?? null) : null,
        parameters: [1, 2, 3].map((n) => str(p.attributes[`p${n}`])).filter(Boolean),
        variants: list.map((v) => toVariant(v, p.id)),
      };
    });
    this.unfinished = products.filter((p) => p.variants.every((v) => !v.sku && !v.barcode));
    return products;
  }

  async ensureCategory(name: string, parentId: string | null): Promise<string> {
    const found = await this.http.send<Doc>('GET', `/categories?filter[name]=${encodeURIComponent(name)}`);
    const list = Array.isArray(found.data.data) ? found.data.data : [found.data.data];
    if (list.length && list[0]) return list[0].id;
    return this.createOnce('categories', { name }, parentId ? { parent: rel('categories', parentId) } : {}, () =>
      this.ensureCategoryLookup(name),
    );
  }

  private async ensureCategoryLookup(name: string): Promise<string | null> {
    const found = await this.http.send<Doc>('GET', `/categories?filter[name]=${encodeURIComponent(name)}`);
    const list = found.data.data as Resource[];
    return list[0]?.id ?? null;
  }

  async createProduct(p: NewStoreProduct): Promise<{ productId: string }> {
    // An interrupted earlier run created this product but none of its variants: finish that one.
    const left = this.unfinished.findIndex(
      (u) => u.name === p.name && u.parameters.join('\u0000') === p.parameters.join('\u0000'),
    );
    if (left >= 0) return { productId: this.unfinished.splice(left, 1)[0].id };
    const relationships: Record<string, unknown> = { category: rel('categories', p.categoryId) };
    for (const [i, name] of p.parameters.entries())
      relationships[`parameter${i + 1}`] = rel('variant-parameters', await this.parameter(name));
    const attributes = {
      name: p.name,
      description: p.description,
      active: yes(p.active),
      featured: p.featured ? 1 : 0,
      new: yes(p.isNew),
      tracking: yes(p.tracking),
      continue_selling: yes(p.continueSelling),
    };
    const id = await this.createOnce('products', attributes, relationships, async () => {
      const found = await this.http.send<Doc>('GET', `/products?filter[name]=${encodeURIComponent(p.name)}&sort=-id`);
      const list = found.data.data as Resource[];
      return list[0]?.id ?? null;
    });
    return { productId: id };
  }

  async createVariant(productId: string, parameters: string[], v: NewStoreVariant): Promise<{ variantId: string }> {
    const attributes = {
      sku: v.sku || null,
      barcode: v.barcode || null,
      price: v.price,
      quantity: v.quantity,
      ...(v.weightGrams !== null ? { weight: v.weightGrams } : {}),
    };
    if (parameters.length === 0) {
      // Q1: whether a new product already has a default variant is open. Creating one first costs
      // one request when it has not; when it has, CloudCart refuses a second all-NULL variant (422)
      // and we fill the existing one instead.
      try {
        const id = await this.createOnce('variants', attributes, { product: rel('products', productId) }, () =>
          this.findVariant(v),
        );
        return { variantId: id };
      } catch (err) {
        if (!(err instanceof AppError) || (err as AppError & { status?: number }).status !== 422) throw err;
      }
      const existing = await this.http.send<Doc>('GET', `/variants?filter[item_id]=${productId}`);
      const list = existing.data.data as Resource[];
      if (!list.length)
        throw new AppError('store_error', {
          bg: 'Магазинът отказа варианта на простия продукт.',
          en: "The store refused the simple product's variant.",
        });
      await this.http.send('PATCH', `/variants/${list[0].id}`, {
        data: { type: 'variants', id: list[0].id, attributes },
      });
      return { variantId: list[0].id };
    }
    const relationships: Record<string, unknown> = { product: rel('products', productId) };
    for (const [i, name] of parameters.entries())
      relationships[`option${i + 1}`] = rel('variant-options', await this.option(name, v.options[i]));
    const id = await this.createOnce('variants', attributes, relationships, () => this.findVariant(v));
    return { variantId: id };
  }

  private async findVariant(v: NewStoreVariant): Promise<string | null> {
    const filter = v.sku
      ? `filter[sku]=${encodeURIComponent(v.sku)}`
      : v.barcode
        ? `filter[barcode]=${encodeURIComponent(v.barcode)}`
        : null;
    if (!filter) return null;
    const found = await this.http.send<Doc>('GET', `/variants?${filter}`);
    return (found.data.data as Resource[])[0]?.id ?? null;
  }

  /**
   * A create is never blindly retried: when its answer is lost, we look for the object first and
   * send again only if it is not there.
   */
  private async createOnce(
    type: string,
    attributes: Record<string, unknown>,
    relationships: Record<string, unknown>,
    find: () => Promise<string | null>,
  ): Promise<string> {
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const res = await this.http.send<Doc>('POST', `/${type}`, { data: { type, attributes, relationships } });
        return (res.data.data as Resource).id;
      } catch (err) {
        if (!(err instanceof LostAnswerError)) throw err;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        const existing = await find();
        if (existing) return existing;
      }
    }
    throw new AppError('unavailable', {
      bg: 'Магазинът не потвърди създаването след няколко опита. Опитайте по-късно.',
      en: 'The store did not confirm the create after several tries. Try again later.',
    });
  }

  private async parameter(name: string): Promise<string> {
    const cached = this.parameterIds.get(name.toLowerCase());
    if (cached) return cached;
    let id: string | null = null;
    try {
      const found = await this.http.send<Doc>('GET', `/variant-parameters?filter[name]=${encodeURIComponent(name)}`);
      id = (found.data.data as Resource).id;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'store_error') throw err; // 404: not there yet
    }
    id ??= await this.createOnce('variant-parameters', { name, display_type: 'select' }, {}, async () => {
      const found = await this.http
        .send<Doc>('GET', `/variant-parameters?filter[name]=${encodeURIComponent(name)}`)
        .catch(() => null);
      return found ? (found.data.data as Resource).id : null;
    });
    this.parameterIds.set(name.toLowerCase(), id);
    return id;
  }

  private async option(parameterName: string, value: string): Promise<string> {
    const parameterId = await this.parameter(parameterName);
    const key = `${parameterId}/${value.trim().toLowerCase()}`;
    if (!this.optionIds.has(key)) {
      const { data } = await this.all(`/variant-options?filter[parameter_id]=${parameterId}`);
      for (const o of data) this.optionIds.set(`${parameterId}/${str(o.attributes.name).trim().toLowerCase()}`, o.id);
    }
    const cached = this.optionIds.get(key);
    if (cached) return cached;
    const id = await this.createOnce(
      'variant-options',
      { name: value },
      { parameter: rel('variant-parameters', parameterId) },
      async () => {
        const { data } = await this.all(`/variant-options?filter[parameter_id]=${parameterId}`);
        return data.find((o) => str(o.attributes.name).trim().toLowerCase() === value.trim().toLowerCase())?.id ?? null;
      },
    );
    this.optionIds.set(key, id);
    return id;
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

  /**
   * New orders: pages of the newest first until one at or below the watermark (the highest order id
   * imported). An idle poll costs one request. Orders are returned oldest first.
   */
  async ordersSince(watermark: string | null): Promise<{ orders: StoreOrder[]; watermark: string | null }> {
    const mark = watermark ? Number(watermark) : 0;
    const orders: StoreOrder[] = [];
    for (let page = 1; ; page++) {
      const res = await this.http.send<Doc>(
        'GET',
        `/orders?sort=-id&page[size]=100&page[number]=${page}&include=products,billing-address,shipping-address`,
      );
      const list = res.data.data as Resource[];
      let reached = false;
      for (const o of list) {
        if (Number(o.id) <= mark) {
          reached = true;
          break;
        }
        orders.push(toOrder(o, res.data.included ?? []));
      }
      if (reached || page >= (res.data.meta?.page?.['last-page'] ?? 1) || list.length === 0) break;
    }
    orders.sort((a, b) => Number(a.id) - Number(b.id));
    const top = orders.length ? orders[orders.length - 1].id : watermark;
    return { orders, watermark: top };
  }

  async order(id: string): Promise<StoreOrder | null> {
    try {
      const res = await this.http.send<Doc>('GET', `/orders/${id}?include=products,billing-address,shipping-address`);
      return toOrder(res.data.data as Resource, res.data.included ?? []);
    } catch (err) {
      if (err instanceof AppError && (err as AppError & { status?: number }).status === 404) return null;
      throw err;
    }
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

function toOrder(o: Resource, included: Resource[]): StoreOrder {
  const find = (name: string) => {
    const d = o.relationships?.[name]?.data;
    const refs = Array.isArray(d) ? d : d ? [d] : [];
    return refs
      .map((r) => included.find((i) => i.type === r.type && i.id === r.id))
      .filter((x): x is Resource => Boolean(x));
  };
  const address = find('billing-address')[0] ?? find('shipping-address')[0];
  const a = (k: string) => str(address?.attributes[k]);
  const first = str(o.attributes.customer_first_name) || a('first_name');
  const last = str(o.attributes.customer_last_name) || a('last_name');
  return {
    id: o.id,
    status: str(o.attributes.status),
    currency: str(o.attributes.currency),
    createdAt: str(o.attributes.date_added).replace(' ', 'T'),
    email: str(o.attributes.customer_email),
    customerName: `${first} ${last}`.trim(),
    phone: a('phone'),
    city: a('city_name'),
    address: [a('street_name'), a('street_number')].filter(Boolean).join(' ') || a('formatted'),
    usn: o.attributes.usn ? str(o.attributes.usn) : null,
    lines: find('products').map((l) => ({
      sku: str(l.attributes.sku),
      barcode: str(l.attributes.barcode),
      name: str(l.attributes.name),
      quantity: Number(l.attributes.quantity ?? 0),
      price: Number(l.attributes.order_price ?? l.attributes.price ?? 0),
      listPrice: Number(l.attributes.price ?? 0),
    })),
  };
}
