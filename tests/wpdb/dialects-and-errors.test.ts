import { afterAll, describe, expect, it } from 'vitest';
import { toMssqlSql, mssqlDialect } from '../../electron/engine/wpdb/mssql-conn';
import { ddl } from '../../electron/engine/wpdb/schema';
import { capabilities, openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import { fitText } from '../../electron/engine/wpdb/text-fit';
import { buildTree, nextCode } from '../../electron/engine/wpdb/group-tree';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import { createTestDatabase, MARIADB, type TestDatabase } from '../helpers/warehouse-fixtures';
import { AppError } from '../../electron/engine/errors';

const mysqlConn = (over: object) => ({
  kind: 'mysql' as const,
  host: MARIADB.host,
  port: MARIADB.port,
  database: 'test',
  user: 'root',
  instance: '',
  filePath: '',
  ...over,
});

describe('SQL Server dialect (no server here: the generated SQL is checked)', () => {
  it('turns ? into numbered parameters, leaving string literals alone', () => {
    expect(toMssqlSql("SELECT a FROM goods WHERE Code = ? AND Name <> '?' AND ID IN (?, ?)")).toBe(
      "SELECT a FROM goods WHERE Code = @p1 AND Name <> '?' AND ID IN (@p2, @p3)",
    );
    expect(toMssqlSql('SELECT `Key` FROM configuration')).toBe('SELECT [Key] FROM configuration');
  });
  it('writes PascalCase tables with identity keys', () => {
    const sql = ddl(mssqlDialect).join(';\n');
    expect(sql).toMatch(/CREATE TABLE Goods \(\[ID\] INT IDENTITY\(1,1\) NOT NULL PRIMARY KEY/);
    expect(sql).toMatch(/CREATE TABLE NextAcct \(\[NextAcct\] NVARCHAR\(50\) NOT NULL PRIMARY KEY\)/);
  });
});

describe('capabilities as data', () => {
  it('declares Access as readable but not writable here, with the reason', async () => {
    expect(capabilities('access')).toMatchObject({ read: true, write: false });
    expect(capabilities('access').reason?.en).toMatch(/Windows/);
    await expect(openWarehouse({ ...mysqlConn({}), kind: 'access', filePath: 'C:/wp.mdb' }, null)).rejects.toThrow(
      /does not exist|не съществува/,
    );
    expect(capabilities('mysql')).toEqual({ read: true, write: true, reason: null });
  });
});

describe('connection errors say what happened and what to do', () => {
  const message = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).text.bg;
    }
    throw new Error('expected a failure');
  };
  it('unreachable server', async () => {
    expect(await message(openWarehouse(mysqlConn({ port: 1 }), null))).toMatch(
      /Няма връзка със сървъра на базата данни 127\.0\.0\.1:1/,
    );
  });
  it('wrong password, without echoing it', async () => {
    const text = await message(openWarehouse(mysqlConn({ user: 'nobody_here' }), 'S3cret-Парола'));
    expect(text).toMatch(/Грешно потребителско име или парола/);
    expect(text).not.toContain('S3cret');
  });
  it('unknown database', async () => {
    expect(await message(openWarehouse(mysqlConn({ database: 'no_such_db_xyz' }), null))).toMatch(
      /„no_such_db_xyz“ не съществува/,
    );
  });
  it('missing SQLite file', async () => {
    expect(
      await message(openWarehouse({ ...mysqlConn({}), kind: 'sqlite', filePath: '/nonexistent/wp.sqlite3' }, null)),
    ).toMatch(/не съществува/);
  });
});

describe('text the character set cannot hold', () => {
  it('replaces emoji on utf8 (mb3) and non-Cyrillic on cp1251, visibly', () => {
    expect(fitText('Мария 😀', 'utf8')).toEqual({ text: 'Мария ?', replaced: true });
    expect(fitText('Мария 😀', 'utf8mb4')).toEqual({ text: 'Мария 😀', replaced: false });
    expect(fitText('Żaneta Иванова №5', 'cp1251')).toEqual({ text: '?aneta Иванова №5', replaced: true });
  });

  let t: TestDatabase | null = null;
  afterAll(async () => t?.drop());
  it('an order from a customer with an emoji name is written to a utf8 database and reported', async () => {
    t = await createTestDatabase('mysql', { charset: 'utf8', goods: 40 });
    const db = await openWarehouse(t.connection, null);
    try {
      const r = await db.writeOrder({
        storeOrderId: '7',
        objectId: 2,
        operatorId: 2,
        partner: {
          mode: 'by-email',
          email: 'smile@example.bg',
          name: 'Весела 😀 Петрова',
          phone: '',
          city: '',
          address: '',
        },
        date: new Date(),
        note: 'CloudCart #7',
        lines: [{ goodId: 5, quantity: 1, price: 10, discountPercent: 0, vatRate: 20 }],
      });
      expect(r.created).toBe(true);
      expect(r.replacedText).toEqual(['Весела 😀 Петрова']);
      const p = await db.conn.query<{ c: string }>(
        "SELECT Company AS c FROM partners WHERE eMail = 'smile@example.bg'",
      );
      expect(p[0].c).toBe('Весела ? Петрова');
      expect(await readOrder(db.conn, { note: 'CloudCart #7' })).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});

describe('group codes', () => {
  it('builds trees from 3-character segments, Latin or Cyrillic, and sums counts upwards', () => {
    const tree = buildTree(
      [
        { id: 2, code: 'ААН', name: 'Храни' },
        { id: 3, code: 'ААНААВ', name: 'Напитки' },
        { id: 1, code: '-1', name: 'Служебна' },
      ],
      new Map([
        ['ААН', 2],
        ['ААНААВ', 5],
      ]),
    );
    expect(tree).toEqual([
      {
        id: 2,
        code: 'ААН',
        name: 'Храни',
        count: 7,
        children: [{ id: 3, code: 'ААНААВ', name: 'Напитки', count: 5, children: [] }],
      },
    ]);
  });
  it('finds the next free code among siblings', () => {
    expect(nextCode('', ['AAA', 'AAB', 'AABAAA'])).toBe('AAC');
    expect(nextCode('AAB', ['AAA', 'AAB', 'AABAAA'])).toBe('AABAAB');
  });
});
