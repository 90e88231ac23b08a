/**
 * The client's pacing and 429 handling against the sandbox's documented rate limit over HTTP
 * (cloudcart/platform-wiki tools/overrides/concepts/platform-rate-limits.md). The client and the
 * sandbox share a short window (`rateWindowMs` / `windowMs`) so the tests run in seconds; the
 * pace is a share of the window, the same at CloudCart's 60 s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/cloudcart-sandbox/sandbox-server';
import type { LimiterKind, ResetFormat } from '../../electron/cloudcart-sandbox/sandbox-rate-limit';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { rateObservation } from '../../electron/engine/cloudcart-client/pacer';
import { liveProbes } from '../../electron/engine/live';
import { AppError } from '../../electron/engine/errors';

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function sandbox(options: SandboxOptions & { variants?: number }): Promise<Sandbox> {
  const s = await startSandbox(options);
  open.push(s);
  const cat = s.model.insert('categories', { name: 'Всичко' });
  for (let i = 1; i <= (options.variants ?? 5); i++) {
    const p = s.model.insert('products', { name: `Продукт ${i}` }, { category: ['categories', cat.id] });
    s.model.insert(
      'variants',
      { item_id: p.id, sku: `S-${i}`, price: 100, quantity: 1 },
      { product: ['products', p.id] },
    );
  }
  return s;
}

function client(s: Sandbox, windowMs: number) {
  const statuses: number[] = [];
  const store = new CloudCartStore({
    domain: s.url,
    apiKey: s.apiKey,
    rateWindowMs: windowMs,
    onRequest: (r) => statuses.push(r.status),
  });
  return { store, statuses, host: new URL(s.url).host };
}

async function updateAll(s: Sandbox, store: CloudCartStore, price: number): Promise<void> {
  for (const id of s.model.table('variants').keys()) await store.updateVariant(String(id), { price });
}

const prices = (s: Sandbox) => [...s.model.table('variants').values()].map((v) => v.attributes.price);

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return `${err.text.bg} | ${err.text.en}`;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** Milliseconds between each refused request and the next one the sandbox saw. */
function waitsAfterRefusals(s: Sandbox): number[] {
  const ev = s.limiter.events;
  return ev.slice(0, -1).flatMap((e, i) => (e.outcome === 'allowed' ? [] : [ev[i + 1].at - e.at]));
}

describe('CloudCart client: pacing at the documented rate limit', () => {
  it('sends limit - 1 per window at steady state without a 429, on the sliding, fixed and average limiters', async () => {
    const LIMIT = 20;
    // 6 s: 3% of it (180 ms) absorbs the stalls of a loaded test machine, sandbox and client alike.
    const WINDOW = 6000;
    // A window and a half of requests each, the three limiters at once (three hosts, three pacers).
    const runs = (['sliding', 'fixed', 'average'] as LimiterKind[]).map(async (limiter) => {
      const s = await sandbox({ rateLimit: LIMIT, windowMs: WINDOW, limiter, variants: 30 });
      const { store, statuses } = client(s, WINDOW);
      await updateAll(s, store, 777);
      return { limiter, s, statuses };
    });
    for (const { limiter, s, statuses } of await Promise.all(runs)) {
      expect(
        prices(s).every((p) => p === 777),
        limiter,
      ).toBe(true);
      expect(
        statuses.filter((x) => x === 429),
        limiter,
      ).toEqual([]);
      expect(s.requests.throttled, limiter).toBe(0);
      // The window was used, not half of it: the old pacer, spreading "remaining" over
      // "reset - now", settled near LIMIT / 2 under a sliding window.
      expect(s.limiter.peakInWindow, limiter).toBeGreaterThanOrEqual(LIMIT - 3);
      expect(s.limiter.peakInWindow, limiter).toBeLessThanOrEqual(LIMIT - 1);
    }
  });

  it('two runs against one store share its pace: together they stay under the limit', async () => {
    const s = await sandbox({ rateLimit: 11, windowMs: 2000, variants: 10 });
    const a = client(s, 2000);
    const b = client(s, 2000);
    await Promise.all([updateAll(s, a.store, 1), updateAll(s, b.store, 1)]);
    expect(s.requests.throttled).toBe(0);
    expect(s.limiter.peakInWindow).toBeLessThanOrEqual(10);
    expect(s.limiter.events).toHaveLength(20);
  });

  it('reads X-RateLimit-Reset as seconds, epoch or a date, and paces the same with any of them or none', async () => {
    const WINDOW = 2000;
    const formats: [ResetFormat, string][] = [
      ['seconds', 'seconds'],
      ['epoch', 'epoch-seconds'],
      ['date', 'date'],
      ['none', 'absent'],
    ];
    const runs = formats.map(async ([resetFormat, expected]) => {
      const s = await sandbox({ rateLimit: 10, windowMs: WINDOW, resetFormat, variants: 9 });
      const { store, host } = client(s, WINDOW);
      await updateAll(s, store, 5);
      return { s, seen: rateObservation(host)!, expected, at: Date.now() };
    });
    const results = await Promise.all(runs);
    for (const { s, seen, expected, at } of results) {
      expect(s.requests.throttled).toBe(0);
      expect(seen.limit).toBe(10);
      expect(seen.reset?.format ?? 'absent').toBe(expected);
      // Reset says "now + the window" (whole seconds in the epoch and date forms).
      if (expected !== 'absent') expect(Math.abs(seen.reset!.at! - (at + WINDOW))).toBeLessThan(1500);
    }
    // The pace comes from the limit alone: (limit - 1) per window, 3% under.
    const gaps = new Set(results.map((r) => r.seen.gapMs));
    expect(gaps.size).toBe(1);
    expect([...gaps][0]).toBeCloseTo((WINDOW * 1.03) / 9, 6);
  });
});

