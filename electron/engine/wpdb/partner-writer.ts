/**
 * New partners as Warehouse Pro writes them (Warehouse Open 3.07: Warehouse.Business/Entities/Partner.cs,
 * Warehouse.Data/SQL/DataProvider.Partner.cs `AddUpdatePartner`, sample rows in
 * Warehouse.Data/MySQL/Scripts/SampleStore_307.sql): every column written, no NULL; an empty text
 * is ' '; the *2 columns are copies of the main ones (the entity's Name2, LiablePerson2, City2,
 * Address2, Telephone2 fall back to the main value); UserID is the operator who created it; the
 * code is the next number (the default code pattern "#": MAX of the numeric codes + 1,
 * Warehouse.Data/MySQL/DataProvider.Common.cs `GetMaxCodeValue`).
 */
import type { SqlConn } from './sql-conn';

export interface NewPartner {
  email: string;
  name: string;
  phone: string;
  city: string;
  address: string;
  /** The operator: partners.UserID. */
  userId: number;
  /** partners.GroupID: 1 (the default group) or the group chosen in the settings. */
  groupId: number;
}

/** Finds a partner by e-mail, compared as stored but without regard to case (Jet has LCase, not LOWER). */
export async function partnerIdByEmail(tx: SqlConn, email: string): Promise<number | null> {
  const lower = tx.dialect.kind === 'access' ? 'LCase' : 'LOWER';
  const rows = await tx.query<{ id: number }>(
    `SELECT ID AS id FROM partners WHERE ${lower}(eMail) = ? AND ID > 1 AND Deleted <> -1 ORDER BY ID`,
    [email],
  );
  return rows.length ? Number(rows[0].id) : null;
}

/** Codes made only of digits, per dialect; the numbers are compared in JavaScript (any length). */
function numericCodeFilter(kind: SqlConn['dialect']['kind']): string {
  if (kind === 'mysql') return "Code REGEXP '^[0-9]+$'";
  if (kind === 'mssql') return "Code NOT LIKE '%[^0-9]%' AND Code <> ''";
  if (kind === 'access') return "Code NOT LIKE '%[!0-9]%' AND Code <> ''";
  return "Code NOT GLOB '*[^0-9]*' AND Code <> ''";
}

export async function nextPartnerCode(tx: SqlConn): Promise<string> {
  const rows = await tx.query<{ code: string }>(
    `SELECT Code AS code FROM partners WHERE ${numericCodeFilter(tx.dialect.kind)}`,
  );
  let max = 0n;
  for (const r of rows) {
    const code = String(r.code ?? '').trim();
    if (/^[0-9]+$/.test(code) && BigInt(code) > max) max = BigInt(code);
  }
  return String(max + 1n);
}

export const PARTNER_COLUMNS = [
  'Code',
  'Company',
  'Company2',
  'MOL',
  'MOL2',
  'City',
  'City2',
  'Address',
  'Address2',
  'Phone',
  'Phone2',
  'Fax',
  'eMail',
  'TaxNo',
  'Bulstat',
  'BankName',
  'BankCode',
  'BankAcct',
  'BankVATName',
  'BankVATCode',
  'BankVATAcct',
  'PriceGroup',
  'Discount',
  'Type',
  'IsVeryUsed',
  'UserID',
  'GroupID',
  'UserRealTime',
  'Deleted',
  'CardNumber',
  'Note1',
  'Note2',
  'PaymentDays',
];

/** Inserts the partner; `fit` makes a text fit the column (and ' ' of an empty one). */
export async function insertPartner(tx: SqlConn, p: NewPartner, fit: (v: string) => string): Promise<number> {
  const name = fit(p.name);
  const city = fit(p.city);
  const address = fit(p.address);
  const phone = fit(p.phone);
  const blank = ' ';
  const values = [
    await nextPartnerCode(tx),
    name,
    name,
    name,
    name,
    city,
    city,
    address,
    address,
    phone,
    phone,
    blank,
    fit(p.email),
    blank,
    blank,
    blank,
    blank,
    blank,
    blank,
    blank,
    blank,
    // PriceGroup 1 = retail (Partner.cs: PriceGroup.RegularPrice); Type 0 = universal.
    1,
    0,
    0,
    // IsVeryUsed: the entity's default `order = -1`.
    -1,
    p.userId,
    p.groupId,
    new Date(),
    0,
    blank,
    blank,
    blank,
    0,
  ];
  const r = await tx.run(
    `INSERT INTO partners (${PARTNER_COLUMNS.join(', ')}) VALUES (${PARTNER_COLUMNS.map(() => '?').join(', ')})`,
    values,
  );
  return r.insertId;
}
