/**
 * Rows as Warehouse Pro itself writes them (issue 13.4-13.9), end to end: an engine, the CloudCart
 * sandbox over HTTP and a real database (SQLite for the price round trips, MariaDB for the rest).
 * - 13.4 downloaded prices come back to the store unchanged: export(download(p)) = p to the cent,
 *   VAT included or not, BGN store over an EUR database and the other way round;
 * - 13.5 new partners and goods without NULLs, *2 columns, UserID, GroupID, codes; stock rows per
 *   object only in the per-object price modes (configkey23); new groups in the 3-letter scheme under
 *   the export's group; the demo database has no NULL in those columns;
 * - 13.6 no configkey20: prices without VAT (Warehouse Open's default), and the database test says so;
 * - 13.7 a good with a negative GroupID belongs to group ABS(GroupID);
 * - 13.9 a duplicate key on the reserved number is retried in the same run.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { testDatabase } from '../../electron/engine/probes-db';
import { storePrice } from '../../electron/engine/sync/pricing';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { MARIADB } from '../helpers/warehouse-fixtures';
import { mariadbMissing } from '../faults/needs';

const missing = await mariadbMissing();

/** Store prices (cents) that a 2-decimal net price cannot all give back: 12.99 / 1.2 = 10.825. */
const PRICES = [1299, 999, 1, 5, 33, 250, 777, 1050, 1999, 4999, 10001, 12345];

async function storeProducts(f: SyncFixture, prices: number[], prefix: string): Promise<void> {
  const store = new CloudCartStore({ domain: f.sandbox.url, apiKey: f.sandbox.apiKey });
  const category = await store.ensureCategory('Изтеглени', null);
  for (const [i, price] of prices.entries()) {
    const { productId } = await store.createProduct({
      name: `Продукт ${prefix} ${i}`,
      description: '',
      categoryId: category,
      active: true,
      featured: false,
      isNew: false,
      tracking: true,
      continueSelling: false,
      needsShipping: true,
      parameters: [],
    });
    await store.createVariant(productId, [], {
      sku: `${prefix}-${i}`,
      barcode: `${prefix}${String(i).padStart(6, '0')}`,
      price,
      quantity: 3,
      weightGrams: null,
      options: [],
    });
  }
}

const variantPrices = (f: SyncFixture, prefix: string) =>
  new Map(
    [...f.sandbox.model.table('variants').values()]
      .filter((v) => String(v.attributes.barcode ?? '').startsWith(prefix))
      .map((v) => [String(v.attributes.barcode), Number(v.attributes.price)]),
  );

describe('13.4 prices of downloaded goods: export(download(p)) = p to the cent', () => {
  const cases = [
    { vat: '-1', database: 'EUR', store: 'BGN' },
    { vat: '-1', database: 'BGN', store: 'EUR' },
    { vat: '0', database: 'EUR', store: 'BGN' },
    { vat: '0', database: 'BGN', store: 'EUR' },
    { vat: '0', database: 'EUR', store: 'EUR' },
  ] as const;
  for (const c of cases) {
    it(`VAT ${c.vat === '-1' ? 'included' : 'excluded'}, database ${c.database}, store ${c.store}`, async () => {
      const f = await createSyncFixture('sqlite', {
        demo: { goods: 3, variantShare: 0, problems: false },
        settings: { currency: { database: c.database, store: c.store } },
      });
      try {
        await f.db.conn.run(`UPDATE configuration SET "Value" = ? WHERE "Key" = 'configkey20'`, [c.vat]);
        await storeProducts(f, PRICES, '77');
        const before = variantPrices(f, '77');
        const down = await f.t.engine.sync.runToEnd(f.server.id, 'download-goods', false);
        expect(down.state, down.error ?? '').toBe('succeeded');
        expect(down.counts.goodsCreated).toBe(PRICES.length);
        // Each stored price gives the store price back through the export's own formula...
        const rows = await f.db.conn.query<{ b: string; p: number; vat: number }>(
          "SELECT g.BarCode1 AS b, g.PriceOut2 AS p, v.VATValue AS vat FROM goods g JOIN vatgroups v ON v.ID = g.TaxGroup WHERE g.BarCode1 LIKE '77%'",
        );
        expect(rows).toHaveLength(PRICES.length);
        for (const r of rows) {
          const back = storePrice(Number(r.p), {
            vatIncluded: c.vat === '-1',
            vatRatePercent: Number(r.vat),
            databaseCurrency: c.database,
            storeCurrency: c.store,
          });
          expect({ barcode: r.b, minor: back.minor }).toEqual({ barcode: r.b, minor: before.get(r.b) });
        }
        // ...and a full export sends no price change for them.
        const ex = await f.t.engine.sync.runToEnd(f.server.id, 'export', false, true);
        expect(ex.state, ex.error ?? '').toBe('succeeded');
        expect(variantPrices(f, '77')).toEqual(before);
      } finally {
        await f.cleanup();
      }
    });
  }
});

