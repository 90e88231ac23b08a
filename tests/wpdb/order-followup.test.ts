/**
 * The annulment and update of an imported order document (issue 15 point 7) and the reservation
 * rule (point 8), on every database kind that runs here (MariaDB, SQLite), through the same SQL
 * the engine uses: one transaction, only while the document holds exactly the rows we wrote,
 * rolled back whole when something fails inside it; the number stays reserved after an annulment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WpOrder } from '../../electron/engine/sync/ports';
import { openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import { docRows } from '../../electron/engine/wpdb/order-writer';
import type { WarehouseDb } from '../../electron/engine/wpdb/warehouse-db';
import { createTestDatabase, type TestDatabase } from '../helpers/warehouse-fixtures';

const order = (id: string, lines: WpOrder['lines']): WpOrder => ({
  storeOrderId: id,
  objectId: 2,
  operatorId: 2,
  partner: { mode: 'fixed', partnerId: 3 },
  date: new Date(2026, 10, 28, 12),
  note: `CloudCart test.bg #${id}`,
  lines,
});
const line = (goodId: number, quantity: number) => ({ goodId, quantity, price: 10, discountPercent: 0, vatRate: 20 });

for (const kind of ['mysql', 'sqlite'] as const) {
  describe(`order document follow-up: ${kind === 'mysql' ? 'MariaDB' : 'SQLite'}`, () => {
    let t: TestDatabase;
    let db: WarehouseDb;
    beforeAll(async () => {
      t = await createTestDatabase(kind);
      db = await openWarehouse(t.connection, null);
    });
    afterAll(async () => {
      await db?.close();
      await t?.drop();
    });

    it('annuls in one transaction: all rows go, the number stays reserved, a second annulment finds nothing', async () => {
      const w = await db.writeOrder(order('7001', [line(20, 2), line(21, 1)]));
      const ref = { acct: w.acct, objectId: 2 };
      const whole = async () =>
        db.conn.query<Record<string, unknown>>(
          `SELECT GoodID, Qtty, PriceIn, PriceOut, VATIn, VATOut, Discount, PartnerID, ObjectID, OperatorID, Note, Sign, ${db.conn.dialect.quote('Date')} AS d FROM operations WHERE OperType = 19 AND Acct = ? ORDER BY GoodID`,
          [w.acct],
        );
      const before = await whole();
      const annulled = await db.annulOrder(ref, w.rows);
      expect(annulled).toMatchObject({ outcome: 'done', rows: [] });
      expect(await docRows(db.conn, w.acct, 2)).toEqual([]);
      const reserved = await db.conn.query('SELECT NextAcct FROM nextacct WHERE NextAcct = ?', [`OR${w.acct}`]);
      expect(reserved).toHaveLength(1);
      expect(await db.annulOrder(ref, w.rows)).toEqual({ outcome: 'gone' });
      // Undone with the rows it removed (as kept in the state database, through JSON): the same rows again.
      const removed = JSON.parse(JSON.stringify(annulled.outcome === 'done' ? annulled.removed : []));
      const back = await db.reinstateOrder(ref, removed);
      expect(back.outcome).toBe('done');
      expect(await whole()).toEqual(before);
      // Not over a document that has rows.
      expect((await db.reinstateOrder(ref, removed)).outcome).toBe('edited');
    });

    it('a failure in the middle of an annulment leaves every row', async () => {
      const w = await db.writeOrder(order('7002', [line(20, 2), line(21, 1), line(22, 3)]));
      const ref = { acct: w.acct, objectId: 2 };
      await expect(
        db.annulOrder(ref, w.rows, {
          afterFirstChange: async () => {
            throw new Error('power cut');
          },
        }),
      ).rejects.toThrow('power cut');
      expect(await docRows(db.conn, w.acct, 2)).toEqual(w.rows);
    });

    it('a document edited in Warehouse Pro is not annulled or updated: edited, nothing changed', async () => {
      const w = await db.writeOrder(order('7003', [line(20, 2), line(21, 1)]));
      const ref = { acct: w.acct, objectId: 2 };
      await db.conn.run('UPDATE operations SET Qtty = 7 WHERE ID = ?', [w.rows[1].id]);
      const edited = await docRows(db.conn, w.acct, 2);
      expect(await db.annulOrder(ref, w.rows)).toEqual({ outcome: 'edited', rows: edited });
      expect(await db.updateOrder(ref, w.rows, order('7003', [line(20, 1)]))).toEqual({
        outcome: 'edited',
        rows: edited,
      });
      expect(await docRows(db.conn, w.acct, 2)).toEqual(edited);
      // A row added by hand is an edit too.
      const w2 = await db.writeOrder(order('7004', [line(20, 1)]));
      await db.conn.run(
        "INSERT INTO operations (OperType, Acct, GoodID, PartnerID, ObjectID, OperatorID, Qtty, Sign, Note) VALUES (19, ?, 23, 3, 2, 2, 1, 0, 'ръчно')",
        [w2.acct],
      );
      expect((await db.annulOrder({ acct: w2.acct, objectId: 2 }, w2.rows)).outcome).toBe('edited');
      expect(await docRows(db.conn, w2.acct, 2)).toHaveLength(2);
    });

    it('updates as Warehouse Pro edits a document: a good that stays keeps its row, one that left goes, a new one comes', async () => {
      const w = await db.writeOrder(order('7005', [line(20, 2), line(21, 1)]));
      const ref = { acct: w.acct, objectId: 2 };
      const r = await db.updateOrder(ref, w.rows, order('7005', [line(20, 5), line(24, 1)]));
      expect(r.outcome).toBe('done');
      const rows = await docRows(db.conn, w.acct, 2);
      expect(rows.map((x) => [x.goodId, x.qtty])).toEqual([
        [20, 5],
        [24, 1],
      ]);
      expect(rows[0].id).toBe(w.rows[0].id);
      const full = await db.conn.query<{ note: string; partnerId: number; sign: number }>(
        'SELECT Note AS note, PartnerID AS partnerId, Sign AS sign FROM operations WHERE ID = ?',
        [rows[1].id],
      );
      expect(full[0]).toEqual({ note: 'CloudCart test.bg #7005', partnerId: 3, sign: 0 });
      // A failure inside the update leaves the document as it was.
      await expect(
        db.updateOrder(ref, rows, order('7005', [line(20, 1)]), {
          afterFirstChange: async () => {
            throw new Error('power cut');
          },
        }),
      ).rejects.toThrow('power cut');
      expect(await docRows(db.conn, w.acct, 2)).toEqual(rows);
    });

    it("Warehouse Pro's own orders reserve per the setting, ours never", async () => {
      const goodId = 25;
      await db.conn.run('DELETE FROM operations WHERE GoodID = ?', [goodId]);
      const q = db.conn.dialect.quote('Date');
      for (const [acct, qtty, date] of [
        [951, 4, new Date()],
        [952, 10, new Date(Date.now() - 90 * 24 * 3600 * 1000)],
      ] as const)
        await db.conn.run(
          `INSERT INTO operations (OperType, Acct, GoodID, PartnerID, ObjectID, OperatorID, Qtty, Sign, Note, ${q}) VALUES (19, ?, ?, 3, 2, 2, ?, 0, 'телефон', ?)`,
          [acct, goodId, qtty, date],
        );
      const ours = await db.writeOrder(order('7006', [line(goodId, 3)]));
      const scope = { objectGroupCodes: [], operationsObjectId: 2 };
      const reserved = async (mode: 'all' | 'recent' | 'none', withOurs = true) =>
        (
          await db.availability([goodId], scope, {
            mode,
            days: 30,
            ours: withOurs ? [{ acct: ours.acct, objectId: 2 }] : [],
          })
        ).get(goodId)!.reserved;
      expect(await reserved('all')).toBe(14);
      expect(await reserved('recent')).toBe(4);
      expect(await reserved('none')).toBe(0);
      // Without the exclusion our document would count as one of Warehouse Pro's own.
      expect(await reserved('all', false)).toBe(17);
    });
  });
}
