/**
 * Issue 12 point 8: order times are read in the store's time zone (a setting), not the PC's, and
 * order line prices with or without VAT as the store says: by the order's own `vat_included`, or
 * by the setting when the store does not send it. A store whose prices exclude VAT gets net prices
 * from the export and its orders come back to Warehouse Pro with the good's VAT added.
 */
import { sayExplain } from '../../shared/i18n/explain-texts';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxBehaviour } from '../../electron/cloudcart-sandbox/sandbox-behaviour';
import { storeDay, storeTimeToInstant } from '../../electron/engine/rules/store-time';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import type { SyncSettings } from '../../shared/types/server-profile';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { orderStamp } from '../../electron/engine/sync/order-stamp';

let f: SyncFixture | null = null;
const pcZone = process.env.TZ;
afterEach(async () => {
  process.env.TZ = pcZone;
  await f?.cleanup();
  f = null;
});

describe('store times', () => {
  it.each(['UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/Sofia'])(
    'are read in the store zone whatever the PC zone is (PC in %s)',
    (zone) => {
      process.env.TZ = zone;
      const at = (wall: string, tz = 'Europe/Sofia') => storeTimeToInstant(wall, tz)?.toISOString();
      expect(at('2026-06-04 14:22:11')).toBe('2026-06-04T11:22:11.000Z'); // EEST, +3
      expect(at('2026-01-15 09:00:00')).toBe('2026-01-15T07:00:00.000Z'); // EET, +2
      expect(at('2026-10-25 03:20:00')).toBe('2026-10-25T00:20:00.000Z'); // repeated hour: the first one
      expect(at('2026-03-29 03:30:00')).toBe('2026-03-29T01:30:00.000Z'); // skipped hour: moved forward
      expect(at('2026-06-30 23:30:00', 'America/New_York')).toBe('2026-07-01T03:30:00.000Z');
      expect(at('2026-07-01 08:00:00', 'Asia/Tokyo')).toBe('2026-06-30T23:00:00.000Z');
      expect(at('not a date')).toBeUndefined();
      expect(storeDay('2026-06-30 23:30:00')).toBe('2026-06-30');
    },
  );

  it("an import says when the order was placed, read in the store's zone, and dates it with the store's day", async () => {
    // MariaDB: its driver writes the document's day as the local date (the SQLite demo driver
    // writes dates in UTC, so there the day would follow the PC's offset, not this rule).
    f = await createSyncFixture('mysql', {
      demo: { goods: 12, problems: false },
      sandbox: { timeZone: 'America/New_York' },
      settings: {
        store: { timeZone: 'America/New_York', pricesIncludeVat: true },
        // The order is dated in the past: "import orders from" a day before it.
        orders: { statuses: ['paid'], cashOnDelivery: true, from: '2026-06-01', importOnSince: null },
      } as Partial<SyncSettings>,
    });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
    process.env.TZ = 'Asia/Tokyo'; // the PC's own zone plays no part
    const barcode = String([...f.sandbox.model.table('variants').values()][0].attributes.barcode);
    const order = f.sandbox.placeOrder({ email: 'ny@example.bg', lines: [{ barcode, quantity: 1 }] });
    order.attributes.date_added = '2026-06-30 23:30:00';
    const run = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });
    expect(run.state, run.error ?? '').toBe('succeeded');
    const item = f.t.engine.sync.state.runItems(run.id).find((i) => i.kind === 'order')!;
    expect(sayExplain(item.explain, 'bg')).toContain(
      'поръчана 2026-06-30 23:30:00 America/New_York (2026-07-01T03:30:00.000Z)',
    );
    // The audit CSV says the explanation in the language asked for.
    const csv = f.t.engine.sync.auditCsv(f.server.id, 'en').csv;
    expect(csv).toContain('placed 2026-06-30 23:30:00 America/New_York (2026-07-01T03:30:00.000Z)');
    expect(csv).not.toContain('поръчана');
    const [doc] = await f.db.conn.query<{ day: string }>(
      'SELECT CAST(`Date` AS CHAR) AS day FROM operations WHERE OperType = 19 AND Note = ?',
      [orderStamp(f.sandbox.url, order.id)],
    );
    expect(String(doc.day).slice(0, 10)).toBe('2026-06-30');
  });
});

describe('a store whose prices exclude VAT', () => {
  const cases: { name: string; sandbox: Partial<SandboxBehaviour>; setting: boolean }[] = [
    { name: 'the order says vat_included: no', sandbox: { pricesIncludeVat: false }, setting: false },
    {
      name: 'the store sends no vat_included; the setting says so',
      sandbox: { pricesIncludeVat: false, orderVatFlag: false },
      setting: false,
    },
  ];
  it.each(cases)('gets net prices and its orders come back with VAT ($name)', async ({ sandbox, setting }) => {
    f = await createSyncFixture('sqlite', {
      demo: { goods: 20, problems: false },
      sandbox,
      settings: { store: { timeZone: 'Europe/Sofia', pricesIncludeVat: setting } } as Partial<SyncSettings>,
    });
    const exported = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
    expect(exported.state, exported.error ?? '').toBe('succeeded');
    const goods = await f.db.goodsForExport([], 2);
    const byBarcode = new Map([...f.sandbox.model.table('variants').values()].map((v) => [v.attributes.barcode, v]));
    const picked = [20, 9]
      .map((rate) => goods.find((g) => g.vatRate === rate && byBarcode.has(g.barcode1)))
      .filter(Boolean);
    expect(picked.length).toBeGreaterThan(0);
    for (const good of picked) {
      // The demo database's prices include VAT (configkey20): the store gets them without it.
      const net = Math.round((good!.price / (1 + good!.vatRate / 100)) * 100);
      expect(byBarcode.get(good!.barcode1)!.attributes.price).toBe(net);
    }
    const order = f.sandbox.placeOrder({
      email: 'net@example.bg',
      lines: picked.map((g) => ({ barcode: g!.barcode1, quantity: 1 })),
    });
    const imported = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });
    expect(imported.state, imported.error ?? '').toBe('succeeded');
    expect(imported.counts.ordersImported).toBe(1);
    const rows = await readOrder(f.db.conn, { note: orderStamp(f!.sandbox.url, order.id) });
    for (const good of picked) {
      const row = rows.find((r) => r.goodId === good!.id)!;
      expect(Math.abs(row.priceOut - good!.price)).toBeLessThan(0.011);
    }
  });

  it("an order's own vat_included wins over the setting", async () => {
    f = await createSyncFixture('sqlite', {
      demo: { goods: 12, problems: false },
      sandbox: { pricesIncludeVat: false },
    });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
    const goods = await f.db.goodsForExport([], 2);
    const variant = [...f.sandbox.model.table('variants').values()][0];
    const good = goods.find((g) => g.barcode1 === variant.attributes.barcode)!;
    variant.attributes.price = 1000; // a net 10.00 in a store that says so on its orders
    const order = f.sandbox.placeOrder({ email: 'flag@example.bg', lines: [{ barcode: good.barcode1, quantity: 1 }] });
    await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });
    const [row] = await readOrder(f.db.conn, { note: orderStamp(f!.sandbox.url, order.id) });
    expect(row.priceOut).toBeCloseTo(10 * (1 + good.vatRate / 100), 4);
  });
});
