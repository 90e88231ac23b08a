/**
 * The sandbox's in-memory store: plain tables of rows keyed by numeric id, the way CloudCart keeps
 * them in its database. Rows hold raw columns (`item_id`, `category_id`, `p1_id` ...); the JSON:API
 * shape (string ids, relationships, computed `p1`/`v1` labels) is built only when answering.
 */

export type ResourceType =
  | 'products'
  | 'variants'
  | 'variant-parameters'
  | 'variant-options'
  | 'categories'
  | 'orders'
  | 'order-products'
  | 'order-billing-address'
  | 'order-shipping-address';

export const RESOURCE_TYPES: ResourceType[] = [
  'products',
  'variants',
  'variant-parameters',
  'variant-options',
  'categories',
  'orders',
  'order-products',
  'order-billing-address',
  'order-shipping-address',
];

export type Row = { id: number } & Record<string, unknown>;

export interface PlaceOrderLine {
  sku?: string;
  barcode?: string;
  variantId?: string | number;
  quantity: number;
  /** Per unit after order-level discounts, minor units; defaults to the variant's price. */
  orderPrice?: number;
}

export interface PlaceOrderInput {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string;
  city?: string;
  street?: string;
  currency?: string;
  lines: PlaceOrderLine[];
}

export function sqlDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export class SandboxState {
  readonly tables = {} as Record<ResourceType, Map<number, Row>>;
  private seq = {} as Record<ResourceType, number>;

  constructor() {
    this.reset();
  }

  reset(): void {
    for (const t of RESOURCE_TYPES) {
      this.tables[t] = new Map();
      this.seq[t] = 0;
    }
  }

  /** Adds a row with the next id; tests may call it directly to seed large catalogs fast. */
  insert(type: ResourceType, columns: Record<string, unknown>, id?: number): Row {
    const rowId = id ?? ++this.seq[type];
    if (rowId > this.seq[type]) this.seq[type] = rowId;
    const row: Row = { ...columns, id: rowId };
    this.tables[type].set(rowId, row);
    return row;
  }

  get(type: ResourceType, id: number): Row | undefined {
    return this.tables[type].get(id);
  }

  /** A product with the CloudCart POST defaults filled in. */
  addProduct(columns: { name: string; category_id?: number | null } & Record<string, unknown>): Row {
    const now = sqlDate();
    return this.insert('products', {
      description: '',
      active: 'yes',
      draft: 'no',
      new: 'no',
      sale: 'no',
      featured: 0,
      tracking: 'no',
      continue_selling: 'no',
      shipping: 'no',
      digital: 'no',
      category_id: null,
      p1_id: null,
      p2_id: null,
      p3_id: null,
      date_added: now,
      date_modified: now,
      ...columns,
    });
  }

  addVariant(
    columns: { item_id: number } & Partial<Record<'sku' | 'barcode' | 'price' | 'quantity' | 'weight', unknown>> &
      Record<string, unknown>,
  ): Row {
    return this.insert('variants', {
      sku: null,
      barcode: null,
      price: 0,
      quantity: 0,
      weight: null,
      delivery_price: 0,
      minimum: 1,
      v1_id: null,
      v2_id: null,
      v3_id: null,
      ...columns,
    });
  }

  addCategory(name: string, parentId: number | null = null): Row {
    const now = sqlDate();
    return this.insert('categories', { name, parent_id: parentId, created_at: now, updated_at: now, order: 0 });
  }

  variantsOf(productId: number): Row[] {
    const out: Row[] = [];
    for (const v of this.tables.variants.values()) if (v.item_id === productId) out.push(v);
    return out;
  }

  optionName(id: unknown): string | null {
    if (id == null) return null;
    const o = this.tables['variant-options'].get(Number(id));
    return o ? String(o.name) : null;
  }

  parameterName(id: unknown): string | null {
    if (id == null) return null;
    const p = this.tables['variant-parameters'].get(Number(id));
    return p ? String(p.name) : null;
  }

  /** Places an order as a shopper would: copies the catalog data, takes the stock, status pending. */
  placeOrder(input: PlaceOrderInput): Row {
    if (!input.lines?.length) throw new Error('An order needs at least one line.');
    const resolved = input.lines.map((l) => {
      let v: Row | undefined;
      if (l.variantId != null) v = this.tables.variants.get(Number(l.variantId));
      else if (l.sku) v = [...this.tables.variants.values()].find((x) => x.sku === l.sku);
      else if (l.barcode) v = [...this.tables.variants.values()].find((x) => x.barcode === l.barcode);
      if (!v) throw new Error(`No variant for order line ${JSON.stringify(l)}.`);
      if (!(l.quantity > 0)) throw new Error('Order line quantity must be positive.');
      return { line: l, v };
    });
    const now = sqlDate();
    let total = 0;
    const order = this.insert('orders', {
      status: 'pending',
      status_id: 1,
      status_fulfillment: 'not_fulfilled',
      currency: input.currency ?? 'EUR',
      price_total: 0,
      price_subtotal: 0,
      customer_email: input.email,
      customer_first_name: input.firstName,
      customer_last_name: input.lastName,
      usn: null,
      invoice_number: null,
      date_added: now,
      updated_at: now,
      date_archived: null,
    });
    for (const { line, v } of resolved) {
      const product = this.tables.products.get(Number(v.item_id));
      const price = Number(v.price);
      const orderPrice = line.orderPrice ?? price;
      total += Math.round(orderPrice * line.quantity);
      v.quantity = Math.round((Number(v.quantity) - line.quantity) * 1000) / 1000;
      this.insert('order-products', {
        order_id: order.id,
        product_id: v.item_id,
        variant_id: v.id,
        name: product ? String(product.name) : '',
        sku: v.sku ?? '',
        barcode: v.barcode ?? '',
        quantity: line.quantity,
        weight: v.weight ?? null,
        price,
        order_price: orderPrice,
        p1: this.parameterName(product?.p1_id),
        p2: this.parameterName(product?.p2_id),
        p3: this.parameterName(product?.p3_id),
        v1: this.optionName(v.v1_id),
        v2: this.optionName(v.v2_id),
        v3: this.optionName(v.v3_id),
      });
    }
    order.price_total = total;
    order.price_subtotal = total;
    const address = {
      order_id: order.id,
      first_name: input.firstName,
      last_name: input.lastName,
      phone: input.phone ?? '',
      country_iso2: 'BG',
      country_name: 'Bulgaria',
      city_name: input.city ?? '',
      street_name: input.street ?? '',
      street_number: '',
      post_code: '',
      formatted: [input.street, input.city].filter(Boolean).join(', '),
    };
    this.insert('order-billing-address', address, order.id);
    this.insert('order-shipping-address', address, order.id);
    return order;
  }

  snapshot(): {
    counts: Record<ResourceType, number>;
    products: Row[];
    variants: Row[];
    orders: Row[];
    orderProducts: Row[];
  } {
    const counts = {} as Record<ResourceType, number>;
    for (const t of RESOURCE_TYPES) counts[t] = this.tables[t].size;
    return {
      counts,
      products: [...this.tables.products.values()].map((r) => ({ ...r })),
      variants: [...this.tables.variants.values()].map((r) => ({ ...r })),
      orders: [...this.tables.orders.values()].map((r) => ({ ...r })),
      orderProducts: [...this.tables['order-products'].values()].map((r) => ({ ...r })),
    };
  }
}
