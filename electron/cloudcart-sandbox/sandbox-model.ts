/**
 * The sandbox's store: an in-memory CloudCart catalog and order book following the rules of
 * cloudcart-api.md (§7): at most 3 parameters and 500 variants per product, parameters and options
 * store-wide, minor-unit prices, grams, orders read-only except `usn` (once) and `status`.
 * Whether POST /products makes a default variant is a switch (sandbox-behaviour.ts).
 */
export type Attrs = Record<string, unknown>;

/** What an order takes from the store's settings (the sandbox's switches). */
export interface StoreFacts {
  timeZone: string;
  pricesIncludeVat: boolean;
  orderVatFlag: boolean;
}

/** "Y-m-d H:i:s" of an instant on the wall clock of a zone. */
export function wallClock(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export interface Row {
  id: number;
  attributes: Attrs;
  /** relationship name -> [type, id] or a list of them */
  rel: Record<string, [string, number] | [string, number][] | null>;
}

export const TYPES = [
  'products',
  'variants',
  'variant-parameters',
  'variant-options',
  'categories',
  'orders',
  'order-products',
  'order-billing-address',
] as const;
export type ResourceType = (typeof TYPES)[number];

export class SandboxModel {
  readonly tables = new Map<ResourceType, Map<number, Row>>(TYPES.map((t) => [t, new Map()]));
  private nextId = new Map<ResourceType, number>();

  table(type: ResourceType): Map<number, Row> {
    return this.tables.get(type)!;
  }

  insert(type: ResourceType, attributes: Attrs, rel: Row['rel'] = {}): Row {
    const id = (this.nextId.get(type) ?? (type === 'orders' ? 1000 : 1)) + 0;
    this.nextId.set(type, id + 1);
    const row = { id, attributes: { ...attributes }, rel };
    this.table(type).set(id, row);
    return row;
  }

  variantsOf(productId: number): Row[] {
    return [...this.table('variants').values()].filter((v) => v.attributes.item_id === productId);
  }

  parameterIds(product: Row): number[] {
    return [1, 2, 3]
      .map((n) => product.rel[`parameter${n}`])
      .filter((r): r is [string, number] => Array.isArray(r) && typeof r[1] === 'number')
      .map((r) => r[1]);
  }

  /** Refreshes the derived labels (p1..p3 on products, v1..v3 on variants). */
  label(row: Row, type: ResourceType): void {
    if (type === 'products') {
      this.parameterIds(row).forEach(
        (pid, i) => (row.attributes[`p${i + 1}`] = this.table('variant-parameters').get(pid)?.attributes.name ?? null),
      );
    }
    if (type === 'variants') {
      for (const n of [1, 2, 3]) {
        const r = row.rel[`option${n}`] as [string, number] | null | undefined;
        const opt = r ? this.table('variant-options').get(r[1]) : undefined;
        row.attributes[`v${n}`] = opt ? opt.attributes.name : null;
        row.attributes[`v${n}_id`] = opt ? opt.id : null;
      }
    }
  }

  /** Everything, for the sandbox's state file. */
  toJSON(): unknown {
    return {
      tables: Object.fromEntries([...this.tables].map(([t, rows]) => [t, [...rows.values()]])),
      nextId: Object.fromEntries(this.nextId),
    };
  }

  static fromJSON(json: { tables: Record<string, Row[]>; nextId: Record<string, number> }): SandboxModel {
    const model = new SandboxModel();
    for (const [t, rows] of Object.entries(json.tables))
      for (const row of rows) model.table(t as ResourceType)?.set(row.id, row);
    for (const [t, n] of Object.entries(json.nextId)) model.nextId.set(t as ResourceType, n);
    return model;
  }

  snapshot() {
    const dump = (t: ResourceType): (Attrs & { id: number })[] =>
      [...this.table(t).values()].map((r) => ({ id: r.id, ...r.attributes }));
    return {
      products: dump('products'),
      variants: dump('variants'),
      categories: dump('categories'),
      parameters: dump('variant-parameters'),
      options: dump('variant-options'),
      orders: dump('orders'),
    };
  }

  /**
   * A shopper places an order: prices and codes are copied from the variants, stock goes down.
   * Times are the store's wall clock (no zone, as CloudCart writes `date_added`); `vat_included`
   * tells whether the line prices carry VAT, unless the store leaves it out. With `draft`, the
   * merchant makes an admin draft instead (`is_draft = 1`, order-state-machine.md): no stock is
   * taken until it is placed (`placeDraft`).
   */
  placeOrder(
    input: {
      draft?: boolean;
      email: string;
      firstName?: string;
      lastName?: string;
      phone?: string;
      city?: string;
      lines: { sku?: string; barcode?: string; variantId?: number; quantity: number }[];
    },
    store: StoreFacts = { timeZone: 'Europe/Sofia', pricesIncludeVat: true, orderVatFlag: true },
  ): Row {
    const now = wallClock(new Date(), store.timeZone);
    const lines = input.lines.map((l) => {
      const v = [...this.table('variants').values()].find(
        (x) =>
          (l.variantId && x.id === l.variantId) ||
          (l.sku && x.attributes.sku === l.sku) ||
          (l.barcode && x.attributes.barcode === l.barcode),
      );
      if (!v) throw new Error(`no variant for ${JSON.stringify(l)}`);
      if (!input.draft) v.attributes.quantity = Number(v.attributes.quantity ?? 0) - l.quantity;
      const product = this.table('products').get(Number(v.attributes.item_id));
      return { v, product, quantity: l.quantity };
    });
    const total = lines.reduce((s, l) => s + Number(l.v.attributes.price) * l.quantity, 0);
    const order = this.insert('orders', {
      status: 'pending',
      status_fulfillment: 'not_fulfilled',
      currency: 'EUR',
      total,
      customer_email: input.email,
      customer_first_name: input.firstName ?? '',
      customer_last_name: input.lastName ?? '',
      usn: null,
      invoice_number: null,
      date_added: now,
      updated_at: now,
      is_draft: input.draft ? 1 : 0,
      ...(store.orderVatFlag ? { vat_included: store.pricesIncludeVat ? 'yes' : 'no' } : {}),
    });
    const address = this.insert('order-billing-address', {
      first_name: input.firstName ?? '',
      last_name: input.lastName ?? '',
      phone: input.phone ?? '',
      city_name: input.city ?? '',
      street_name: '',
      street_number: '',
    });
    order.rel['billing-address'] = ['order-billing-address', address.id];
    order.rel.products = lines.map((l) => {
      const line = this.insert('order-products', {
        order_id: order.id,
        product_id: l.product?.id ?? null,
        variant_id: l.v.id,
        name: String(l.product?.attributes.name ?? ''),
        sku: l.v.attributes.sku ?? null,
        barcode: l.v.attributes.barcode ?? null,
        quantity: l.quantity,
        price: l.v.attributes.price,
        order_price: l.v.attributes.price,
        v1: l.v.attributes.v1 ?? null,
        v2: l.v.attributes.v2 ?? null,
        v3: l.v.attributes.v3 ?? null,
      });
      return ['order-products', line.id] as [string, number];
    });
    return order;
  }

  /** The merchant turns a draft into an order ("Create order"): it keeps its number, stock goes down. */
  placeDraft(orderId: number, timeZone: string): Row {
    const order = this.table('orders').get(orderId);
    if (!order || order.attributes.is_draft !== 1) throw new Error(`no draft order ${orderId}`);
    const lines = (order.rel.products as [string, number][] | undefined) ?? [];
    for (const [, lineId] of lines) {
      const line = this.table('order-products').get(lineId);
      const v = line ? this.table('variants').get(Number(line.attributes.variant_id)) : undefined;
      if (v && line) v.attributes.quantity = Number(v.attributes.quantity ?? 0) - Number(line.attributes.quantity);
    }
    order.attributes.is_draft = 0;
    order.attributes.updated_at = wallClock(new Date(), timeZone);
    return order;
  }
}
