/**
 * Clock faults (issue 7): an order watermark across the autumn and spring DST changes of
 * Europe/Sofia, a store whose order times are in another zone (hours behind, a day ahead), store
 * times that go backwards while order ids go forwards, and the PC's own zone changing between
 * runs. No order missed, none doubled, the lines as in a fault-free twin, and each document dated
 * with the store's calendar day. The watermark is the highest imported order id (cloudcart-api.md
 * §8.4), so no store clock can move it; this file proves it.
 */
process.env.TZ = 'Europe/Sofia';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSettings } from '../../shared/types/server-profile';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { FaultTable, ZERO } from './fault-table';
import { mariadbMissing } from './needs';

const table = new FaultTable('Clock');
const missing = await mariadbMissing();
let clean: SyncFixture;
let clock: SyncFixture;
let barcodes: string[] = [];
/** store order id -> the calendar day its document must carry */
const expectedDay = new Map<string, string>();
let placed = 0;
/** The orders carry store times in the past: "import orders from" a day before them all. */
const OLD_ORDERS_TOO = {
  orders: { statuses: ['paid'], cashOnDelivery: true, from: '2026-01-01', importOnSince: null },
} as Partial<SyncSettings>;

beforeAll(async () => {
  if (missing) return;
  [clean, clock] = await Promise.all([
    createSyncFixture('mysql', { demo: { goods: 30 }, settings: OLD_ORDERS_TOO }),
    createSyncFixture('mysql', { demo: { goods: 30 }, settings: OLD_ORDERS_TOO }),
  ]);
  for (const f of [clean, clock])
    expect((await f.t.engine.sync.runToEnd(f.server.id, 'export', false)).state).toBe('succeeded');
  barcodes = [...clean.sandbox.model.table('variants').values()]
    .map((v) => String(v.attributes.barcode ?? ''))
    .filter((b) => b && b !== 'null')
    .sort();
}, 60_000);

afterAll(async () => {
  table.print();
  process.env.TZ = 'Europe/Sofia';
  await clean?.cleanup();
  await clock?.cleanup();
});

/** The same order in both stores; in the clock store it carries the given store time. */
function place(storeTime: string): void {
  const i = placed++;
  const lines = [0, 1].map((k) => ({ barcode: barcodes[(i * 5 + k * 3) % barcodes.length], quantity: 1 + k }));
  clean.sandbox.placeOrder({ email: `clock${i}@example.bg`, lines });
  const order = clock.sandbox.placeOrder({ email: `clock${i}@example.bg`, lines });
  order.attributes.date_added = storeTime;
  order.attributes.updated_at = storeTime;
  expectedDay.set(String(order.id), storeTime.slice(0, 10));
}

async function importClock(): Promise<void> {
  const r = await clock.t.engine.sync.runToEnd(clock.server.id, 'import', false);
  expect(r.state, r.error ?? '').toBe('succeeded');
  expect(r.counts.failed ?? 0).toBe(0);
}

async function documents(f: SyncFixture) {
  const rows = await f.db.conn.query<{ note: string; acct: number; day: string; good: string; qtty: number }>(
    `SELECT o.Note AS note, o.Acct AS acct, CAST(o.\`Date\` AS CHAR) AS day, g.BarCode1 AS good, o.Qtty AS qtty
     FROM operations o JOIN goods g ON g.ID = o.GoodID
     WHERE o.OperType = 19 AND o.Note LIKE 'CloudCart %#%' ORDER BY o.Note, g.BarCode1`,
  );
  const out = new Map<string, { accts: Set<number>; days: Set<string>; lines: string[] }>();
  for (const r of rows) {
    const d = out.get(byOrder(r.note)) ?? { accts: new Set(), days: new Set(), lines: [] };
    d.accts.add(Number(r.acct));
    d.days.add(String(r.day).slice(0, 10));
    d.lines.push(`${r.good}×${Number(r.qtty)}`);
    out.set(byOrder(r.note), d);
  }
  return out;
}

async function compare(name: string, runs: number) {
  expect((await clean.t.engine.sync.runToEnd(clean.server.id, 'import', false)).state).toBe('succeeded');
  const a = await documents(clean);
  const b = await documents(clock);
  let lost = 0;
  let doubled = 0;
  let differing = 0;
  const wrongDay: string[] = [];
  for (const [id, day] of expectedDay) {
    const note = `CloudCart #${id}`;
    const d = b.get(note);
    if (!d) {
      lost++;
      continue;
    }
    if (d.accts.size !== 1) doubled++;
    if (d.lines.join() !== a.get(note)?.lines.join()) differing++;
    if (d.days.size !== 1 || !d.days.has(day)) wrongDay.push(`${id}: ${[...d.days].join('/')} ≠ ${day}`);
  }
  const row = table.add({
    case: name,
    runs,
    lost,
    doubled,
    differing: differing + wrongDay.length,
    note: `${expectedDay.size} orders so far${wrongDay.length ? `; wrong day ${wrongDay.join(', ')}` : ''}`,
  });
  expect(FaultTable.zeros(row), wrongDay.join('; ')).toEqual(ZERO);
}

describe.skipIf(missing)('order watermark and store times', () => {
  it('the test runs in Europe/Sofia, with its DST changes', () => {
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(-120);
    expect(new Date(2026, 6, 15).getTimezoneOffset()).toBe(-180);
  });

  it('autumn DST change (25 Oct 2026, 04:00 EEST -> 03:00 EET): store times repeat an hour', async () => {
    place('2026-10-25 02:40:00');
    place('2026-10-25 03:20:00'); // first 03:20 (EEST)
    await importClock();
    place('2026-10-25 03:55:00');
    place('2026-10-25 03:05:00'); // the clock went back: a later order with an earlier time
    await importClock();
    place('2026-10-25 03:20:00'); // second 03:20 (EET), the same text as an imported order's
    place('2026-10-25 04:10:00');
    await importClock();
    await importClock(); // an idle poll after the change
    await compare('DST autumn: repeated hour', 4);
  });

  it('spring DST change (29 Mar 2026, 03:00 EET -> 04:00 EEST): a store time that does not exist here', async () => {
    place('2026-03-29 02:59:00');
    await importClock();
    place('2026-03-29 03:30:00'); // does not exist in Sofia
    place('2026-03-29 04:01:00');
    await importClock();
    await compare('DST spring: missing hour', 2);
  });

  it('a store whose times are in another zone: hours behind, a day ahead, and going backwards', async () => {
    place('2026-10-24 18:30:00'); // a store on New York time: 7 h behind Sofia
    place('2026-10-24 17:10:00'); // earlier than the order before it
    await importClock();
    place('2026-10-26 11:00:00'); // a store on UTC+14: already tomorrow
    place('2026-10-23 23:59:59'); // and one stamped days back
    place('2026-10-25 00:00:00'); // midnight exactly
    await importClock();
    await compare('store in another zone', 2);
  });

  it("the PC's own zone changes between runs (travel, a wrong zone fixed)", async () => {
    process.env.TZ = 'America/New_York';
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(300);
    place('2026-10-25 01:30:00');
    place('2026-10-25 23:30:00');
    await importClock();
    process.env.TZ = 'Pacific/Kiritimati';
    place('2026-10-25 03:30:00');
    await importClock();
    process.env.TZ = 'Europe/Sofia';
    place('2026-10-25 03:31:00');
    await importClock();
    await compare('PC zone changed between runs', 3);
  });
});

/** The twins are two stores (two domains in the stamp): documents compare by the order's number. */
function byOrder(note: string): string {
  return note.replace(/^CloudCart \S+ #/, 'CloudCart #');
}
