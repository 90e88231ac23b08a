/**
 * The SQL for databases that cannot run here, checked without a server (issue 13.2, 13.3). The
 * whole data layer runs over a statement twin (tests/helpers/statement-twin.ts) of SQL Server and of
 * MS Access, with every batch at its largest (an order of 150 lines, 400 new goods on 4 objects,
 * 3,000 barcodes, 2,500 objects), and every statement it sends is checked:
 * - SQL Server: parses with a T-SQL grammar (node-sql-parser, `transactsql`), has no MySQL/SQLite
 *   syntax the grammar lets through, and carries at most 2,098 parameters (the 2,100 of a request
 *   less the two `sp_executesql` takes), numbered @p1..@pN to match the values sent;
 * - MS Access: nothing Jet SQL lacks (LOWER, LIMIT, multi-row VALUES, INSERT ... SELECT without
 *   FROM, CASE, COALESCE, CONCAT, ||).
 * What only a live server confirms is listed in docs/warehouse-drivers.md.
 */
import { Parser } from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WpNewGood, WpOrder } from '../../electron/engine/sync/ports';
import { WarehouseDb } from '../../electron/engine/wpdb/warehouse-db';
import { createTestDatabase, type TestDatabase } from '../helpers/warehouse-fixtures';
import { StatementTwin, type Sent } from '../helpers/statement-twin';

const SQL_SERVER_PARAMS = 2098;
const parser = new Parser();

/** Statements the T-SQL grammar of node-sql-parser rejects although SQL Server runs them. */
const GRAMMAR_GAPS = [/^SELECT @@VERSION AS v$/];

/** The text outside string literals. */
const code = (sql: string) => sql.replace(/'(?:[^']|'')*'/g, "''");

