/**
 * What the sync tasks need from the two systems, in the engine's own words. The Warehouse Pro
 * data layer (`wpdb/warehouse-db.ts`) and the CloudCart client (`cloudcart-client/cloudcart-store.ts`)
 * implement these directly, and `open-session.ts` hands one of each to a run (`tasks/session.ts`),
 * so the task logic reads as the product rules and can be followed without knowing SQL dialects
 * or JSON:API.
 */

// ---------------------------------------------------------------- Warehouse Pro
export interface WpGood {
  id: number;
  code: string;
  barcode1: string;
  barcode2: string;
  catalogs: [string, string, string];
  name: string;
  /** goods.Name2: Warehouse Pro's second name; a shared one names the product of several goods. */
  name2: string;
  description: string;
  measure: string;
  /** The chosen price column, in the database's currency. */
  price: number;
  vatRate: number;
  groupCode: string;
  groupName: string;
}

export interface QuantityScope {
  /** Object group codes whose objects' stock counts; empty means the operations object. */
  objectGroupCodes: string[];
  operationsObjectId: number;
}

export interface WpOrderLine {
  goodId: number;
  quantity: number;
  /** Per unit, in the database's currency, after discounts; with VAT unless the order says otherwise. */
  price: number;
  discountPercent: number;
  vatRate: number;
}

export interface WpOrder {
  storeOrderId: string;
  objectId: number;
  operatorId: number;
  partner:
    | { mode: 'fixed'; partnerId: number }
    | {
        mode: 'by-email';
        email: string;
        name: string;
        phone: string;
        city: string;
        address: string;
        /** partners.GroupID of a new partner: 1 (the default group) unless the settings choose one. */
        groupId?: number;
      };
  date: Date;
  /** The stamp (order-stamp.ts): `CloudCart <domain> #<id>`; the writer finds an order already written by it. */
  note: string;
  /** Old-form stamps (`CloudCart #<id>`) that count as this order's document, decided by the import. */
  alsoStampedAs?: string[];
  /** False when the store's line prices exclude VAT: the writer adds each good's VAT rate. */
  pricesIncludeVat?: boolean;
  lines: WpOrderLine[];
}

export interface WpOrderResult {
  acct: number;
  /** False when the order was already in the database (stamp found): nothing was written. */
  created: boolean;
  /** Texts the database's character set could not hold, replaced visibly. */
  replacedText: string[];
  /** The document's rows right after the write (or as found): what the follow-up later compares. */
  rows: WpDocRow[];
}

/** One row of an order document, as far as the follow-up compares it (B3, issue 15). */
export interface WpDocRow {
  id: number;
  goodId: number;
  qtty: number;
  priceOut: number;
  discount: number;
  partnerId: number;
}

/**
 * A row an annulment removed, whole (every column the writer fills, in its order; dates as local
 * wall clocks), so the annulment can be undone (`reinstateOrderDoc`).
 */
export type WpRemovedRow = (string | number | null | { date: string })[];

/** Which order document: its number and object (the number is per object when configkey48 says so). */
export interface WpDocRef {
  acct: number;
  objectId: number;
}

/**
 * What an annulment or update found: done; the document has no rows any more (`gone`); or it no
 * longer holds exactly the rows we wrote (`edited`, someone changed it in Warehouse Pro), and
 * nothing was changed.
 */
export type WpDocChange =
  | { outcome: 'done'; rows: WpDocRow[]; removed?: WpRemovedRow[] }
  | { outcome: 'gone' }
  | { outcome: 'edited'; rows: WpDocRow[] };

/** Which of Warehouse Pro's own client orders (OperType 19 not written by us) reserve stock. */
export interface OwnOrdersReserve {
  mode: 'all' | 'recent' | 'none';
  /** With `recent`: documents dated within this many days. */
  days: number;
  /** Our imported documents: never counted as Warehouse Pro's own (their reservation is ours to tell). */
  ours: WpDocRef[];
}

/** A client-order document found by its stamp, with its totals in the database's currency. */
export interface WpOrderDocument {
  /** The stamp (`operations.Note`) it carries. */
  note: string;
  acct: number;
  objectId: number;
  /** YYYY-MM-DD. */
  date: string;
  lines: number;
  quantity: number;
  totalWithVat: number;
  totalWithoutVat: number;
}

export interface WpNewGood {
  code: string;
  barcode1: string;
  barcode2: string;
  catalogs: [string, string, string];
  name: string;
  measure: string;
  price: number;
  priceColumn: number;
  vatRate: number;
  groupCode: string;
}

