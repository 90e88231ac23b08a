/**
 * The Warehouse Pro data layer as the engine sees it: one class over any `SqlConn`, implementing the
 * sync's `WarehousePort` plus the checks, reference data and the lease. Which connection it gets
 * depends on the database kind (`open-warehouse.ts`).
 */
import type { DatabaseCheck, DatabaseReference } from '../../../shared/types/reference';
import type {
  OwnOrdersReserve,
  QuantityScope,
  WarehousePort,
  WpDocChange,
  WpDocRef,
  WpDocRow,
  WpGood,
  WpNewGood,
  WpOrder,
  WpOrderDocument,
  WpOrderResult,
  WpRemovedRow,
} from '../sync/ports';
import { createGoods, defaultVatGroup } from './goods-writer';
import { acquireLease, releaseLease, renewLease, type LeaseResult } from './lease';
import { docRows, otherStoresStamped, stampedOrders, writeOrder, type OrderWriteOptions } from './order-writer';
import { annulOrderDoc, reinstateOrderDoc, updateOrderDoc, type FollowupOptions } from './order-followup';
import { orderDocuments } from './order-documents';
import { AppError } from '../errors';
import { isRightsError, missingWriteRights, type RightsContext } from './db-rights';
import { ddl, LEASE_TABLE, NULL_CHECKED, REQUIRED } from './schema';
import type { SqlConn } from './sql-conn';
import { charsetOf, type Charset } from './text-fit';
import * as read from './warehouse-read';

export class WarehouseDb implements WarehousePort {
  private charset: Charset = 'unicode';
  /** table -> columns (lowercase), read once by `prepare()`. */
  private schemaColumns = new Map<string, Set<string>>();
  /** Who connects to what, for the rights check (set by `openWarehouse`). */
  identity: Omit<RightsContext, 'kind'> & { filePath?: string } = { user: '', database: '' };

  constructor(readonly conn: SqlConn) {}

  /** Reads what the writes must know (the text columns' character set) and makes our lease table. */
  async prepare(options: { reportRights?: boolean } = {}): Promise<void> {
    if (this.conn.dialect.kind === 'mysql') {
      const rows = await this.conn.query<{ c: string }>(
        "SELECT CHARACTER_SET_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'operations' AND COLUMN_NAME = 'Note'",
      );
      this.charset = charsetOf(rows[0]?.c);
    }
    this.schemaColumns = await this.columns();
    if (!this.hasLeaseTable()) {
      try {
        for (const sql of ddl(this.conn.dialect, 'utf8mb4', [LEASE_TABLE])) await this.conn.run(sql);
        this.schemaColumns.set('sklad_sync_lease', new Set(LEASE_TABLE.columns.map((c) => c[0].toLowerCase())));
      } catch (err) {
        // The database test reports the missing right with the others (`check()`); a run stops here.
        if (!options.reportRights || !isRightsError(err)) throw err;
      }
    }
  }

  private hasLeaseTable(): boolean {
    return this.schemaColumns.has('sklad_sync_lease') || this.schemaColumns.has('skladsynclease');
  }

  /** Every table and column the sync reads or writes that the database lacks ("operations.Note"). */
  missingSchema(columns = this.schemaColumns): string[] {
    const missing: string[] = [];
    for (const [table, cols] of Object.entries(REQUIRED)) {
      const have = columns.get(table);
      if (!have) missing.push(table);
      else for (const c of cols) if (!have.has(c.toLowerCase())) missing.push(`${table}.${c}`);
    }
    return missing;
  }

  /** A run needs the whole schema: otherwise it fails before reading or writing anything. */
  requireSchema(): void {
    const missing = this.missingSchema();
    if (missing.length === 0) return;
    const list = missing.join(', ');
    throw new AppError('database_error', {
      bg: `В базата данни липсва това, което програмата чете и записва: ${list}. Нищо не е прочетено или записано. Проверете, че това е базата на Склад Pro и че е обновена до текущата версия (таблица или колона е преименувана или изтрита).`,
      en: `The database lacks what the program reads and writes: ${list}. Nothing was read or written. Check that this is the Warehouse Pro database and that it is upgraded to the current version (a table or column was renamed or dropped).`,
    });
  }

  get textCharset(): Charset {
    return this.charset;
  }

  vatIncluded(): Promise<boolean> {
    return read.vatIncluded(this.conn);
  }

  goodsForExport(groupCodes: string[], priceColumn: number): Promise<WpGood[]> {
    return read.goodsForExport(this.conn, groupCodes, priceColumn);
  }

  availability(goodIds: number[], scope: QuantityScope, ownOrders?: OwnOrdersReserve) {
    return read.availability(this.conn, goodIds, scope, ownOrders);
  }

  findGoods(field: 'barcode1' | 'barcode2', values: string[]) {
    return read.findGoods(this.conn, field, values);
  }

  goodLabels(ids: number[]) {
    return read.goodLabels(this.conn, ids);
  }

  writeOrder(order: WpOrder, options: Partial<OrderWriteOptions> = {}): Promise<WpOrderResult> {
    return writeOrder(this.conn, order, { charset: this.charset, ...options });
  }

  orderRows(doc: WpDocRef): Promise<WpDocRow[]> {
    return docRows(this.conn, doc.acct, doc.objectId);
  }

  annulOrder(doc: WpDocRef, written: WpDocRow[], options: FollowupOptions = {}): Promise<WpDocChange> {
    return annulOrderDoc(this.conn, doc, written, options);
  }

  updateOrder(doc: WpDocRef, written: WpDocRow[], order: WpOrder, options: FollowupOptions = {}): Promise<WpDocChange> {
    return updateOrderDoc(this.conn, doc, written, order, options);
  }

