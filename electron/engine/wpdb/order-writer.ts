/**
 * Writes a store order as a client order ("Поръчка", OperType 19, Sign 0, `store` untouched) in one
 * transaction, exactly once (B3): under a database-wide named lock, the transaction first looks
 * for an operation already stamped with the store order's id (in `Note`) and returns it instead of
 * writing again. The number is MAX(Acct)+1 for the type (per object when configkey48 says so),
 * reserved in `nextacct` as "OR<n>" inside the same transaction, so a failure leaves no row and no
 * reserved number.
 */
import { AppError } from '../errors';
import { CommitUnknownError } from './db-limits';
import type { WpOrder, WpOrderResult } from '../sync/ports';
import { chunks, insertRows, placeholders, rowsPerStatement, type SqlConn, type SqlValue } from './sql-conn';
import { fitText, type Charset } from './text-fit';
import { insertPartner, partnerIdByEmail } from './partner-writer';
import { configValue, vatIncluded } from './warehouse-read';

export const ORDER_OPER_TYPE = 19;
export const ORDER_PREFIX = 'OR';
const LOCK = 'sklad_sync_order_write';

export interface OrderWriteOptions {
  charset: Charset;
  /** Test hook: called after the first line is written, to prove a failure leaves nothing behind. */
  afterFirstLine?: () => Promise<void>;
  /** Pause before retry n (1-based) after a deadlock or lock wait timeout; tests may shorten it. */
  retryDelayMs?: (attempt: number) => number;
}

/** Attempts of one order's transaction when the database reports a deadlock or a lock wait timeout. */
export const LOCK_ATTEMPTS = 3;

/**
 * A deadlock (MySQL/MariaDB 1213, SQL Server 1205) or a lock wait timeout (MySQL/MariaDB 1205,
 * SQL Server 1222): another program (Warehouse Pro itself, a report) held rows the order write
 * needs. The database has rolled the transaction (or the statement) back; the caller rolls back the
 * rest. Such a failure says nothing about the order, so the whole transaction is worth another try.
 */
export function isLockConflict(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; number?: number; originalError?: { number?: number } } | null;
  if (!e) return false;
  if (e.code === 'ER_LOCK_DEADLOCK' || e.code === 'ER_LOCK_WAIT_TIMEOUT') return true;
  if ((e as { reservationClash?: boolean }).reservationClash === true) return true;
  const mssql = e.number ?? e.originalError?.number;
  return mssql === 1205 || mssql === 1222;
}

/** The document number of the order stamped with any of these notes (its own and the forms that count as it). */
export async function findStamped(db: SqlConn, note: string | string[]): Promise<number | null> {
  const notes = [...new Set(Array.isArray(note) ? note : [note])];
  const rows = await db.query<{ acct: number }>(
    `SELECT Acct AS acct FROM operations WHERE OperType = ? AND Note IN (${placeholders(notes.length)}) AND PartnerID <> 0 AND PartnerID IS NOT NULL`,
    [ORDER_OPER_TYPE, ...notes],
  );
  return rows.length ? Number(rows[0].acct) : null;
}

/** Which of these stamps are in the database, with their document numbers (all of them, so a clash shows). */
export async function stampedOrders(db: SqlConn, notes: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const part of chunks([...new Set(notes)], rowsPerStatement(db.dialect, 1, 500))) {
    const rows = await db.query<{ note: string; acct: number }>(
      `SELECT DISTINCT Note AS note, Acct AS acct FROM operations WHERE OperType = ? AND Note IN (${placeholders(part.length)}) AND PartnerID <> 0 AND PartnerID IS NOT NULL`,
      [ORDER_OPER_TYPE, ...part],
    );
    for (const r of rows) {
      const key = String(r.note).trim();
      const list = out.get(key) ?? [];
      if (!list.includes(Number(r.acct))) list.push(Number(r.acct));
      out.set(key, list);
    }
  }
  return out;
}

/**
 * Whether another store's new-form stamps are in the database (`CloudCart <other domain> #n`): then
 * more than one store writes into it, and an old-form stamp cannot be taken as this store's.
 */
