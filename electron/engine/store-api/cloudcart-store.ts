/**
 * CloudCart JSON-API v2 client, adapted to the engine's StorePort (docs/cloudcart-api.md 2-8).
 * Transport, pacing, retries and errors live in `http.ts`; this file maps resources to the port.
 */
import { AppError } from '../errors';
import type {
  NewStoreProduct,
  NewStoreVariant,
  StoreOrder,
  StoreOrderLine,
  StorePort,
  StoreProduct,
  StoreVariant,
} from '../sync/ports';
import { Transport } from './http';
import type { JsonApiDocument, JsonApiResource, RequestInfo } from './http';
import { minorFromApi, quantity3 } from './units';

export type { RequestInfo } from './http';

export interface CloudCartStoreOptions {
  /** `shop.example.bg` (https) or a full `http://127.0.0.1:PORT` (the sandbox). */
  domain: string;
  apiKey: string;
  onRequest?: (info: RequestInfo) => void;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
  storeName: string | null;
  rateLimit: number | null;
  code?: string;
}

const ORDER_INCLUDE = 'products,billing-address,shipping-address';
const yn = (b: boolean) => (b ? 'yes' : 'no');
const str = (v: unknown) => (v == null ? '' : String(v));
const q = encodeURIComponent;

function many(doc: JsonApiDocument | null): JsonApiResource[] {
  if (!doc?.data) return [];
  return Array.isArray(doc.data) ? doc.data : [doc.data];
}

function one(doc: JsonApiDocument | null): JsonApiResource | null {
  if (!doc?.data) return null;
  return Array.isArray(doc.data) ? (doc.data[0] ?? null) : doc.data;
}

function relIds(r: JsonApiResource, name: string): string[] {
  const d = r.relationships?.[name]?.data;
  if (!d) return [];
  return (Array.isArray(d) ? d : [d]).map((x) => String(x.id));
}

function toVariant(r: JsonApiResource): StoreVariant {
  const a = r.attributes;
  return {
    id: String(r.id),
    productId: str(a.item_id ?? relIds(r, 'product')[0]),
    sku: str(a.sku),
    barcode: str(a.barcode),
    price: minorFromApi(a.price),
    quantity: quantity3(a.quantity as number | string),
    options: [a.v1, a.v2, a.v3].filter((x) => x != null && x !== '').map(String),
  };
}

function noOptions(r: JsonApiResource): boolean {
  const a = r.attributes;
  return a.v1_id == null && a.v2_id == null && a.v3_id == null && relIds(r, 'option1').length === 0;
}

export class CloudCartStore implements StorePort {
  private readonly http: Transport;
  private readonly parameterIds = new Map<string, string>();
  /** parameter id -> lower-cased option name -> option id */
  private readonly optionIds = new Map<string, Map<string, string>>();

  constructor(opts: CloudCartStoreOptions) {
    this.http = new Transport(opts);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.http.close();
  }

  async testConnection(): Promise<ConnectionTest> {
    try {
      await this.http.get('/products?page[size]=1');
      const limit = this.http.rateLimit;
      return {
        ok: true,
        message: `Връзката с ${this.http.host} работи${limit != null ? ` (лимит ${limit} заявки в минута)` : ''}.`,
        storeName: null,
        rateLimit: limit,
      };
    } catch (e) {
      if (e instanceof AppError)
        return { ok: false, message: e.text.bg, storeName: null, rateLimit: null, code: e.code };
      throw e;
    }
  }

  /** Every page of a collection; `path` carries its own filters, the paging is added here. */
  private async allPages(path: string): Promise<{ data: JsonApiResource[]; included: JsonApiResource[] }> {
    const data: JsonApiResource[] = [];
    const included: JsonApiResource[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const doc = await this.http.get(`${path}${sep}page[size]=100&page[number]=${page}`);
      const rows = many(doc);
      data.push(...rows);
      included.push(...(doc?.included ?? []));
      const meta = doc?.meta?.page;
      const last = Number(meta?.['last-page'] ?? page);
      if (!rows.length || page >= last) break;
    }
    return { data, included };
  }

