/**
 * The one thing every Warehouse Pro driver provides: parameterised queries (`?` placeholders),
 * statements, and transactions, over one connection. The SQL itself is shared; what differs per
 * database kind is in its `Dialect`.
 */
export type SqlValue = string | number | null | Date;

export interface Dialect {
  kind: 'mysql' | 'sqlite' | 'mssql' | 'access';
  /** Quotes an identifier that is a reserved word (`Date`, `Key`). */
  quote(name: string): string;
}

export interface RunResult {
  affected: number;
  insertId: number;
}

export interface SqlConn {
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  run(sql: string, params?: SqlValue[]): Promise<RunResult>;
  /** Runs `fn` in one transaction: all of it is written, or nothing. */
  transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T>;
  /** Serialises order writes across connections and processes (a named lock). */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** A second connection with the same settings, to look at what a lost COMMIT did (where the driver can). */
  reopen?(): Promise<SqlConn>;
}

/**
 * The most parameters one statement may carry, per database: SQL Server takes 2,100 per request,
 * and `sp_executesql` (how mssql sends a parameterised query) uses 2 of them, so 2,098; SQLite's
 * default limit is 32,766 (999 before 3.32); MySQL's client-side placeholders have no limit of
 * their own (the packet size is the bound). Jet's statements are one row each, and its id lists
 * are kept to 255 values, the bound the generated-SQL check holds Access to: a safe side of Jet's
 * own limit, which only a real Access file can confirm (docs/warehouse-drivers.md).
 */
export const MAX_PARAMS: Record<Dialect['kind'], number> = { mssql: 2098, sqlite: 999, mysql: 10_000, access: 255 };

/** Rows of `columns` values that fit one statement of this dialect, at most `cap`. */
export function rowsPerStatement(dialect: Dialect, columns: number, cap = 500): number {
  return Math.max(1, Math.min(cap, Math.floor(MAX_PARAMS[dialect.kind] / Math.max(1, columns))));
}

/** Splits a large id list so no statement carries more than `size` parameters. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Inserts rows in as few statements as the database allows: many rows per INSERT where the SQL has
 * multi-row VALUES, sized so no statement passes the dialect's parameter limit (`MAX_PARAMS`), and
 * one statement per row on MS Access (Jet SQL has no multi-row VALUES).
 */
export async function insertRows(tx: SqlConn, head: string, rows: SqlValue[][], perStatement = 100): Promise<void> {
  if (rows.length === 0) return;
  if (tx.dialect.kind === 'access') {
    for (const row of rows) await tx.run(`${head} VALUES (${placeholders(row.length)})`, row);
    return;
  }
  for (const part of chunks(rows, rowsPerStatement(tx.dialect, rows[0].length, perStatement))) {
    await tx.run(`${head} VALUES ${part.map((r) => `(${placeholders(r.length)})`).join(', ')}`, part.flat());
  }
}
