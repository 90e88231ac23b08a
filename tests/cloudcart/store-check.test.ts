/**
 * Issue 12 point 10, the store conformance check, against real sandboxes over HTTP: in the default
 * mode every row holds (and the read-only part writes nothing); each sandbox switch changes the
 * row that is about it, and the check still passes; settings that do not match the store, a
 * limit-0 host and a wrong key are named with what to do; the write test leaves no product
 * behind, also when a step is made to fail, and names the product when even the delete fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOUR, SANDBOX_SWITCHES } from '../../electron/cloudcart-sandbox/sandbox-behaviour';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/cloudcart-sandbox/sandbox-server';
import { READ_ROWS } from '../../electron/engine/store-check/check-catalogue';
import { runStoreCheck } from '../../electron/engine/store-check/run-check';
import type { StoreCompatibility, StoreFacts } from '../../shared/types/store-check';

const SOFIA: StoreFacts = { timeZone: 'Europe/Sofia', pricesIncludeVat: true, storeCurrency: 'EUR' };

let open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

/** A store with a category, one product, one order and one admin draft. */
async function store(options: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox({ rateLimit: 100_000, ...options });
  open.push(s);
  const category = s.model.insert('categories', { name: 'Всичко' });
  const product = s.model.insert(
    'products',
    { name: 'Чаша', active: 'yes' },
    { category: ['categories', category.id] },
  );
  s.model.insert(
    'variants',
    { sku: 'MUG-1', price: 500, quantity: 20, item_id: product.id },
    { product: ['products', product.id] },
  );
  s.placeOrder({ email: 'ivan@example.bg', lines: [{ sku: 'MUG-1', quantity: 1 }] });
  s.placeOrder({ draft: true, email: 'shop@example.bg', lines: [{ sku: 'MUG-1', quantity: 2 }] });
  return s;
}

function check(s: Sandbox, writeTest = true, facts: StoreFacts = SOFIA): Promise<StoreCompatibility> {
  return runStoreCheck({ domain: s.url, apiKey: s.apiKey, facts, writeTest });
}

const row = (r: StoreCompatibility, id: string) => {
  const found = r.rows.find((x) => x.id === id);
  if (!found) throw new Error(`no row ${id} in ${r.rows.map((x) => x.id).join(', ')}`);
  return found;
};

const catalogOf = (s: Sandbox) => ({
  products: s.model.table('products').size,
  variants: s.model.table('variants').size,
});