  // ---------------------------------------------------------------- catalog
  async catalog(): Promise<StoreProduct[]> {
    const categories = await this.allPages('/categories?sort=id');
    const catNames = new Map(categories.data.map((c) => [String(c.id), str(c.attributes.name)]));
    const { data, included } = await this.allPages('/products?sort=id&include=variants');
    const variants = new Map<string, JsonApiResource>();
    for (const r of included) if (r.type === 'variants') variants.set(String(r.id), r);
    const seen = new Set<string>();
    const out: StoreProduct[] = [];
    for (const p of data) {
      const id = String(p.id);
      if (seen.has(id)) continue; // Rows added during the read shift pages.
      seen.add(id);
      const a = p.attributes;
      const categoryId = a.category_id != null ? String(a.category_id) : (relIds(p, 'category')[0] ?? null);
      out.push({
        id,
        name: str(a.name),
        active: a.active === 'yes' || a.active === true || a.active === 1,
        categoryId,
        categoryName: categoryId ? (catNames.get(categoryId) ?? null) : null,
        parameters: [a.p1, a.p2, a.p3].filter((x) => x != null && x !== '').map(String),
        variants: relIds(p, 'variants')
          .map((vid) => variants.get(vid))
          .filter((v): v is JsonApiResource => !!v)
          .map(toVariant),
      });
    }
    return out;
  }

  async ensureCategory(name: string, parentId: string | null): Promise<string> {
    const found = many(await this.http.get(`/categories?filter[name]=${q(name)}&page[size]=100`));
    const same = found.find((c) => str(c.attributes.parent_id || '') === (parentId ?? ''));
    if (same) return String(same.id);
    const created = await this.http.send('POST', '/categories', {
      body: {
        data: {
          type: 'categories',
          attributes: { name },
          ...(parentId ? { relationships: { parent: { data: { type: 'categories', id: parentId } } } } : {}),
        },
      },
      recover: async () => {
        const again = many(await this.http.get(`/categories?filter[name]=${q(name)}&page[size]=100`));
        const hit = again.find((c) => str(c.attributes.parent_id || '') === (parentId ?? ''));
        return hit ? { data: hit } : null;
      },
    });
    return String(one(created)!.id);
  }

  // ---------------------------------------------------------------- parameters and options
  private async parameterId(name: string): Promise<string> {
    const cached = this.parameterIds.get(name);
    if (cached) return cached;
    const lookup = async () =>
      one(await this.http.get(`/variant-parameters?filter[name]=${q(name)}`, { allow404: true }));
    let found = await lookup();
    if (!found) {
      const doc = await this.http.send('POST', '/variant-parameters', {
        body: { data: { type: 'variant-parameters', attributes: { name, display_type: 'select', visible: 1 } } },
        recover: async () => {
          const r = await lookup();
          return r ? { data: r } : null;
        },
      });
      found = one(doc);
    }
    const id = String(found!.id);
    this.parameterIds.set(name, id);
    return id;
  }

  private async loadOptions(parameterId: string): Promise<Map<string, string>> {
    let map = this.optionIds.get(parameterId);
    if (map) return map;
    map = new Map();
    const { data } = await this.allPages(`/variant-options?filter[parameter_id]=${q(parameterId)}&sort=id`);
    for (const o of data) map.set(str(o.attributes.name).trim().toLowerCase(), String(o.id));
    this.optionIds.set(parameterId, map);
    return map;
  }

  private async optionId(parameterId: string, name: string): Promise<string> {
    const map = await this.loadOptions(parameterId);
    const key = name.trim().toLowerCase();
    const cached = map.get(key);
    if (cached) return cached;
    const find = async () => {
      const { data } = await this.allPages(`/variant-options?filter[parameter_id]=${q(parameterId)}&sort=id`);
      const hit = data.find((o) => str(o.attributes.name).trim().toLowerCase() === key);
      return hit ? { data: hit } : null;
    };
    const doc = await this.http.send('POST', '/variant-options', {
      body: {
        data: {
          type: 'variant-options',
          attributes: { name: name.trim() },
          relationships: { parameter: { data: { type: 'variant-parameters', id: parameterId } } },
        },
      },
      recover: find,
    });
    const id = String(one(doc)!.id);
    map.set(key, id);
    return id;
  }