function tsqlProblems(s: Sent): string[] {
  const out: string[] = [];
  const c = code(s.text);
  if (/\?/.test(c)) out.push('a ? placeholder left');
  if (/`/.test(c)) out.push('a backtick');
  if (/\bLIMIT\b/i.test(c)) out.push('LIMIT');
  for (const f of ['GET_LOCK', 'IFNULL', 'LENGTH', 'SUBSTR', 'NOW', 'CURDATE', 'GROUP_CONCAT', 'LCase', 'LOWER_CASE'])
    if (new RegExp(`\\b${f}\\s*\\(`, 'i').test(c)) out.push(`${f}()`);
  if (/\bGLOB\b|\bREGEXP\b|\|\||\bAUTO_INCREMENT\b|\bENGINE\s*=/i.test(c)) out.push('MySQL/SQLite syntax');
  const numbers = [...c.matchAll(/@p(\d+)\b/g)].map((m) => Number(m[1]));
  const highest = numbers.length ? Math.max(...numbers) : 0;
  if (highest !== s.params.length) out.push(`@p1..@p${highest} for ${s.params.length} values`);
  if (s.params.length > SQL_SERVER_PARAMS) out.push(`${s.params.length} parameters > ${SQL_SERVER_PARAMS}`);
  if (!GRAMMAR_GAPS.some((g) => g.test(s.text))) out.push(...grammarProblems(s.text));
  return out;
}

const parsed = new Map<string, string[]>();
/** What the T-SQL grammar says of a statement text (each distinct text parsed once). */
function grammarProblems(text: string): string[] {
  const known = parsed.get(text);
  if (known) return known;
  const out: string[] = [];
  try {
    const ast = parser.astify(text, { database: 'transactsql' });
    const types = (Array.isArray(ast) ? ast : [ast]).map((a) => (a as { type?: string }).type);
    // The grammar reads some garbage as a variable assignment: only real statements count.
    for (const t of types)
      if (!['select', 'insert', 'update', 'delete', 'create', 'exec'].includes(String(t))) out.push(`parsed as ${t}`);
  } catch (err) {
    out.push(`T-SQL grammar: ${(err as Error).message.slice(0, 120)}`);
  }
  parsed.set(text, out);
  return out;
}

/** The top-level part of a statement: parenthesised sub-expressions removed. */
function topLevel(sql: string): string {
  let out = sql;
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(/\([^()]*\)/g, ' ');
  }
  return out;
}

function jetProblems(s: Sent): string[] {
  const out: string[] = [];
  const c = code(s.text);
  if (/\bLOWER\s*\(/i.test(c)) out.push('LOWER (Jet has LCase)');
  if (/\bLIMIT\b/i.test(c)) out.push('LIMIT (Jet has TOP)');
  if (/\bVALUES\s*\([^)]*\)\s*,\s*\(/i.test(c)) out.push('multi-row VALUES');
  const top = topLevel(c);
  if (/^\s*INSERT\b/i.test(top) && /\bSELECT\b/i.test(top) && !/\bSELECT\b[\s\S]*\bFROM\b/i.test(top))
    out.push('INSERT ... SELECT without FROM');
  if (/\bCASE\b|\bCOALESCE\s*\(|\bCONCAT\s*\(|\|\||`|@p\d/i.test(c)) out.push('syntax Jet lacks');
  if (s.params.length > 255) out.push(`${s.params.length} parameters`);
  return out;
}

const order = (lines: number): WpOrder => ({
  storeOrderId: `big-${lines}`,
  objectId: 2,
  operatorId: 2,
  partner: {
    mode: 'by-email',
    email: `new-${lines}@example.bg`,
    name: 'Нов Клиент',
    phone: '0888',
    city: 'Варна',
    address: 'ул. 1',
  },
  date: new Date(2026, 10, 29, 0, 30),
  note: `CloudCart #big-${lines}`,
  lines: Array.from({ length: lines }, (_, i) => ({
    goodId: 2 + (i % 40),
    quantity: 1 + (i % 3),
    price: 10 + i / 100,
    discountPercent: 0,
    vatRate: 20,
  })),
});

const newGoods = (n: number): (WpNewGood & { groupPath: string[] })[] =>
  Array.from({ length: n }, (_, i) => ({
    code: `NEW${i}`,
    barcode1: `99${String(i).padStart(10, '0')}`,
    barcode2: `SKU-NEW-${i}`,
    catalogs: ['', '', ''],
    name: `Нова стока ${i}`,
    measure: 'бр.',
    price: 9.99,
    priceColumn: 2,
    vatRate: 20,
    groupCode: '',
    groupPath: [i % 2 ? 'Нова група' : 'Друга група'],
  }));

/** Everything the data layer does in a run, at the largest batch sizes. */
async function exercise(db: WarehouseDb, kind: 'mssql' | 'access'): Promise<void> {
  if (kind === 'mssql') {
    await db.prepare();
    db.requireSchema();
    await db.check();
    await db.reference();
    const goods = await db.goodsForExport([], 2);
    await db.availability(
      goods.map((g) => g.id),
      { objectGroupCodes: ['AAA', 'AAB'], operationsObjectId: 2 },
    );
    await db.findGoods(
      'barcode1',
      Array.from({ length: 3000 }, (_, i) => `38${String(i).padStart(11, '0')}`),
    );
    await db.acquireLease('twin', 'holder', 60_000);
    await db.renewLease('twin', 'holder', 60_000);
    await db.releaseLease('twin', 'holder');
  }
  const first = await db.writeOrder(order(150));
  expect(first.created).toBe(true);
  expect((await db.writeOrder(order(150))).created).toBe(false);
  // What the import reads beside the write: stamps, measures, names for attention items.
  await db.stampedOrders([order(150).note, 'CloudCart #1']);
  await db.otherStoresStamped('CloudCart shop.example.bg #');
  await db.goodsMeasures(Array.from({ length: 600 }, (_, i) => i + 1));
  await db.goodLabels(Array.from({ length: 600 }, (_, i) => i + 1));
  // Reconciliation: the documents of 1,201 stamps, in parts that fit a statement.
  const stamps = [order(150).note, ...Array.from({ length: 1200 }, (_, i) => `CloudCart shop.example.bg #${i}`)];
  const documents = await db.orderDocuments(stamps);
  expect(documents.map((d) => [d.note, d.lines])).toEqual([[order(150).note, 150]]);
  // The follow-up (issue 15 point 7): update the 150-line document to 120 lines, annul it, undo.
  const doc = { acct: first.acct, objectId: 2 };
  const updated = await db.updateOrder(doc, first.rows, { ...order(120), note: order(150).note });
  expect(updated.outcome).toBe('done');
  const now = await db.orderRows(doc);
  expect(now).toHaveLength(120);
  const annulled = await db.annulOrder(doc, now);
  expect(annulled.outcome).toBe('done');
  expect(await db.orderRows(doc)).toHaveLength(0);
  if (annulled.outcome === 'done' && annulled.removed) {
    expect((await db.reinstateOrder(doc, annulled.removed)).outcome).toBe('done');
  }
  expect(await db.createGoods([{ path: ['Нова група'] }], newGoods(400))).toHaveLength(400);
}

for (const kind of ['mssql', 'access'] as const) {
  describe(`${kind === 'mssql' ? 'SQL Server' : 'MS Access'}: every generated statement`, () => {
    let wp: TestDatabase;
    let twin: StatementTwin;
    beforeAll(async () => {
      wp = await createTestDatabase('sqlite', { goods: 60, problems: false });
      twin = new StatementTwin(wp.connection.filePath, kind);
      // 2,500 objects: the quantity reads must split their object lists.
      if (kind === 'mssql') {
        await twin.run('DELETE FROM configuration');
        for (let i = 0; i < 2500; i++)
          await twin.run(
            'INSERT INTO objects (Code, Name, Name2, PriceGroup, IsVeryUsed, GroupID, Deleted) VALUES (?, ?, ?, 1, 0, 2, 0)',
            [`X${i}`, `Обект ${i}`, `Обект ${i}`],
          );
      }
      await exercise(new WarehouseDb(twin), kind);
    }, 60_000);
    afterAll(async () => {
      await twin?.close();
      await wp?.drop();
    });

    it(kind === 'mssql' ? 'parses as T-SQL and stays under 2,098 parameters' : 'avoids what Jet SQL lacks', () => {
      const problems = twin.sent
        .map((s) => ({ sql: s.text.slice(0, 140), problems: kind === 'mssql' ? tsqlProblems(s) : jetProblems(s) }))
        .filter((p) => p.problems.length > 0);
      expect(problems).toEqual([]);
    });

    it('covers the batched statements at their largest', () => {
      const most = (re: RegExp) => Math.max(0, ...twin.sent.filter((s) => re.test(s.text)).map((s) => s.params.length));
      const lines = most(/^INSERT INTO operations/);
      const stock = most(/^INSERT INTO store/);
      if (kind === 'mssql') {
        // Whole rows only: 22 values per order line, 7 per stock row, as many as fit.
        expect(lines).toBe(Math.floor(SQL_SERVER_PARAMS / 22) * 22);
        expect(stock).toBe(Math.floor(SQL_SERVER_PARAMS / 7) * 7);
        expect(most(/FROM store WHERE ObjectID IN/)).toBeLessThanOrEqual(SQL_SERVER_PARAMS);
        expect(most(/FROM goods WHERE ID > 1 AND Deleted <> -1 AND BarCode1 IN/)).toBe(500);
        expect(most(/AND Note IN/)).toBe(501);
      } else {
        expect(lines).toBe(22);
        expect(stock).toBe(7);
        expect(most(/AND Note IN/)).toBe(201);
      }
      expect(twin.sent.filter((s) => /^INSERT INTO goods /.test(s.text))).toHaveLength(400);
    });
  });
}