  /** Undoes an annulment with the rows it removed (kept in the state database). */
  reinstateOrder(doc: WpDocRef, removed: WpRemovedRow[]): Promise<WpDocChange> {
    return reinstateOrderDoc(this.conn, doc, removed);
  }

  orderDocuments(notes: string[]): Promise<WpOrderDocument[]> {
    return orderDocuments(this.conn, notes);
  }

  goodsMeasures(ids: number[]): Promise<Map<number, string>> {
    return read.goodsMeasures(this.conn, ids);
  }

  missingOrderTarget(objectId: number, operatorId: number): Promise<('object' | 'operator')[]> {
    return read.missingOrderTarget(this.conn, objectId, operatorId);
  }

  stampedOrders(notes: string[]): Promise<Map<string, number[]>> {
    return stampedOrders(this.conn, notes);
  }

  otherStoresStamped(ownPrefix: string): Promise<boolean> {
    return otherStoresStamped(this.conn, ownPrefix);
  }

  createGoods(
    groups: { path: string[] }[],
    goods: (WpNewGood & { groupPath: string[] })[],
    options: { underGroup?: string } = {},
  ): Promise<number[]> {
    return createGoods(this.conn, groups, goods, this.charset, options.underGroup ?? '');
  }

  async newGoodsPricing(): Promise<{ vatIncluded: boolean; vatRate: number }> {
    return { vatIncluded: await read.vatIncluded(this.conn), vatRate: (await defaultVatGroup(this.conn)).rate };
  }

  reference(): Promise<DatabaseReference> {
    return read.reference(this.conn);
  }

  acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    isDead?: (holder: string) => boolean,
  ): Promise<LeaseResult> {
    return acquireLease(this.conn, name, holder, ttlMs, isDead);
  }

  renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return renewLease(this.conn, name, holder, ttlMs);
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return releaseLease(this.conn, name, holder);
  }

  /**
   * The schema check: every table and column the sync needs and what is missing, the VAT mode of
   * the prices, the write rights the user lacks, and columns we write that hold NULLs.
   */
  async check(): Promise<Omit<DatabaseCheck, 'ok' | 'message'>> {
    const columns = await this.columns();
    const missing = this.missingSchema(columns);
    let goodsCount: number | null = null;
    if (!missing.includes('goods')) {
      goodsCount = Number(
        (await this.conn.query<{ n: number }>('SELECT COUNT(*) AS n FROM goods WHERE ID > 1 AND Deleted <> -1'))[0]
          ?.n ?? 0,
      );
    }
    const vat = missing.includes('configuration') ? null : await read.vatMode(this.conn);
    const rights = await missingWriteRights(
      this.conn,
      { kind: this.conn.dialect.kind, ...this.identity },
      this.hasLeaseTable(),
    );
    return {
      serverVersion: await this.version(),
      missing,
      goodsCount,
      canWrite: rights.length === 0,
      vatIncluded: vat?.included ?? null,
      vatDefaulted: vat?.defaulted ?? false,
      missingRights: rights.map((r) => `${r.right} ${r.table ?? this.identity.database}`),
      rightsFix: null,
      nullColumns: await this.nullColumns(columns),
    };
  }

  /** Columns we write as Warehouse Pro does (never NULL) that hold NULL in some rows: "partners.Company2 (3)". */
  async nullColumns(columns?: Map<string, Set<string>>): Promise<string[]> {
    const have = columns ?? (await this.columns());
    const out: string[] = [];
    for (const [table, cols] of Object.entries(NULL_CHECKED)) {
      const present = cols.filter((c) => have.get(table)?.has(c.toLowerCase()));
      if (present.length === 0) continue;
      const q = this.conn.dialect.quote;
      const sums = present.map((c, i) => `SUM(CASE WHEN ${q(c)} IS NULL THEN 1 ELSE 0 END) AS n${i}`).join(', ');
      const row = (await this.conn.query<Record<string, number | null>>(`SELECT ${sums} FROM ${table}`))[0] ?? {};
      present.forEach((c, i) => {
        const n = Number(row[`n${i}`] ?? 0);
        if (n > 0) out.push(`${table}.${c} (${n})`);
      });
    }
    return out;
  }

  close(): Promise<void> {
    return this.conn.close();
  }

  private async version(): Promise<string | null> {
    const kind = this.conn.dialect.kind;
    if (kind === 'sqlite')
      return `SQLite ${(await this.conn.query<{ v: string }>('SELECT sqlite_version() AS v'))[0].v}`;
    if (kind === 'mysql') return String((await this.conn.query<{ v: string }>('SELECT VERSION() AS v'))[0].v);
    return String((await this.conn.query<{ v: string }>('SELECT @@VERSION AS v'))[0].v).split('\n')[0];
  }

  /** table (lowercase) -> its columns (lowercase). */
  private async columns(): Promise<Map<string, Set<string>>> {
    const kind = this.conn.dialect.kind;
    const rows =
      kind === 'sqlite'
        ? await this.conn.query<{ t: string; c: string }>(
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
          )
        : await this.conn.query<{ t: string; c: string }>(
            kind === 'mysql'
              ? 'SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()'
              : 'SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM INFORMATION_SCHEMA.COLUMNS',
          );
    const out = new Map<string, Set<string>>();
    for (const r of rows) {
      const t = String(r.t).toLowerCase();
      if (!out.has(t)) out.set(t, new Set());
      out.get(t)!.add(String(r.c).toLowerCase());
    }
    return out;
  }
}
