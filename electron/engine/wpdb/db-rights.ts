/**
 * Database rights. A "safe" set-up gives the program a user that may read but not write; every
 * write then fails. This module names the missing right and what to grant, both when the database
 * test looks the rights up beforehand and when a statement is refused during a run (MySQL/MariaDB
 * errors 1142/1143/1044, SQL Server 229/230/262), so nobody is told "ER_TABLEACCESS_DENIED_ERROR.
 * Try again".
 */
import { accessSync, constants } from 'node:fs';
import { AppError } from '../errors';
import { ddl, LEASE_TABLE } from './schema';
import type { Dialect, SqlConn } from './sql-conn';

const mysqlDialect: Dialect = { kind: 'mysql', quote: (n) => `\`${n}\`` };
const mssqlDialect: Dialect = { kind: 'mssql', quote: (n) => `[${n}]` };

export interface MissingRight {
  right: string;
  /** Our lowercase table name, or null for a right on the whole database (CREATE). */
  table: string | null;
}

/** What the program writes: an order (operations, partners, nextacct), downloaded goods, and our lease. */
export const WRITTEN_TABLES = ['operations', 'partners', 'nextacct', 'goods', 'goodsgroups', 'store'];
export const LEASE_RIGHTS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

export interface RightsContext {
  kind: Dialect['kind'];
  user: string;
  database: string;
}

/** An error made by `missingRightsError` (the driver found a refused statement). */
export function isRightsError(err: unknown): boolean {
  return err instanceof AppError && (err as AppError & { rights?: boolean }).rights === true;
}

/** One message for the missing rights: which, on what, and the statement to run as an administrator. */
export function missingRightsError(missing: MissingRight[], c: RightsContext): AppError {
  const list = missing.map((m) => `${m.right} ${m.table ?? c.database}`).join(', ');
  const grant = grantStatement(missing, c);
  const err = new AppError('database_error', {
    bg: `Потребителят „${c.user}“ на базата данни няма нужните права: ${list}. Програмата записва поръчки, нови партньори и изтеглени стоки, затова трябва да може да записва. Нищо не е записано. Нека администраторът на базата изпълни: ${grant}`,
    en: `The database user "${c.user}" lacks the rights the program needs: ${list}. The program writes orders, new partners and downloaded goods, so it must be allowed to write. Nothing was written. Ask the database administrator to run: ${grant}`,
  });
  return Object.assign(err, { rights: true });
}

export function grantStatement(missing: MissingRight[], c: RightsContext): string {
  if (c.kind === 'sqlite' || c.kind === 'access')
    return 'give the Windows user of this program write access to the database file and its folder.';
  const isCreate = (m: MissingRight) => m.right.startsWith('CREATE');
  const createLease = missing.some(isCreate);
  const rights = (filter: (m: MissingRight) => boolean) => [...new Set(missing.filter(filter).map((m) => m.right))];
  const onDb = rights((m) => !isCreate(m) && m.table !== 'sklad_sync_lease');
  const onLease = createLease ? LEASE_RIGHTS : rights((m) => m.table === 'sklad_sync_lease');
  const out: string[] = [];
  if (c.kind === 'mysql') {
    const who = mysqlGrantee(c.user);
    const lease = `\`${c.database}\`.\`sklad_sync_lease\``;
    if (onDb.length) out.push(`GRANT ${onDb.join(', ')} ON \`${c.database}\`.* TO ${who};`);
    // Our lease table, made by the administrator: the user needs no right to create tables.
    if (createLease) out.push(ddl(mysqlDialect, 'utf8mb4', [LEASE_TABLE])[0].replace('sklad_sync_lease', lease) + ';');
    if (onLease.length) out.push(`GRANT ${onLease.join(', ')} ON ${lease} TO ${who};`);
  } else {
    if (onDb.length) out.push(`GRANT ${onDb.join(', ')} ON SCHEMA::dbo TO [${c.user}];`);
    if (createLease)
      out.push(
        ddl(mssqlDialect, 'utf8mb4', [LEASE_TABLE])[0].replace('sklad_sync_lease', 'dbo.sklad_sync_lease') + ';',
      );
    if (onLease.length) out.push(`GRANT ${onLease.join(', ')} ON dbo.sklad_sync_lease TO [${c.user}];`);
  }
  return out.join(' ');
}

/** "ro@%" (CURRENT_USER()) or a plain name -> 'ro'@'%'. */
function mysqlGrantee(user: string): string {
  const at = user.lastIndexOf('@');
  return at > 0 ? `'${user.slice(0, at)}'@'${user.slice(at + 1)}'` : `'${user}'@'%'`;
}

/**
 * A refused statement, as the missing right; null for any other error. MySQL 8 names the table
 * 'operations', MariaDB `db`.`operations`; SQL Server "The INSERT permission was denied on the
 * object 'Operations'" and "CREATE TABLE permission denied in database 'wp'".
 */