export async function otherStoresStamped(db: SqlConn, ownPrefix: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM operations WHERE OperType = ? AND Note LIKE 'CloudCart %' AND Note NOT LIKE 'CloudCart #%' AND Note NOT LIKE ?",
    [ORDER_OPER_TYPE, `${ownPrefix}%`],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Writes the order, retrying the whole transaction a few times after a deadlock or lock wait
 * timeout. Retrying is safe because the write is exactly-once by the `Note` stamp: each attempt
 * first looks for the stamp inside its own transaction, and a rolled-back attempt leaves no line,
 * no partner and no reserved number behind. When the lock does not go away, the run stops with a
 * message that says what happened and what to do; the next run writes the order.
 */
export async function writeOrder(db: SqlConn, order: WpOrder, options: OrderWriteOptions): Promise<WpOrderResult> {
  const delay = options.retryDelayMs ?? ((attempt: number) => 250 * attempt + Math.floor(Math.random() * 250));
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeOrderOnce(db, order, options);
    } catch (err) {
      if (err instanceof CommitUnknownError) throw await afterLostCommit(db, order.note, stampsOf(order), err);
      if (!isLockConflict(err)) throw err;
      if (attempt >= LOCK_ATTEMPTS) throw lockedError(order.note, LOCK_ATTEMPTS);
      await new Promise((resolve) => setTimeout(resolve, delay(attempt)));
    }
  }
}

/**
 * The connection went while COMMIT was on its way: the order may be written or not. A new
 * connection looks for its stamp and the message says which; when even that fails, it says the
 * outcome is unknown and that the next run checks the stamp before writing. Either way the run
 * stops: the connection it had is gone.
 */
async function afterLostCommit(
  db: SqlConn,
  note: string,
  stamps: string[],
  lost: CommitUnknownError,
): Promise<AppError> {
  let acct: number | null | undefined;
  if (db.reopen) {
    const fresh = await db.reopen().catch(() => null);
    if (fresh) {
      acct = await findStamped(fresh, stamps).catch(() => undefined);
      await fresh.close().catch(() => undefined);
    }
  }
  const where = lost.where;
  const fatal = <T extends AppError>(e: T) => Object.assign(e, { fatal: true });
  if (acct === undefined)
    return fatal(
      new AppError('database_error', {
        bg: `Връзката със сървъра на базата данни ${where} прекъсна точно при потвърждаването на поръчката „${note}“: не е известно дали е записана. Следващото изпълнение търси отметката „${note}“ в базата и записва поръчката само ако я няма. Проверете мрежата и дали сървърът работи.`,
        en: `The connection to the database server ${where} was lost right at the COMMIT of the order "${note}": whether it was written is unknown. The next run looks for the stamp "${note}" in the database and writes the order only if it is not there. Check the network and that the server is running.`,
      }),
    );
  if (acct === null)
    return fatal(
      new AppError('database_error', {
        bg: `Връзката със сървъра на базата данни ${where} прекъсна при потвърждаването на поръчката „${note}“. Нова връзка провери: поръчката не е записана и нищо не е записано наполовина. Следващото изпълнение я записва. Проверете мрежата и дали сървърът работи.`,
        en: `The connection to the database server ${where} was lost at the COMMIT of the order "${note}". A new connection checked: the order was not written, and nothing is half-written. The next run writes it. Check the network and that the server is running.`,
      }),
    );
  return fatal(
    new AppError('database_error', {
      bg: `Връзката със сървъра на базата данни ${where} прекъсна веднага след записа на поръчката „${note}“. Нова връзка провери: поръчката е записана (поръчка № ${acct}). Изпълнението спря; следващото продължава с останалите поръчки. Проверете мрежата и дали сървърът работи.`,
      en: `The connection to the database server ${where} was lost right after the order "${note}" was committed. A new connection checked: the order is written (order no. ${acct}). The run stopped; the next run goes on with the remaining orders. Check the network and that the server is running.`,
    }),
  );
}

/** The order's own stamp and the old forms the import says count as it (order-stamp.ts). */
function stampsOf(order: WpOrder): string[] {
  return [order.note, ...(order.alsoStampedAs ?? [])];
}

