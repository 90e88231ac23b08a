/**
 * MS Access: the file is read with mdb-reader (pure JS, Jet database password supported) into an
 * in-memory SQLite copy, and the shared Warehouse Pro reads run on that copy unchanged. Writes
 * (order documents, downloaded goods) go through the Windows helper (`access-host/`: PowerShell
 * and the Jet/ACE OLE DB provider) straight into the file; where there is no helper (not Windows,
 * or neither provider opens) they are declined up front with a clear message, and the export
 * still works.
 *
 * The copy is taken when a run opens the database, so an export sees the file as it was then.
 * The lease is not in the copy (that would guard nothing across computers) but in a file beside
 * the database (`file-lock.ts`), as Jet has no named locks: two PCs sharing the .mdb see it.
 */
import { readFileSync } from 'node:fs';
import type { DatabaseCheck } from '../../../shared/types/reference';
import { AppError } from '../errors';
import type { WpNewGood, WpOrder, WpOrderResult } from '../sync/ports';
import { FileLease } from './file-lock';
import { createGoods } from './goods-writer';
import { writeOrder, type OrderWriteOptions } from './order-writer';
import { chunks, placeholders, type SqlConn, type SqlValue } from './sql-conn';
import { SqliteConn } from './sqlite-conn';
import { WarehouseDb } from './warehouse-db';

export const ACCESS_WRITE_REASON = {
  bg: 'Базата MS Access се чете, но тук не може да се записва: записът на поръчки и стоки изисква доставчика Jet/ACE под Windows. Експортът към магазина работи.',
  en: 'The MS Access database is read, but it cannot be written here: writing orders and goods needs the Jet/ACE provider on Windows. The export to the store works.',
};

export const ACCESS_WRONG_PASSWORD = {
  bg: 'Грешна парола за файла на MS Access. Въведете паролата на базата.',
  en: 'Wrong password for the MS Access file. Enter the database password.',
};

/** SQLite affinity for an mdb-reader column type. */
function affinity(type: string): string {
  if (['byte', 'integer', 'long', 'bigint', 'boolean', 'complence'].includes(type)) return 'INTEGER';
  if (['float', 'double', 'numeric', 'money', 'currency'].includes(type)) return 'REAL';
  if (['ole', 'binary'].includes(type)) return 'BLOB';
  return 'TEXT';
}

/** A value as Warehouse Pro's own SQL would see it: Jet's "yes" is -1, dates as ISO text. */
function toSql(value: unknown): SqlValue | Buffer {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? -1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 19);
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value;
  return String(value);
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Copies every table of an Access file into a new in-memory SQLite database. */
export async function loadAccessCopy(filePath: string, password: string | null): Promise<SqliteConn> {
  const { default: MDBReader } = await import('mdb-reader');
  const reader = new MDBReader(readFileSync(filePath), { password: password ?? undefined });
  const conn = new SqliteConn(':memory:');
  try {
    for (const name of reader.getTableNames()) {
      const table = reader.getTable(name);
      const columns = table.getColumns();
      if (columns.length === 0) continue;
      await conn.run(
        `CREATE TABLE ${quoteId(name.toLowerCase())} (${columns.map((c) => `${quoteId(c.name)} ${affinity(c.type)}`).join(', ')})`,
      );
      const rows = table.getData();
      // SQLite takes up to 999 parameters per statement.
      for (const part of chunks(rows, Math.max(1, Math.floor(900 / columns.length)))) {
        const values = part.flatMap((row) => columns.map((c) => toSql((row as Record<string, unknown>)[c.name])));
        await conn.run(
          `INSERT INTO ${quoteId(name.toLowerCase())} VALUES ${part.map(() => `(${placeholders(columns.length)})`).join(', ')}`,
          values as SqlValue[],
        );
      }
    }
    return conn;
  } catch (err) {
    await conn.close();
    throw err;
  }
}

/**
 * The Warehouse Pro layer over an Access file: reads from the in-memory copy, writes through the
 * Windows helper when there is one (else declined up front), and the lease in a file beside the
 * database, as Jet has no named locks.
 */
export class AccessSnapshotDb extends WarehouseDb {
  private readonly lease: FileLease;

  constructor(
    copy: SqlConn,
    databaseFile: string,
    /** The Windows helper; or why there is none (not Windows, or the provider would not open). */
    private readonly writer: SqlConn | AppError = new AppError('unavailable', ACCESS_WRITE_REASON),
  ) {
    super(copy);
    this.lease = new FileLease(databaseFile);
  }

  override async check(): Promise<Omit<DatabaseCheck, 'ok' | 'message'>> {
    const check = await super.check();
    return {
      ...check,
      serverVersion: 'MS Access (mdb-reader)',
      canWrite: check.canWrite && !(this.writer instanceof AppError),
    };
  }

  override async writeOrder(order: WpOrder, options: Partial<OrderWriteOptions> = {}): Promise<WpOrderResult> {
    if (this.writer instanceof AppError) throw this.writer;
    // Jet stores text as Unicode: nothing needs replacing.
    return writeOrder(this.writer, order, { charset: 'unicode', ...options });
  }

  override async createGoods(
    groups: { path: string[] }[],
    goods: (WpNewGood & { groupPath: string[] })[],
    options: { underGroup?: string } = {},
  ): Promise<number[]> {
    if (this.writer instanceof AppError) throw this.writer;
    return createGoods(this.writer, groups, goods, 'unicode', options.underGroup ?? '');
  }

  override acquireLease(name: string, holder: string, ttlMs: number, isDead: (h: string) => boolean = () => false) {
    return this.lease.acquire(name, holder, ttlMs, isDead);
  }

  override renewLease(name: string, holder: string, ttlMs: number) {
    return this.lease.renew(name, holder, ttlMs);
  }

  override releaseLease(name: string, holder: string) {
    return this.lease.release(name, holder);
  }

  override async close(): Promise<void> {
    await super.close();
    if (!(this.writer instanceof AppError)) await this.writer.close();
  }
}