export interface WarehousePort {
  vatIncluded(): Promise<boolean>;
  goodsForExport(groupCodes: string[], priceColumn: number): Promise<WpGood[]>;
  availability(
    goodIds: number[],
    scope: QuantityScope,
    ownOrders?: OwnOrdersReserve,
  ): Promise<Map<number, { onHand: number; reserved: number }>>;
  /** Good ids per value of BarCode1 (`barcode`) or BarCode2 (`sku`), all of them, so duplicates show. */
  findGoods(field: 'barcode1' | 'barcode2', values: string[]): Promise<Map<string, number[]>>;
  /** Code and name of goods by id, for messages that must name goods as the shop knows them. */
  goodLabels(ids: number[]): Promise<Map<number, { code: string; name: string }>>;
  writeOrder(order: WpOrder): Promise<WpOrderResult>;
  /** The document's rows now (empty when it has none). */
  orderRows(doc: WpDocRef): Promise<WpDocRow[]>;
  /** Removes the document's rows in one transaction, only while it holds exactly `written`. */
  annulOrder(doc: WpDocRef, written: WpDocRow[]): Promise<WpDocChange>;
  /** Gives the document the order's new lines in one transaction, only while it holds exactly `written`. */
  updateOrder(doc: WpDocRef, written: WpDocRow[], order: WpOrder): Promise<WpDocChange>;
  /** The client-order documents stamped with any of `notes` (reconciliation). */
  orderDocuments(notes: string[]): Promise<WpOrderDocument[]>;
  /** goods.Measure1 of these goods (the unit: 'бр.', 'кг', ...). */
  goodsMeasures(ids: number[]): Promise<Map<number, string>>;
  /** Which of the order document's operations object and operator are missing (or deleted). */
  missingOrderTarget(objectId: number, operatorId: number): Promise<('object' | 'operator')[]>;
  /** Which of these order stamps are in the database, with their document numbers. */
  stampedOrders(notes: string[]): Promise<Map<string, number[]>>;
  /** Whether stamps of a store other than the one whose stamps begin with `ownPrefix` are there. */
  otherStoresStamped(ownPrefix: string): Promise<boolean>;
  /**
   * Creates goods groups (by name path, under the group `underGroup` when given) and goods; returns
   * the new ids in input order.
   */
  createGoods(
    groups: { path: string[] }[],
    goods: (WpNewGood & { groupPath: string[] })[],
    options?: { underGroup?: string },
  ): Promise<number[]>;
  /** How new goods' prices are kept: VAT included or not (configkey20), and the VAT rate of the group they get. */
  newGoodsPricing(): Promise<{ vatIncluded: boolean; vatRate: number }>;
}

// ---------------------------------------------------------------- CloudCart
export interface StoreVariant {
  id: string;
  productId: string;
  sku: string;
  barcode: string;
  /** Minor units. */
  price: number;
  quantity: number;
  options: string[];
}

export interface StoreProduct {
  id: string;
  name: string;
  active: boolean;
  categoryId: string | null;
  categoryName: string | null;
  parameters: string[];
  variants: StoreVariant[];
}

export interface StoreOrderLine {
  sku: string;
  barcode: string;
  name: string;
  quantity: number;
  /** Per unit after order-level discounts, minor units. */
  price: number;
  /** Before discounts, minor units. */
  listPrice: number;
}

export interface StoreOrder {
  id: string;
  status: string;
  currency: string;
  /** `date_added` as the store wrote it: a wall clock in the store's time zone, no offset. */
  createdAt: string;
  /** The order's own `vat_included` (line prices with VAT or without); null when the store does not send it. */
  vatIncluded: boolean | null;
  email: string;
  customerName: string;
  phone: string;
  city: string;
  address: string;
  usn: string | null;
  /** `status_fulfillment`: not_fulfilled / partial / fulfilled (api-orders-attributes.md). */
  fulfillment: string;
  /** `updated_at`: the store's wall clock of the order's last change. */
  updatedAt: string;
  /** The payment's provider (`cod` for cash on delivery, `stripe`, ...); '' when the store sends none. */
  paymentProvider: string;
  lines: StoreOrderLine[];
}

export interface ProductPatch {
  name?: string;
  description?: string;
  categoryId?: string;
  tracking?: boolean;
  continueSelling?: boolean;
}

export interface NewStoreProduct {
  name: string;
  description: string;
  categoryId: string;
  active: boolean;
  featured: boolean;
  isNew: boolean;
  tracking: boolean;
  continueSelling: boolean;
  /** The product is delivered (CloudCart `shipping`), as opposed to a service or a download. */
  needsShipping: boolean;
  parameters: string[];
}

export interface NewStoreVariant {
  sku: string;
  barcode: string;
  price: number;
  quantity: number;
  weightGrams: number | null;
  options: string[];
}

export interface StorePort {
  /** Every product with its variants (pages of 100). */
  catalog(): Promise<StoreProduct[]>;
  /** One product with its variants as the store holds it now (one request); null when it is gone. */
  product(id: string): Promise<StoreProduct | null>;
  ensureCategory(name: string, parentId: string | null): Promise<string>;
  createProduct(product: NewStoreProduct): Promise<{ productId: string }>;
  /** Creates a variant (for a simple product: fills its default variant). */
  createVariant(productId: string, parameters: string[], variant: NewStoreVariant): Promise<{ variantId: string }>;
  updateVariant(variantId: string, patch: { price?: number; quantity?: number }): Promise<void>;
  setProductActive(productId: string, active: boolean): Promise<void>;
  /** Changes a product's own fields (only those given). */
  updateProduct(productId: string, patch: ProductPatch): Promise<void>;
  /** Orders newer than the watermark (placed from a store day `YYYY-MM-DD` when given), oldest first, and the new watermark. */
  ordersSince(
    watermark: string | null,
    placedFrom?: string,
  ): Promise<{ orders: StoreOrder[]; watermark: string | null }>;
  /** Orders changed since a mark (`updated_at`), and the new mark: late status changes. */
  ordersChangedSince(mark: string | null): Promise<{ orders: StoreOrder[]; mark: string | null }>;
  order(id: string): Promise<StoreOrder | null>;
  /**
   * Orders changed at or after `since` (`updated_at`), newest change first, at most `maxPages`
   * pages; `complete` is false when the pages ended before reaching `since` (or without `since`).
   */
  ordersToFollow(
    since: string | null,
    maxPages: number,
  ): Promise<{ orders: StoreOrder[]; newest: string | null; complete: boolean }>;
  /** Orders placed on the store's days [from, to] (YYYY-MM-DD), drafts left out, oldest first (reconciliation). */
  ordersPlacedBetween(from: string, to: string): Promise<StoreOrder[]>;
  setOrderUsn(orderId: string, usn: string): Promise<void>;
}