function lockedError(note: string, attempts: number): AppError {
  return new AppError('database_error', {
    bg: `Поръчката „${note}“ не беше записана: друга програма държи заключени документите в базата данни (изчакване на заключване или взаимно блокиране, ${attempts} опита). Нищо не е записано наполовина. Завършете или затворете операцията в Warehouse Pro или другата програма; следващото изпълнение ще запише поръчката.`,
    en: `The order "${note}" was not written: another program keeps the documents in the database locked (lock wait timeout or deadlock, ${attempts} attempts). Nothing is half-written. Finish or close the operation in Warehouse Pro or the other program; the next run writes the order.`,
  });
}

async function writeOrderOnce(db: SqlConn, order: WpOrder, options: OrderWriteOptions): Promise<WpOrderResult> {
  const replacedText: string[] = [];
  const fit = (value: string, max = 255) => {
    const r = fitText(value, options.charset, max);
    if (r.replaced && !replacedText.includes(value)) replacedText.push(value);
    return r.text || ' ';
  };
  return db.withLock(LOCK, () =>
    db.transaction(async (tx) => {
      const existing = await findStamped(tx, stampsOf(order));
      if (existing !== null) return { acct: existing, created: false, replacedText: [] };

      const partnerId =
        order.partner.mode === 'fixed'
          ? order.partner.partnerId
          : await partnerByEmail(tx, order.partner, order.operatorId, fit);
      const acct = await reserveNumber(tx, order.objectId);
      const vatIn = await vatIncluded(tx);
      const goods = await goodsFacts(
        tx,
        order.lines.map((l) => l.goodId),
      );
      const date = new Date(order.date.getFullYear(), order.date.getMonth(), order.date.getDate());
      const now = new Date();
      const note = fit(order.note);
      const rows: SqlValue[][] = order.lines.map((line) => {
        const g = goods.get(line.goodId) ?? { priceIn: 0, vat: 20 };
        const rate = g.vat / 100;
        // The store's price includes VAT unless the order says otherwise (a store whose prices
        // exclude VAT); Warehouse Pro's PriceOut follows configkey20.
        const gross = order.pricesIncludeVat === false ? line.price * (1 + rate) : line.price;
        const priceOut = vatIn ? gross : gross / (1 + rate);
        const vatOut = vatIn ? (gross * rate) / (1 + rate) : priceOut * rate;
        const vatInValue = vatIn ? (g.priceIn * rate) / (1 + rate) : g.priceIn * rate;
        return [
          ORDER_OPER_TYPE,
          acct,
          line.goodId,
          partnerId,
          order.objectId,
          order.operatorId,
          line.quantity,
          0,
          g.priceIn,
          round4(priceOut),
          round4(vatInValue),
          round4(vatOut),
          line.discountPercent,
          1,
          1,
          date,
          ' ',
          1,
          note,
          0,
          order.operatorId,
          now,
        ];
      });
      const cols =
        'OperType, Acct, GoodID, PartnerID, ObjectID, OperatorID, Qtty, Sign, PriceIn, PriceOut, VATIn, VATOut, Discount, CurrencyID, CurrencyRate, ' +
        `${tx.dialect.quote('Date')}, Lot, LotID, Note, SrcDocID, UserID, UserRealTime`;
      const [first, ...rest] = rows;
      await tx.run(`INSERT INTO operations (${cols}) VALUES (${placeholders(first.length)})`, first);
      await options.afterFirstLine?.();
      await insertRows(tx, `INSERT INTO operations (${cols})`, rest, 100);
      return { acct, created: true, replacedText };
    }),
  );
}

async function reserveNumber(tx: SqlConn, objectId: number): Promise<number> {
  const perObject = (await configValue(tx, 'configkey48')) === '-1';
  const rows = await tx.query<{ m: number | null }>(
    `SELECT MAX(Acct) AS m FROM operations WHERE OperType = ?${perObject ? ' AND ObjectID = ?' : ''}`,
    perObject ? [ORDER_OPER_TYPE, objectId] : [ORDER_OPER_TYPE],
  );
  let n = Number(rows[0]?.m ?? 0) + 1;
  for (let tries = 0; tries < 100; tries++, n++) {
    const key = `${ORDER_PREFIX}${n}`;
    try {
      if (await reserve(tx, key)) return n;
    } catch (err) {
      // Another program (Warehouse Pro itself) reserved the same number between our look and our
      // insert: under SQL Server's READ COMMITTED the NOT EXISTS does not see its uncommitted row.
      // The whole transaction is tried again, like a lock conflict.
      if (isDuplicateKey(err))
        throw Object.assign(new Error(`order number ${key} taken meanwhile`), { reservationClash: true });
      throw err;
    }
  }
  throw new Error('no free order number after 100 tries (nextacct is full of reservations)');
}

