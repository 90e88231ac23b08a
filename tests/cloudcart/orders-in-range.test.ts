/**
 * Reconciliation's store read (B4, `orders-in-range.ts`) against a store of the test's own that
 * ignores the orders' date filters (the wiki documents them; a store that drops them must not make
 * the read unbounded): the read goes newest first by date_added and stops at the first order older
 * than the range, keeps only the range's days, and a range wider than the page bound is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { ordersPlacedBetween } from '../../electron/engine/cloudcart-client/orders-in-range';
import { startHostileStore, type HostileStore } from '../helpers/hostile-store';

const open: HostileStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** 1,000 orders, ten a day from 2026-08-01 on, listed newest first by date_added whatever the filters say. */
async function storeIgnoringFilters(): Promise<HostileStore> {
  const day0 = Date.UTC(2026, 7, 1);
  const orders = Array.from({ length: 1000 }, (_, i) => {
    const d = new Date(day0 + Math.floor(i / 10) * 86_400_000).toISOString().slice(0, 10);
    return {
      type: 'orders',
      id: String(1000 + i),
      attributes: { status: 'paid', currency: 'EUR', date_added: `${d} 1${i % 10}:00:00`, is_draft: 0 },
      relationships: {},
    };
  }).reverse();
  const s = await startHostileStore((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const size = Number(url.searchParams.get('page[size]') ?? 20);
    const number = Number(url.searchParams.get('page[number]') ?? 1);
    const page = orders.slice((number - 1) * size, number * size);
    res.writeHead(200, { 'content-type': 'application/vnd.api+json' });
    res.end(
      JSON.stringify({
        data: page,
        meta: { page: { 'current-page': number, 'per-page': size, total: orders.length, 'last-page': 10 } },
      }),
    );
  });
  open.push(s);
  return s;
}

const client = (url: string) => new CloudCartStore({ domain: url, apiKey: 'K'.repeat(64), maxRetries: 1 });

describe('orders of a date range from a store that ignores the date filters', () => {
  it('reads only down to the first day, and lists only the days asked for', async () => {
    const store = await storeIgnoringFilters();
    // The newest day is 2026-11-08 (day 99); ask for its two days before.
    const orders = await client(store.url).ordersPlacedBetween('2026-11-06', '2026-11-07');
    expect(orders).toHaveLength(20);
    expect(orders.every((o) => o.createdAt >= '2026-11-06' && o.createdAt < '2026-11-08')).toBe(true);
    // 30 newest orders, then the first older one: one page of 100 was enough.
    expect(store.seen).toHaveLength(1);
    const asked = new URL(store.seen[0].path, 'http://x').searchParams;
    expect(asked.get('filter[start_date]')).toBe('2026-11-06 00:00:00');
    expect(asked.get('filter[end_date]')).toBe('2026-11-07 23:59:59');
    expect(asked.get('sort')).toBe('-date_added');
  });

  it('refuses a range of more orders than it reads at once, naming a shorter range as the fix', async () => {
    const store = await storeIgnoringFilters();
    const err = await ordersPlacedBetween(client(store.url).http, '2026-08-01', '2026-11-08', 3).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/more than 300 orders.*Choose a shorter range/);
    expect(store.seen).toHaveLength(4);
  });
});
