/**
 * The good -> store variant mapping with the last values sent (delta sync), categories, the
 * product fields last sent, and product creations under way / confirmed matches: tables
 * `variant_map`, `category_map`, `product_state` (migrations 2, 3) and keys of `watermarks`.
 */
import type { StateDb } from '../../state/state-db';
import type { StoreSnapshotInfo } from '../../../../shared/types/mapping';
import type { Watermarks } from './watermarks';

const now = () => new Date().toISOString();
const PENDING = 'pending.product:';
const DECISION = 'match.decision:';
const KEEP_OUT = 'mapping.keepOut:';
const SNAPSHOT = 'mapping.storeSnapshot';

export interface PendingProduct {
  name: string;
  parameters: string[];
  at: string;
}

/** What the mapping view keeps of a catalog read: ids, keys and names, no prices. */
export interface StoreSnapshot extends StoreSnapshotInfo {
  products: { id: string; name: string; variants: { id: string; sku: string; barcode: string; options: string[] }[] }[];
}

export type MatchDecision = { decision: 'link'; productId: string } | { decision: 'create' };

/** A product's own fields as the export last sent (or found) them. */
export interface ProductFields {
  name: string;
  description: string;
  categoryId: string | null;
  tracking: boolean;
  continueSelling: boolean;
}

export interface VariantLink {
  goodId: number;
  productId: string;
  variantId: string;
  matchKey: string;
  lastPrice: number | null;
  lastQuantity: number | null;
  lastActive: boolean | null;
}

export class MappingStore {
  constructor(
    private readonly db: StateDb,
    private readonly watermarks: Watermarks,
  ) {}

  links(serverId: string): Map<number, VariantLink> {
    const rows = this.db
      .prepare(
        'SELECT good_id AS goodId, product_id AS productId, variant_id AS variantId, match_key AS matchKey, last_price AS lastPrice, last_quantity AS lastQuantity, last_active AS lastActive FROM variant_map WHERE server_id = ?',
      )
      .all(serverId) as (Omit<VariantLink, 'lastActive'> & { lastActive: number | null })[];
    return new Map(
      rows.map((r) => [r.goodId, { ...r, lastActive: r.lastActive === null ? null : r.lastActive === 1 }]),
    );
  }

  saveLink(serverId: string, link: VariantLink): void {
    this.db
      .prepare(
        `INSERT INTO variant_map (server_id, good_id, product_id, variant_id, match_key, last_price, last_quantity, last_active, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (server_id, good_id) DO UPDATE SET product_id = excluded.product_id, variant_id = excluded.variant_id,
           match_key = excluded.match_key, last_price = excluded.last_price, last_quantity = excluded.last_quantity,
           last_active = excluded.last_active, sent_at = excluded.sent_at`,
      )
      .run(
        serverId,
        link.goodId,
        link.productId,
        link.variantId,
        link.matchKey,
        link.lastPrice,
        link.lastQuantity,
        link.lastActive === null ? null : link.lastActive ? 1 : 0,
        now(),
      );
  }

  /** Forgets every link and category of a server (its store was replaced, as the demo's may be). */
  forgetServerLinks(serverId: string): void {
    this.db.prepare('DELETE FROM variant_map WHERE server_id = ?').run(serverId);
    this.db.prepare('DELETE FROM product_state WHERE server_id = ?').run(serverId);
    this.db.prepare('DELETE FROM category_map WHERE server_id = ?').run(serverId);
    this.db.prepare('DELETE FROM watermarks WHERE server_id = ?').run(serverId);
  }

  deleteLink(serverId: string, goodId: number): void {
    this.db.prepare('DELETE FROM variant_map WHERE server_id = ? AND good_id = ?').run(serverId, goodId);
  }

