/**
 * The Warehouse Pro data layer as the engine sees it: one class over any `SqlConn`, implementing the
 * sync's `WarehousePort` plus the checks, reference data and the lease. Which connection it gets
 * depends on the database kind (`open-warehouse.ts`).
 */
import type { DatabaseCheck, DatabaseReference } from '../../../shared/types/reference';
import type { QuantityScope, WarehousePort, WpGood, WpNewGood, WpOrder, WpOrderResult } from '../sync/ports';
import { createGoods } from './goods-writer';
import { acquireLease, releaseLease, renewLease, type LeaseResult } from './lease';
import { writeOrder, type OrderWriteOptions } from './order-writer';
import { ddl, LEASE_TABLE, REQUIRED } from './schema';
import type { SqlConn } from './sql-conn';
import { charsetOf, type Charset } from './text-fit';
import * as read from './warehouse-read';

export class WarehouseDb implements WarehousePort {
  private charset: Charset = 'unicode';

  constructor(readonly conn: SqlConn) {}

  /** Reads what the writes must know (the text columns' character set) and makes our lease table. */
  async prepare(): Promise<void> {
    if (this.conn.dialect.kind === 'mysql') {
      const rows = await this.conn.query<{ c: string }>(
        "SELECT CHARACTER_SET_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'operations' AND COLUMN_NAME = 'Note'",
      );
      this.charset = charsetOf(rows[0]?.c);
    }
    const tables = await this.tables();
    if (!tables.has('sklad_sync_lease') && !tables.has('skladsynclease')) {
      for (const sql of ddl(this.conn.dialect, 'utf8mb4', [LEASE_TABLE])) await this.conn.run(sql);
    }
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

  availability(goodIds: number[], scope: QuantityScope) {
    return read.availability(this.conn, goodIds, scope);
  }

  findGoods(field: 'barcode1' | 'barcode2', values: string[]) {
    return read.findGoods(this.conn, field, values);
  }

  writeOrder(order: WpOrder, options: Partial<OrderWriteOptions> = {}): Promise<WpOrderResult> {
    return writeOrder(this.conn, order, { charset: this.charset, ...options });
  }

  createGoods(groups: { path: string[] }[], goods: (WpNewGood & { groupPath: string[] })[]): Promise<number[]> {
    return createGoods(this.conn, groups, goods, this.charset);
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

  /** The schema check: every table and column the sync needs, and what is missing. */
  async check(): Promise<Omit<DatabaseCheck, 'ok' | 'message'>> {
    const columns = await this.columns();
    const missing: string[] = [];
    for (const [table, cols] of Object.entries(REQUIRED)) {
      const have = columns.get(table);
      if (!have) missing.push(table);
      else for (const c of cols) if (!have.has(c.toLowerCase())) missing.push(`${table}.${c}`);
    }
    let goodsCount: number | null = null;
    if (!missing.includes('goods')) {
      goodsCount = Number(
        (await this.conn.query<{ n: number }>('SELECT COUNT(*) AS n FROM goods WHERE ID > 1 AND Deleted <> -1'))[0]
          ?.n ?? 0,
      );
    }
    return { serverVersion: await this.version(), missing, goodsCount, canWrite: true };
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

  private async tables(): Promise<Set<string>> {
    return new Set([...(await this.columns()).keys()]);
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