describe('CloudCart client: 429s and limit 0', () => {
  it('follows a limit changed mid-run (a pack bought): the pace comes from the latest X-RateLimit-Limit', async () => {
    const s = await sandbox({ rateLimit: 10, windowMs: 2000 });
    const { store, host } = client(s, 2000);
    await store.updateVariant('1', { price: 7 });
    expect(rateObservation(host)!.gapMs).toBeCloseTo((2000 * 1.03) / 9, 6);
    s.limiter.configure({ rateLimit: 20 });
    await store.updateVariant('2', { price: 7 });
    expect(rateObservation(host)!.gapMs).toBeCloseTo((2000 * 1.03) / 19, 6);
  });

  it('a POST refused with 429 is sent again and creates once: the edge refuses before the application', async () => {
    const s = await sandbox({ rateLimit: 100, windowMs: 200, denyNext: 2 });
    const { store, statuses } = client(s, 200);
    const res = await store.http.send('POST', '/categories', {
      data: { type: 'categories', attributes: { name: 'Нова' } },
    });
    expect(res.status).toBe(201);
    expect(statuses).toEqual([429, 429, 201]);
    expect([...s.model.table('categories').values()].filter((c) => c.attributes.name === 'Нова')).toHaveLength(1);
  });

  it('waits out a few 429s and stops after 5 in a row with a clear error, without a storm', async () => {
    const s = await sandbox({ rateLimit: 100, windowMs: 200, denyNext: 3 });
    const { store, statuses } = client(s, 200);
    await store.updateVariant('1', { price: 1 });
    expect(statuses).toEqual([429, 429, 429, 200]);

    s.limiter.configure({ denyNext: 1000 }); // another program has the store's whole budget
    const text = await messageOf(store.updateVariant('2', { price: 1 }));
    expect(text).toMatch(/отказа заявките 5 пъти подред заради лимита на API \(100 на минута\)/);
    expect(text).toMatch(/Настройки > API ключове/);
    expect(text).toMatch(/refused the requests 5 times in a row for its API limit/);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429, 429]);
    expect(s.limiter.events).toHaveLength(9);
    // Each wait was Retry-After (0.2 s here, 60 s on CloudCart).
    for (const ms of waitsAfterRefusals(s)) expect(ms).toBeGreaterThanOrEqual(190);
  });

  it('backs off when a 429 carries no Retry-After: 1/8 of the window, doubling', async () => {
    const s = await sandbox({ rateLimit: 100, windowMs: 800, denyNext: 3, retryAfter: false, resetFormat: 'none' });
    const { store, statuses } = client(s, 800);
    await store.updateVariant('1', { price: 2 });
    expect(statuses).toEqual([429, 429, 429, 200]);
    const waits = waitsAfterRefusals(s);
    // 100, 200, 400 ms, each -25%..+25%.
    expect(waits[0]).toBeGreaterThanOrEqual(70);
    expect(waits[1]).toBeGreaterThanOrEqual(145);
    expect(waits[2]).toBeGreaterThanOrEqual(295);
  });

  it('reads the 429 body in the JSON:API form too (json-api-status-codes.md) and waits the same', async () => {
    const s = await sandbox({ rateLimit: 100, windowMs: 200, denyNext: 2, throttleBody: 'jsonapi' });
    const { store, statuses } = client(s, 200);
    await store.updateVariant('1', { price: 3 });
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('limit 0 in the middle of a run stops it at once with the primary-domain / plan message', async () => {
    const s = await sandbox({ rateLimit: 1000, windowMs: 60_000 });
    const { store, statuses } = client(s, 60_000);
    for (const id of [1, 2, 3]) await store.updateVariant(String(id), { price: 4 });
    s.limiter.configure({ rateLimit: 0 }); // the plan lost API access, or the domain left the map
    const text = await messageOf(store.updateVariant('4', { price: 4 }));
    expect(text).toMatch(/не дава достъп до API \(лимит 0\)\. Използвайте основния домейн/);
    expect(text).toMatch(/Baby Pack/);
    expect(text).toMatch(/Use the store's primary domain/);
    expect(text).toMatch(/The store said: "API rate limit exceeded\. This plan has no API access/);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('limit 0 on a domain that is not the primary one, on the first request', async () => {
    const s = await sandbox({ rateLimit: 100, primaryHost: 'shop.example' });
    const { store, statuses } = client(s, 60_000);
    expect(await messageOf(store.catalog())).toMatch(/основния домейн.*Настройки > API ключове/);
    expect(statuses).toEqual([429]);
  });

  it('an HTML 429 from another layer is backed off, and named as not the API limit when it persists', async () => {
    const s = await sandbox({ rateLimit: 100, windowMs: 800, htmlThrottle: 2 });
    const { store, statuses } = client(s, 800);
    await store.updateVariant('1', { price: 5 });
    expect(statuses).toEqual([429, 429, 200]);
    const waits = waitsAfterRefusals(s);
    expect(waits[0]).toBeGreaterThanOrEqual(70);
    expect(waits[1]).toBeGreaterThanOrEqual(145);

    s.limiter.configure({ htmlThrottle: 1000 });
    const text = await messageOf(store.updateVariant('2', { price: 5 }));
    expect(text).toMatch(/Защита пред магазина .* \(не лимитът на API в плана\) отказа заявките 5 пъти подред/);
    expect(text).toMatch(/not the plan's API limit/);
    expect(s.limiter.events.filter((e) => e.outcome === 'html')).toHaveLength(7);
  });

  it('refused requests that count in the window (the other reading) are still waited out', async () => {
    const s = await sandbox({ rateLimit: 5, windowMs: 1000, countDenied: true, variants: 6 });
    // Another program spends the window and keeps knocking.
    for (let i = 0; i < 10; i++)
      await fetch(`${s.url}/api/v2/products`, { headers: { 'X-CloudCart-ApiKey': s.apiKey } });
    const { store, statuses } = client(s, 1000);
    await updateAll(s, store, 6);
    expect(prices(s).every((p) => p === 6)).toBe(true);
    expect(statuses.filter((x) => x === 429).length).toBeLessThanOrEqual(2);
  });

  it('a connection test answers at once on a 429 instead of sitting out Retry-After', async () => {
    const s = await sandbox({ rateLimit: 150, windowMs: 60_000, denyNext: 1 });
    const check = await liveProbes().testStore(s.url, s.apiKey, 'en');
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/refused the request for its API limit \(150 a minute\)/);
  });
});
