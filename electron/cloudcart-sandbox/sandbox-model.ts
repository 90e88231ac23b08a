/**
 * The sandbox's store: an in-memory CloudCart catalog and order book following the rules of
 * cloudcart-api.md (§7): at most 3 parameters and 500 variants per product, parameters and options
 * store-wide, minor-unit prices, grams, orders read-only except `usn` (once) and `status`.
 * Whether POST /products makes a default variant is a switch (sandbox-behaviour.ts).
 */
import { changeOrder, placeDraft, placeOrder, wallClock, type OrderChange, type OrderInput } from './sandbox-orders';

export type Attrs = Record<string, unknown>;

export { wallClock };
export type { OrderChange, OrderInput };

/** What an order takes from the store's settings (the sandbox's switches). */
export interface StoreFacts {
  timeZone: string;
  pricesIncludeVat: boolean;
  orderVatFlag: boolean;
}

const DEFAULT_STORE: StoreFacts = { timeZone: 'Europe/Sofia', pricesIncludeVat: true, orderVatFlag: true };

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
  'order-payment',
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

  /** A shopper places an order (see sandbox-orders.ts). */
  placeOrder(input: OrderInput, store: StoreFacts = DEFAULT_STORE): Row {
    return placeOrder(this, input, store);
  }

  /** The merchant turns a draft into an order ("Create order"): it keeps its number, stock goes down. */
  placeDraft(orderId: number, timeZone: string): Row {
    return placeDraft(this, orderId, timeZone);
  }

  /** The store changes an order (status, fulfilment, lines): see sandbox-orders.ts. */
  changeOrder(orderId: number, change: OrderChange, timeZone: string): Row {
    return changeOrder(this, orderId, change, timeZone);
  }
}