  // ---------------------------------------------------------------- products and variants
  async createProduct(product: NewStoreProduct): Promise<{ productId: string }> {
    if (product.parameters.length > 3)
      throw new AppError('store_error', {
        bg: `Продуктът „${product.name}“ има повече от 3 параметъра; CloudCart позволява най-много 3.`,
        en: `The product "${product.name}" has more than 3 parameters; CloudCart allows at most 3.`,
      });
    const paramIds: string[] = [];
    for (const name of product.parameters) paramIds.push(await this.parameterId(name));
    const relationships: Record<string, unknown> = {
      category: { data: { type: 'categories', id: product.categoryId } },
    };
    paramIds.forEach((id, i) => (relationships[`parameter${i + 1}`] = { data: { type: 'variant-parameters', id } }));
    const doc = await this.http.send('POST', '/products', {
      body: {
        data: {
          type: 'products',
          attributes: {
            name: product.name,
            description: product.description,
            active: yn(product.active),
            featured: product.featured ? 1 : 0,
            new: yn(product.isNew),
            tracking: yn(product.tracking),
            continue_selling: yn(product.continueSelling),
          },
          relationships,
        },
      },
      recover: async () => {
        // Newest product of that name in that category with the same parameters: the lost write.
        const found = many(await this.http.get(`/products?filter[name]=${q(product.name)}&sort=-id&page[size]=20`));
        const hit = found.find(
          (p) =>
            str(p.attributes.category_id ?? relIds(p, 'category')[0]) === product.categoryId &&
            [p.attributes.p1_id, p.attributes.p2_id, p.attributes.p3_id]
              .filter((x) => x != null)
              .map(String)
              .join(',') === paramIds.join(','),
        );
        return hit ? { data: hit } : null;
      },
    });
    return { productId: String(one(doc)!.id) };
  }

  private variantAttributes(v: NewStoreVariant): Record<string, unknown> {
    return {
      sku: v.sku || null,
      barcode: v.barcode || null,
      price: Math.round(v.price),
      quantity: quantity3(v.quantity),
      ...(v.weightGrams != null ? { weight: Math.round(v.weightGrams) } : {}),
    };
  }

  async createVariant(
    productId: string,
    parameters: string[],
    variant: NewStoreVariant,
  ): Promise<{ variantId: string }> {
    const attributes = this.variantAttributes(variant);
    if (parameters.length === 0) {
      const existing = many(await this.http.get(`/variants?filter[item_id]=${q(productId)}&page[size]=100`));
      const def = existing.find(noOptions);
      if (def) {
        await this.patch('variants', String(def.id), attributes);
        return { variantId: String(def.id) };
      }
    }
    if (variant.options.length !== parameters.length)
      throw new AppError('store_error', {
        bg: `Вариантът ${variant.sku || variant.barcode} има ${variant.options.length} стойности, а продуктът ${parameters.length} параметъра.`,
        en: `The variant ${variant.sku || variant.barcode} has ${variant.options.length} values but the product has ${parameters.length} parameters.`,
      });
    const relationships: Record<string, unknown> = { product: { data: { type: 'products', id: productId } } };
    for (let i = 0; i < parameters.length; i++) {
      const pid = await this.parameterId(parameters[i]);
      const oid = await this.optionId(pid, variant.options[i]);
      relationships[`option${i + 1}`] = { data: { type: 'variant-options', id: oid } };
    }
    const wanted = variant.options.map((o) => o.trim().toLowerCase()).join('\u0000');
    const recover = async (): Promise<JsonApiDocument | null> => {
      const path = variant.sku
        ? `/variants?filter[sku]=${q(variant.sku)}`
        : variant.barcode
          ? `/variants?filter[barcode]=${q(variant.barcode)}&filter[item_id]=${q(productId)}`
          : `/variants?filter[item_id]=${q(productId)}`;
      const found = many(await this.http.get(`${path}&page[size]=100`));
      const hit = found.find(
        (r) =>
          str(r.attributes.item_id) === productId &&
          [r.attributes.v1, r.attributes.v2, r.attributes.v3]
            .filter((x) => x != null)
            .map((x) => String(x).trim().toLowerCase())
            .join('\u0000') === wanted,
      );
      return hit ? { data: hit } : null;
    };
    const doc = await this.http.send('POST', '/variants', {
      body: { data: { type: 'variants', attributes, relationships } },
      recover,
    });
    return { variantId: String(one(doc)!.id) };
  }

  private async patch(type: string, id: string, attributes: Record<string, unknown>): Promise<void> {
    await this.http.send('PATCH', `/${type}/${q(id)}`, { body: { data: { type, id, attributes } } });
  }