/**
 * Inserts the reservation if absent; false when it was there. One statement where the SQL allows
 * INSERT ... SELECT without FROM; Jet SQL does not, so on MS Access it is a look and an insert (our
 * own writers are serialised by the lock file, and a clash with Warehouse Pro is a duplicate key).
 */
async function reserve(tx: SqlConn, key: string): Promise<boolean> {
  if (tx.dialect.kind === 'access') {
    const taken = await tx.query('SELECT NextAcct FROM nextacct WHERE NextAcct = ?', [key]);
    if (taken.length) return false;
    return (await tx.run('INSERT INTO nextacct (NextAcct) VALUES (?)', [key])).affected === 1;
  }
  const r = await tx.run(
    'INSERT INTO nextacct (NextAcct) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM nextacct WHERE NextAcct = ?)',
    [key, key],
  );
  return r.affected === 1;
}

/** A primary-key clash: SQL Server 2627/2601, MySQL 1062, SQLite's constraint, Jet's duplicate index value. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as {
    code?: string;
    errno?: number;
    number?: number;
    originalError?: { number?: number };
    message?: string;
  };
  if (!e) return false;
  const mssql = e.number ?? e.originalError?.number;
  return (
    mssql === 2627 ||
    mssql === 2601 ||
    e.code === 'ER_DUP_ENTRY' ||
    e.errno === 1062 ||
    /^SQLITE_CONSTRAINT/.test(e.code ?? '') ||
    /duplicate values in the index/i.test(e.message ?? '')
  );
}

async function partnerByEmail(
  tx: SqlConn,
  p: { email: string; name: string; phone: string; city: string; address: string; groupId?: number },
  userId: number,
  fit: (v: string, max?: number) => string,
): Promise<number> {
  const email = p.email.trim().toLowerCase();
  if (email) {
    const found = await partnerIdByEmail(tx, email);
    if (found !== null) return found;
  }
  const name = p.name.trim() || email || 'Клиент CloudCart';
  return insertPartner(tx, { ...p, email, name, userId, groupId: p.groupId ?? 1 }, (v) => fit(v));
}

async function goodsFacts(tx: SqlConn, ids: number[]): Promise<Map<number, { priceIn: number; vat: number }>> {
  const out = new Map<number, { priceIn: number; vat: number }>();
  for (const part of chunks([...new Set(ids)], rowsPerStatement(tx.dialect, 1, 500))) {
    const rows = await tx.query<{ id: number; priceIn: number; vat: number | null }>(
      `SELECT g.ID AS id, g.PriceIn AS priceIn, v.VATValue AS vat FROM goods g LEFT JOIN vatgroups v ON v.ID = g.TaxGroup WHERE g.ID IN (${placeholders(part.length)})`,
      part,
    );
    for (const r of rows)
      out.set(Number(r.id), { priceIn: Number(r.priceIn ?? 0), vat: r.vat === null ? 20 : Number(r.vat) });
  }
  return out;
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** The lines of an order document, for reconciliation and tests. */
export async function readOrder(db: SqlConn, by: { note: string } | { acct: number }) {
  const where = 'note' in by ? 'Note = ?' : 'Acct = ?';
  return db.query<{
    acct: number;
    goodId: number;
    partnerId: number;
    objectId: number;
    qtty: number;
    priceOut: number;
    sign: number;
    note: string;
  }>(
    `SELECT Acct AS acct, GoodID AS goodId, PartnerID AS partnerId, ObjectID AS objectId, Qtty AS qtty, PriceOut AS priceOut, Sign AS sign, Note AS note
     FROM operations WHERE OperType = ? AND ${where} AND PartnerID <> 0 AND PartnerID IS NOT NULL ORDER BY ID`,
    [ORDER_OPER_TYPE, 'note' in by ? by.note : by.acct],
  );
}