export function refusedRight(err: unknown): MissingRight | null {
  const e = err as { code?: string; errno?: number; number?: number; message?: string } | null;
  if (!e) return null;
  const text = String(e.message ?? '');
  if (e.code === 'ER_TABLEACCESS_DENIED_ERROR' || e.code === 'ER_COLUMNACCESS_DENIED_ERROR' || e.errno === 1142) {
    const m =
      /^(\w+) command denied to user .* for (?:column '[^']*' in )?table [`']?(?:[^`'.]+[`']?\.[`']?)?([^`']+)[`']?/i.exec(
        text,
      );
    return { right: (m?.[1] ?? 'INSERT').toUpperCase(), table: m ? m[2].toLowerCase() : null };
  }
  if (e.code === 'ER_DBACCESS_DENIED_ERROR') return { right: 'ALL', table: null };
  const mssql = e.number ?? (err as { originalError?: { number?: number } }).originalError?.number;
  if (mssql === 229 || mssql === 230) {
    const m = /The (\w+) permission was denied on the (?:column '[^']*' of the )?object '([^']+)'/i.exec(text);
    return {
      right: (m?.[1] ?? 'INSERT').toUpperCase(),
      table: m ? m[2].toLowerCase() : null,
    };
  }
  if (mssql === 262) {
    const m = /(CREATE \w+) permission denied/i.exec(text);
    return { right: (m?.[1] ?? 'CREATE TABLE').toUpperCase(), table: null };
  }
  return null;
}

/**
 * The rights the program will use, looked up without writing anything. `leaseTableExists` says
 * whether our table is there already (else the user must be allowed to create it).
 */
export async function missingWriteRights(
  conn: SqlConn,
  c: RightsContext & { filePath?: string },
  leaseTableExists: boolean,
): Promise<MissingRight[]> {
  if (c.kind === 'sqlite' || c.kind === 'access') {
    try {
      if (c.filePath) accessSync(c.filePath, constants.W_OK);
      return [];
    } catch {
      return [{ right: 'WRITE', table: null }];
    }
  }
  const missing: MissingRight[] = [];
  if (c.kind === 'mysql') {
    const have = await mysqlPrivileges(conn);
    const has = (right: string, table: string | null) =>
      have.global.has(right) || have.schema.has(right) || (table !== null && have.table.get(table)?.has(right));
    for (const t of WRITTEN_TABLES) if (!has('INSERT', t)) missing.push({ right: 'INSERT', table: t });
    if (leaseTableExists) {
      for (const r of LEASE_RIGHTS)
        if (!has(r, 'sklad_sync_lease')) missing.push({ right: r, table: 'sklad_sync_lease' });
    } else missing.push({ right: 'CREATE', table: null });
    return missing;
  }
  const perm = async (object: string | null, right: string) => {
    const rows = await conn.query<{ ok: number | null }>(
      object
        ? "SELECT HAS_PERMS_BY_NAME(?, 'OBJECT', ?) AS ok"
        : "SELECT HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', ?) AS ok",
      object ? [object, right] : [right],
    );
    return Number(rows[0]?.ok ?? 0) === 1;
  };
  for (const t of WRITTEN_TABLES) if (!(await perm(`dbo.${t}`, 'INSERT'))) missing.push({ right: 'INSERT', table: t });
  if (leaseTableExists) {
    for (const r of LEASE_RIGHTS)
      if (!(await perm('dbo.sklad_sync_lease', r))) missing.push({ right: r, table: 'sklad_sync_lease' });
  } else missing.push({ right: 'CREATE TABLE', table: null });
  return missing;
}

/**
 * The current user's privileges in this database as MySQL/MariaDB list them in information_schema
 * (global, on the schema, per table). Grants through a role that is not active do not show, which
 * errs on the side of "missing": the message then names a right the user may in fact have.
 */
async function mysqlPrivileges(conn: SqlConn) {
  const rows = await conn.query<{ lvl: string; t: string | null; p: string }>(
    `SELECT 'g' AS lvl, NULL AS t, PRIVILEGE_TYPE AS p FROM information_schema.USER_PRIVILEGES
       WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
     UNION ALL SELECT 's', NULL, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES
       WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
         AND DATABASE() LIKE TABLE_SCHEMA
     UNION ALL SELECT 't', TABLE_NAME, PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES
       WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
         AND TABLE_SCHEMA = DATABASE()`,
  );
  const out = { global: new Set<string>(), schema: new Set<string>(), table: new Map<string, Set<string>>() };
  for (const r of rows) {
    const p = String(r.p).toUpperCase();
    if (r.lvl === 'g') out.global.add(p);
    else if (r.lvl === 's') out.schema.add(p);
    else {
      const t = String(r.t).toLowerCase();
      if (!out.table.has(t)) out.table.set(t, new Set());
      out.table.get(t)!.add(p);
    }
  }
  return out;
}