describe('check-store against the sandbox in its default mode', () => {
  it('read-only: every read row holds, the write test is named as not run, and nothing is written', async () => {
    const s = await store();
    const result = await check(s, false);
    expect(result.rows.map((r) => r.id)).toEqual([...READ_ROWS, 'write-test']);
    for (const r of result.rows.filter((x) => x.id !== 'write-test')) expect(r.ok, `${r.id}: ${r.seen.en}`).toBe(true);
    expect(row(result, 'write-test')).toMatchObject({ ok: null });
    expect(result).toMatchObject({ ok: true, writeTest: 'not-run', leftBehind: null });
    expect(Object.keys(s.requests.byRoute).every((route) => route.startsWith('GET '))).toBe(true);
    expect(result.requests).toBe(s.requests.total);
    expect(result.summary.en).toMatch(/^Everything the sync relies on holds .* The write test was not run\.$/);
  });

  it('with the write test: every row holds, the behaviour seen is given back, and the store is as before', async () => {
    const s = await store();
    const before = catalogOf(s);
    const result = await check(s);
    for (const r of result.rows) expect(r.ok, `${r.id}: ${r.seen.en}`).toBe(true);
    expect(result).toMatchObject({ ok: true, writeTest: 'done', leftBehind: null });
    expect(result.observed).toEqual({
      featuredForm: 'tinyint',
      defaultVariant: 'none',
      defaultVariantRefusal: null,
      variantsInPlan: true,
    });
    expect(row(result, 'units').seen.en).toBe('1234 (12.34), 250 g, 2.125: as sent');
    expect(row(result, 'time-zone').seen.en).toMatch(/^UTC\+0[23]:00 \(Europe\/Sofia now\)$/);
    expect(row(result, 'drafts').seen.en).toMatch(/^listed: 1 \(is_draft = 1/);
    expect(catalogOf(s)).toEqual(before);
    // The documented wording stays with the row, and names its page.
    expect(row(result, 'default-variant').documented.en).toMatch(/^open question/);
    expect(row(result, 'primary-domain').source).toBe('tools/overrides/concepts/platform-rate-limits.md');
  });
});

/** Each switch of the sandbox, the row it shows in, and what that row says in the other reading. */
const SWITCHES: { option: string; set: SandboxOptions; facts?: Partial<StoreFacts>; rowId: string; seen: RegExp }[] = [
  { option: 'lookupMiss', set: { lookupMiss: 'not-found' }, rowId: 'lookup-miss', seen: /^404$/ },
  {
    option: 'featuredForm',
    set: { featuredForm: 'yes-no' },
    rowId: 'featured-form',
    seen: /^yes\/no \(1 refused with 422/,
  },
  {
    option: 'timeoutAbovePageSize',
    set: { timeoutAbovePageSize: 50 },
    rowId: 'catalog-page',
    seen: /^504 at 100 a page; read at 50/,
  },
  {
    option: 'variantsInPlan',
    set: { variantsInPlan: false },
    rowId: 'variants-plan',
    seen: /^no: products with variants/,
  },
  {
    option: 'defaultVariant',
    set: { defaultVariant: 'created-with-product' },
    rowId: 'default-variant',
    seen: /^yes: the store makes it; the sync fills it$/,
  },
  {
    option: 'duplicateDefaultVariant',
    set: { duplicateDefaultVariant: 'conflict' },
    rowId: 'duplicate-variant',
    seen: /^refused \(409\)$/,
  },
  {
    option: 'timeZone',
    set: { timeZone: 'Asia/Tokyo' },
    facts: { timeZone: 'Asia/Tokyo' },
    rowId: 'time-zone',
    seen: /^UTC\+09:00 \(Asia\/Tokyo now\)$/,
  },
  {
    option: 'pricesIncludeVat',
    set: { pricesIncludeVat: false },
    facts: { pricesIncludeVat: false },
    rowId: 'order-vat',
    seen: /: no \(prices without VAT; the setting: without VAT\)$/,
  },
  { option: 'orderVatFlag', set: { orderVatFlag: false }, rowId: 'order-vat', seen: /^not shown: the setting holds/ },
  {
    option: 'draftOrders',
    set: { draftOrders: 'hidden' },
    rowId: 'drafts',
    seen: /^no draft listed \(there is none, or the store hides them\)/,
  },
  // The rate limiter's switches that one check can see.
  { option: 'resetFormat', set: { resetFormat: 'date' }, rowId: 'reset-format', seen: /^a date "/ },
  { option: 'resetFormat', set: { resetFormat: 'seconds' }, rowId: 'reset-format', seen: /^seconds from now \(60\)$/ },
  { option: 'resetFormat', set: { resetFormat: 'none' }, rowId: 'reset-format', seen: /^not sent$/ },
  { option: 'rateLimit', set: { rateLimit: 800 }, rowId: 'primary-domain', seen: /^800 a minute$/ },
];

describe('each sandbox switch is named in its row, and the check still passes', () => {
  it('every behaviour switch of the sandbox has a case here', () => {
    const covered = new Set(SWITCHES.map((c) => c.option));
    for (const s of SANDBOX_SWITCHES) expect(covered.has(s.option), `no case for ${s.option}`).toBe(true);
    expect(Object.keys(DEFAULT_BEHAVIOUR).every((k) => covered.has(k))).toBe(true);
  });

  it.each(SWITCHES)('$option = $set: row $rowId', async ({ set, facts, rowId, seen }) => {
    const usual = row(await check(await store()), rowId);
    const result = await check(await store(set), true, { ...SOFIA, ...facts });
    const changed = row(result, rowId);
    expect(changed.seen.en).toMatch(seen);
    expect(changed.seen.en).not.toBe(usual.seen.en);
    expect(changed.ok).toBe(true);
    expect(result.ok, result.summary.en).toBe(true);
    expect(result.leftBehind).toBeNull();
  });

  it('the observed behaviour follows the switches', async () => {
    const result = await check(await store({ featuredForm: 'yes-no', defaultVariant: 'created-with-product' }));
    expect(result.observed).toMatchObject({ featuredForm: 'yes-no', defaultVariant: 'created-with-product' });
  });
});

describe('what does not hold is named, with what to do', () => {
  it('settings that do not match the store: time zone, VAT, currency', async () => {
    const s = await store({ timeZone: 'America/New_York', pricesIncludeVat: false });
    const result = await check(s, true, { timeZone: 'Europe/Sofia', pricesIncludeVat: true, storeCurrency: 'BGN' });
    expect(result.ok).toBe(false);
    const failing = result.rows.filter((r) => r.ok === false).map((r) => r.id);
    expect(failing).toEqual(['order-vat', 'currency', 'time-zone']);
    expect(row(result, 'time-zone').advice?.en).toMatch(
      /^Choose the zone the store uses \(UTC-0[45]:00\) in "The store's time zone"/,
    );
    expect(row(result, 'order-vat').advice?.en).toMatch(
      /^Untick "The store's prices include VAT" in the server's settings/,
    );
    expect(row(result, 'currency').advice?.en).toMatch(/^Choose "Store currency" EUR/);
    expect(result.summary.en).toMatch(/^Does not hold: Order prices with or without VAT/);
    expect(result.summary.bg).toMatch(/^Не е в ред: Цени в поръчките със или без ДДС/);
  });

  it('a host that is not the primary domain (limit 0): that row fails with the primary-domain message, and nothing else is tried', async () => {
    const s = await store({ primaryHost: 'shop.example' });
    const result = await check(s);
    expect(result.ok).toBe(false);
    expect(row(result, 'primary-domain')).toMatchObject({ ok: false, seen: { en: '0' } });
    expect(row(result, 'primary-domain').advice?.en).toMatch(/Use the store's primary domain \(not www\./);
    expect(row(result, 'primary-domain').advice?.bg).toMatch(/Използвайте основния домейн на магазина/);
    expect(result.rows.filter((r) => r.id !== 'primary-domain').every((r) => r.ok === null)).toBe(true);
    expect(s.requests.total).toBe(1);
    expect(result.summary.en).toMatch(/^Does not hold: API access at this address/);
  });

  it('a wrong key: the key row fails, the limit is still read', async () => {
    const s = await store();
    const result = await runStoreCheck({ domain: s.url, apiKey: 'wrong', facts: SOFIA, writeTest: true });
    expect(row(result, 'auth')).toMatchObject({ ok: false, seen: { en: 'refused (401)' } });
    expect(row(result, 'auth').advice?.en).toMatch(/Wrong API key/);
    expect(row(result, 'primary-domain')).toMatchObject({ ok: true, seen: { en: '100000 a minute' } });
    expect(result.writeTest).toBe('not-run');
    expect(s.model.table('products').size).toBe(1);
  });
});

describe('the write test leaves no product behind', () => {
  it('when an update is refused: that row fails, the product is still deleted', async () => {
    const s = await store();
    s.faults.failRoutes = [{ route: 'PATCH /api/v2/variants/{id}', status: 500 }];
    const result = await check(s);
    expect(row(result, 'update').ok).toBe(false);
    expect(row(result, 'delete')).toMatchObject({ ok: true });
    expect(result).toMatchObject({ ok: false, writeTest: 'failed', leftBehind: null });
    expect(catalogOf(s)).toEqual({ products: 1, variants: 1 });
  });

  it('when the variant cannot be made: the later steps are not checked, the clean-up deletes the product', async () => {
    const s = await store();
    s.faults.failRoutes = [{ route: 'POST /api/v2/variants', status: 422 }];
    const result = await check(s);
    expect(row(result, 'default-variant').ok).toBe(false);
    for (const id of ['units', 'update', 'time-zone', 'duplicate-variant'])
      expect(row(result, id).seen.en).toBe('not checked: an earlier step failed');
    expect(row(result, 'delete').seen.en).toMatch(/^deleted in the clean-up \(#\d+\); GET answers 404$/);
    expect(result.leftBehind).toBeNull();
    expect(catalogOf(s)).toEqual({ products: 1, variants: 1 });
  });

  it('when the create answer is lost: the product is found by its name, checked and deleted', async () => {
    const s = await store();
    s.faults.dropAfterWrite = 1;
    const result = await check(s);
    expect(row(result, 'write-create').ok).toBe(true);
    expect(row(result, 'delete').ok).toBe(true);
    expect(catalogOf(s)).toEqual({ products: 1, variants: 1 });
  });

  it('when even the delete fails: the check fails and names the product to delete by hand', async () => {
    const s = await store();
    s.faults.failRoutes = [{ route: 'DELETE /api/v2/products/{id}', status: 500 }];
    const result = await check(s);
    expect(result.ok).toBe(false);
    const left = result.leftBehind!;
    const product = s.model.table('products').get(Number(left.productId))!;
    expect(product.attributes).toMatchObject({ name: left.name, active: 'no' });
    expect(left.name).toMatch(/^Sklad Sync проверка [0-9a-f]{8} \(2\)$/);
    expect(row(result, 'delete').ok).toBe(false);
    expect(row(result, 'delete').advice?.en).toBe(
      `Delete product #${left.productId} "${left.name}" by hand in CloudCart: Products (it is inactive; customers do not see it).`,
    );
    expect(result.summary.en).toMatch(/Delete the throwaway product/);
  });
});