  categories(serverId: string): Map<string, string> {
    const rows = this.db
      .prepare('SELECT group_code AS code, category_id AS id FROM category_map WHERE server_id = ?')
      .all(serverId) as { code: string; id: string }[];
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  saveCategory(serverId: string, groupCode: string, categoryId: string): void {
    this.db
      .prepare(
        'INSERT INTO category_map (server_id, group_code, category_id) VALUES (?, ?, ?) ON CONFLICT (server_id, group_code) DO UPDATE SET category_id = excluded.category_id',
      )
      .run(serverId, groupCode, categoryId);
  }

  productFields(serverId: string): Map<string, ProductFields> {
    const rows = this.db
      .prepare('SELECT product_id AS id, fields FROM product_state WHERE server_id = ?')
      .all(serverId) as { id: string; fields: string }[];
    return new Map(rows.map((r) => [r.id, JSON.parse(r.fields) as ProductFields]));
  }

  saveProductFields(serverId: string, productId: string, fields: ProductFields): void {
    this.db
      .prepare(
        'INSERT INTO product_state (server_id, product_id, fields) VALUES (?, ?, ?) ON CONFLICT (server_id, product_id) DO UPDATE SET fields = excluded.fields',
      )
      .run(serverId, productId, JSON.stringify(fields));
  }

  // Kept as per-server keys of the watermarks table, so no migration is needed; forgetting a
  // server's links forgets them too.

  /** Noted before `POST /products`: a product found later by this name was made by this program. */
  notePendingProduct(serverId: string, productKey: string, product: PendingProduct): void {
    this.watermarks.setWatermark(serverId, `${PENDING}${productKey}`, JSON.stringify(product));
  }

  pendingProduct(serverId: string, productKey: string): PendingProduct | null {
    const raw = this.watermarks.watermark(serverId, `${PENDING}${productKey}`);
    return raw ? (JSON.parse(raw) as PendingProduct) : null;
  }

  clearPendingProduct(serverId: string, productKey: string): void {
    this.watermarks.forget(serverId, `${PENDING}${productKey}`);
  }

  /** What the user decided about a possible match: take that store product over, or create a new one. */
  matchDecision(serverId: string, productKey: string): MatchDecision | null {
    const raw = this.watermarks.watermark(serverId, `${DECISION}${productKey}`);
    return raw ? (JSON.parse(raw) as MatchDecision) : null;
  }

  saveMatchDecision(serverId: string, productKey: string, decision: MatchDecision): void {
    this.watermarks.setWatermark(serverId, `${DECISION}${productKey}`, JSON.stringify(decision));
  }

  // --- the mapping view: goods kept out by hand, the newest store catalog read ------------
  // Per-server keys of the watermarks table like the ones above: no migration, and forgetting a
  // server's links forgets them too.

  /** Unlinked by hand: the export neither matches nor creates the good until it is linked or released. */
  keepOut(serverId: string, goodId: number): void {
    this.watermarks.setWatermark(serverId, `${KEEP_OUT}${goodId}`, now());
  }

  release(serverId: string, goodId: number): void {
    this.watermarks.forget(serverId, `${KEEP_OUT}${goodId}`);
  }

  keptOut(serverId: string): Set<number> {
    const rows = this.db
      .prepare('SELECT name FROM watermarks WHERE server_id = ? AND name LIKE ?')
      .all(serverId, `${KEEP_OUT}%`) as { name: string }[];
    return new Set(rows.map((r) => Number(r.name.slice(KEEP_OUT.length))));
  }

  /** The store's catalog as a run or the mapping view last read it, so the view costs no requests. */
  saveStoreSnapshot(serverId: string, snapshot: StoreSnapshot): void {
    this.watermarks.setWatermark(serverId, SNAPSHOT, JSON.stringify(snapshot));
  }

  storeSnapshot(serverId: string): StoreSnapshot | null {
    const raw = this.watermarks.watermark(serverId, SNAPSHOT);
    return raw ? (JSON.parse(raw) as StoreSnapshot) : null;
  }
}