  async updateVariant(variantId: string, patch: { price?: number; quantity?: number }): Promise<void> {
    const attributes: Record<string, unknown> = {};
    if (patch.price !== undefined) attributes.price = Math.round(patch.price);
    if (patch.quantity !== undefined) attributes.quantity = quantity3(patch.quantity);
    if (!Object.keys(attributes).length) return;
    await this.patch('variants', variantId, attributes);
  }

  async setProductActive(productId: string, active: boolean): Promise<void> {
    await this.patch('products', productId, { active: yn(active) });
  }

  // ---------------------------------------------------------------- orders
  async ordersSince(watermark: string | null): Promise<{ orders: StoreOrder[]; watermark: string | null }> {
    const mark = watermark != null && watermark !== '' ? Number(watermark) : null;
    const found = new Map<number, StoreOrder>();
    let max = mark;
    for (let page = 1; ; page++) {
      const doc = await this.http.get(`/orders?sort=-id&page[size]=100&page[number]=${page}&include=${ORDER_INCLUDE}`);
      const rows = many(doc);
      const included = doc?.included ?? [];
      let reached = false;
      for (const r of rows) {
        const id = Number(r.id);
        if (max == null || id > max) max = id;
        if (mark != null && id <= mark) {
          reached = true;
          continue;
        }
        if (!found.has(id)) found.set(id, toOrder(r, included));
      }
      const last = Number(doc?.meta?.page?.['last-page'] ?? page);
      if (reached || !rows.length || page >= last) break;
    }
    const orders = [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o);
    return { orders, watermark: max == null ? null : String(max) };
  }

  async order(id: string): Promise<StoreOrder | null> {
    const doc = await this.http.get(`/orders/${q(id)}?include=${ORDER_INCLUDE}`, { allow404: true });
    const r = one(doc);
    return r ? toOrder(r, doc?.included ?? []) : null;
  }

  async setOrderUsn(orderId: string, usn: string): Promise<void> {
    await this.patch('orders', orderId, { usn });
  }
}

function toOrder(r: JsonApiResource, included: JsonApiResource[]): StoreOrder {
  const a = r.attributes;
  const byKey = new Map(included.map((x) => [`${x.type}/${x.id}`, x]));
  const pick = (rel: string, type: string) => {
    const id = relIds(r, rel)[0];
    return id ? byKey.get(`${type}/${id}`) : undefined;
  };
  const billing = pick('billing-address', 'order-billing-address')?.attributes ?? {};
  const shipping = pick('shipping-address', 'order-shipping-address')?.attributes ?? {};
  const addr = (x: Record<string, unknown>) =>
    [str(x.street_name), str(x.street_number)].filter(Boolean).join(' ') || str(x.formatted);
  const lineIds = relIds(r, 'products');
  const lines: StoreOrderLine[] = (
    lineIds.length
      ? lineIds.map((id) => byKey.get(`order-products/${id}`)).filter((x): x is JsonApiResource => !!x)
      : included.filter((x) => x.type === 'order-products' && String(x.attributes.order_id) === String(r.id))
  ).map((l) => {
    const la = l.attributes;
    const listPrice = minorFromApi(la.price);
    return {
      sku: str(la.sku),
      barcode: str(la.barcode),
      name: str(la.name),
      quantity: quantity3(la.quantity as number | string),
      price: la.order_price != null ? minorFromApi(la.order_price) : listPrice,
      listPrice,
    };
  });
  const name = [str(a.customer_first_name), str(a.customer_last_name)].filter(Boolean).join(' ');
  return {
    id: String(r.id),
    status: str(a.status),
    currency: str(a.currency),
    createdAt: str(a.date_added),
    email: str(a.customer_email),
    customerName: name || [str(billing.first_name), str(billing.last_name)].filter(Boolean).join(' '),
    phone: str(billing.phone) || str(shipping.phone),
    city: str(billing.city_name) || str(shipping.city_name),
    address: addr(billing) || addr(shipping),
    usn: a.usn == null || a.usn === '' ? null : String(a.usn),
    lines,
  };
}

/** Order total in minor units; CloudCart sources disagree on the name (`total` vs `price_total`). */
export function orderTotal(attributes: Record<string, unknown>): number {
  return minorFromApi(attributes.price_total ?? attributes.total);
}