describe.skipIf(missing)('13.5-13.9 rows as Warehouse Pro writes them (MariaDB)', () => {
  let f: SyncFixture;
  let admin: mysql.Connection;
  const q = async <T>(sql: string, params: unknown[] = []) => (await admin.query(sql, params))[0] as T[];

  beforeAll(async () => {
    f = await createSyncFixture('mysql', { demo: { goods: 30 } });
    admin = await mysql.createConnection({ ...MARIADB, database: f.wpdb.connection.database });
    expect((await f.t.engine.sync.runToEnd(f.server.id, 'export', false)).state).toBe('succeeded');
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await f?.cleanup();
  });

  it('the demo database holds no NULL in the columns Warehouse Pro always fills', async () => {
    expect(await f.db.nullColumns()).toEqual([]);
  });

  it('13.5 a new customer becomes a partner written whole: *2 copies, UserID, GroupID, the next code', async () => {
    await admin.query("INSERT INTO partnersgroups (ID, Code, Name) VALUES (2, 'AAA', 'Онлайн клиенти')");
    await admin.query("UPDATE partners SET Code = '41' WHERE ID = 3");
    f.server = f.t.engine.servers.save({
      ...f.server,
      settings: { ...f.server.settings, partner: { mode: 'by-email', groupId: 2 } },
      secrets: {},
    });
    const variant = [...f.sandbox.model.table('variants').values()].find((v) => v.attributes.barcode)!;
    f.sandbox.placeOrder({
      email: 'Нова.Клиентка@Example.bg',
      firstName: 'Мария',
      lastName: 'Иванова',
      phone: '0899111222',
      city: 'Бургас',
      lines: [{ barcode: String(variant.attributes.barcode), quantity: 1 }],
    });
    const r = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
    expect(r.state, r.error ?? '').toBe('succeeded');
    const [p] = await q<Record<string, unknown>>("SELECT * FROM partners WHERE eMail = 'нова.клиентка@example.bg'");
    expect(p).toMatchObject({
      Code: '42',
      Company: 'Мария Иванова',
      Company2: 'Мария Иванова',
      MOL: 'Мария Иванова',
      MOL2: 'Мария Иванова',
      City: 'Бургас',
      City2: 'Бургас',
      Phone: '0899111222',
      Phone2: '0899111222',
      Address: ' ',
      Address2: ' ',
      Fax: ' ',
      BankName: ' ',
      UserID: 2,
      GroupID: 2,
      PriceGroup: 1,
      Deleted: 0,
    });
    expect(Object.entries(p).filter(([, v]) => v === null)).toEqual([]);
    expect(await f.db.nullColumns()).toEqual([]);
  });

  it('13.5 downloaded goods: Name2, Measure2, stock rows per object, groups under the export group', async () => {
    await admin.query(
      "INSERT INTO objects (Code, Name, Name2, PriceGroup, IsVeryUsed, GroupID, Deleted) VALUES ('9', 'Изтрит', 'Изтрит', 1, 0, 3, -1)",
    );
    const [{ objects }] = await q<{ objects: number }>('SELECT COUNT(*) AS objects FROM objects');
    f.server = f.t.engine.servers.save({
      ...f.server,
      settings: { ...f.server.settings, exportTask: { ...f.server.settings.exportTask, goodsGroups: ['AAC'] } },
      secrets: {},
    });
    await storeProducts(f, [1500, 2500], '55');
    const r = await f.t.engine.sync.runToEnd(f.server.id, 'download-goods', false);
    expect(r.state, r.error ?? '').toBe('succeeded');
    const goods = await q<Record<string, unknown>>("SELECT * FROM goods WHERE BarCode1 LIKE '55%' ORDER BY ID");
    expect(goods).toHaveLength(2);
    for (const g of goods) {
      expect(g.Name2).toBe(g.Name);
      expect(g.Measure2).toBe(g.Measure1);
      expect(g.TaxGroup).toBe(1);
      expect(Object.entries(g).filter(([, v]) => v === null)).toEqual([]);
      const [{ n }] = await q<{ n: number }>('SELECT COUNT(*) AS n FROM store WHERE GoodID = ?', [g.ID]);
      expect(Number(n)).toBe(Number(objects));
    }
    // The store's category became a group under the export's group AAC ("Аксесоари"), after its
    // last child AACAAA: AACAAB.
    const [group] = await q<{ Code: string; Name: string }>('SELECT Code, Name FROM goodsgroups WHERE ID = ?', [
      goods[0].GroupID,
    ]);
    expect(group).toEqual({ Code: 'AACAAB', Name: 'Изтеглени' });
    expect(await f.db.nullColumns()).toEqual([]);
  });

  it('13.5 in a lot mode (configkey23 = 2, FIFO) no stock rows are made', async () => {
    await admin.query("INSERT INTO configuration (`Key`, `Value`, UserID) VALUES ('configkey23', '2', -1)");
    try {
      await storeProducts(f, [990], '66');
      const r = await f.t.engine.sync.runToEnd(f.server.id, 'download-goods', false);
      expect(r.state, r.error ?? '').toBe('succeeded');
      const [{ n }] = await q<{ n: number }>(
        "SELECT COUNT(*) AS n FROM store s JOIN goods g ON g.ID = s.GoodID WHERE g.BarCode1 LIKE '66%'",
      );
      expect(Number(n)).toBe(0);
    } finally {
      await admin.query("DELETE FROM configuration WHERE `Key` = 'configkey23'");
    }
  });

  it('13.6 without configkey20 prices are without VAT, and the database test says which mode and why', async () => {
    await admin.query("DELETE FROM configuration WHERE `Key` = 'configkey20'");
    const check = await testDatabase(f.wpdb.connection, null, 'en');
    expect({ vat: check.vatIncluded, defaulted: check.vatDefaulted }).toEqual({ vat: false, defaulted: true });
    expect(check.message).toMatch(/Prices in the database exclude VAT \(the configkey20 setting is missing/);
    await admin.query("INSERT INTO configuration (`Key`, `Value`, UserID) VALUES ('configkey20', '-1', -1)");
    const again = await testDatabase(f.wpdb.connection, null, 'en');
    expect(again.message).toMatch(/Prices in the database include VAT \(configkey20\)/);
  });

  it('13.7 a good with a negative GroupID is in group ABS(GroupID) and is exported', async () => {
    // A good of the exported group AACAAA ("Чанти"), written with the group's id negated.
    const [{ id }] = await q<{ id: number }>("SELECT ID AS id FROM goodsgroups WHERE Code = 'AACAAA'");
    await admin.query(
      `INSERT INTO goods (Code, BarCode1, BarCode2, BarCode3, Catalog1, Catalog2, Catalog3, Name, Name2, Measure1, Measure2,
         Ratio, PriceOut2, Description, TaxGroup, GroupID, Deleted)
       VALUES ('NEG1', '4400000000019', 'NEG-1', ' ', ' ', ' ', ' ', 'Чанта с минус', 'Чанта с минус', 'бр.', 'бр.', 1, 19.9, ' ', 1, ?, 0)`,
      [-id],
    );
    const r = await f.t.engine.sync.runToEnd(f.server.id, 'export', false);
    expect(r.state, r.error ?? '').toBe('succeeded');
    const found = [...f.sandbox.model.table('variants').values()].filter(
      (v) => v.attributes.barcode === '4400000000019',
    );
    expect(found).toHaveLength(1);
  });

  it('13.9 a duplicate key on the reserved number is retried and the order is written once', async () => {
    // MyISAM: the trigger's mark survives the statement it makes fail.
    await admin.query('CREATE TABLE clash_once (fired INT) ENGINE=MyISAM');
    await admin.query(`CREATE TRIGGER nextacct_clash BEFORE INSERT ON nextacct FOR EACH ROW
      BEGIN
        IF (SELECT COUNT(*) FROM clash_once) = 0 THEN
          INSERT INTO clash_once VALUES (1);
          SIGNAL SQLSTATE '23000' SET MYSQL_ERRNO = 1062, MESSAGE_TEXT = 'Duplicate entry for key PRIMARY';
        END IF;
      END`);
    try {
      const variant = [...f.sandbox.model.table('variants').values()].find((v) => v.attributes.barcode)!;
      f.sandbox.placeOrder({
        email: 'clash@example.bg',
        lines: [{ barcode: String(variant.attributes.barcode), quantity: 1 }],
      });
      const r = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
      expect(r.state, r.error ?? '').toBe('succeeded');
      expect(r.counts.ordersImported).toBe(1);
      expect(r.counts.failed ?? 0).toBe(0);
      const [{ fired }] = await q<{ fired: number }>('SELECT COUNT(*) AS fired FROM clash_once');
      expect(Number(fired), 'the clash happened').toBe(1);
      const [{ n }] = await q<{ n: number }>(
        "SELECT COUNT(DISTINCT Acct) AS n FROM operations WHERE OperType = 19 AND Note LIKE 'CloudCart %#%' AND PartnerID = (SELECT ID FROM partners WHERE eMail = 'clash@example.bg')",
      );
      expect(Number(n)).toBe(1);
    } finally {
      await admin.query('DROP TRIGGER IF EXISTS nextacct_clash');
      await admin.query('DROP TABLE IF EXISTS clash_once');
    }
  });
});
