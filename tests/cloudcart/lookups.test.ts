/**
 * Issue 12 points 1 and 3, issue 14 point 7: lookups that find nothing, parameters and options
 * listed once and matched locally, categories matched under their parent, and a collection answered
 * with `{"data": null}` gives a message that says so. Against the sandbox (both miss forms) and a
 * lying store of the test's own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { AppError } from '../../electron/engine/errors';
import type { NewStoreProduct } from '../../electron/engine/sync/ports';
import { jsonApi, startHostileStore, type HostileStore } from '../helpers/hostile-store';

let sandbox: Sandbox | null = null;
let hostile: HostileStore | null = null;
afterEach(async () => {
  await sandbox?.close();
  await hostile?.close();
  sandbox = null;
  hostile = null;
});

const MEDIA = 'application/vnd.api+json';
const get = (s: Sandbox, path: string) =>
  fetch(`${s.url}/api/v2${path}`, { headers: { 'X-CloudCart-ApiKey': s.apiKey, Accept: MEDIA } });
// JSON:API documents are checked field by field; their type is whatever the server sent.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();
const FAST = { rateLimit: 100_000 };

function clientFor(s: { url: string; apiKey?: string }) {
  const requests: { method: string; path: string; status: number }[] = [];
  const store = new CloudCartStore({
    domain: s.url,
    apiKey: s.apiKey ?? 'k',
    onRequest: (r) => requests.push(r),
    maxRetries: 0,
  });
  return { store, requests };
}

const product = (name: string, parameters: string[], categoryId = '1'): NewStoreProduct => ({
  name,
  description: '',
  categoryId,
  active: true,
  featured: false,
  isNew: false,
  tracking: true,
  continueSelling: false,
  needsShipping: true,
  parameters,
});

describe('single-record lookups in the sandbox', () => {
  it.each(['null', 'not-found'] as const)('a miss answers as documented with lookupMiss=%s', async (lookupMiss) => {
    sandbox = await startSandbox({ ...FAST, lookupMiss });
    const size = sandbox.model.insert('variant-parameters', { name: 'Размер', display_type: 'select' });
    sandbox.model.insert(
      'variant-options',
      { name: 'M', parameter_id: size.id },
      { parameter: ['variant-parameters', size.id] },
    );
    const hit = await json(get(sandbox, '/variant-parameters?filter[name]=Размер'));
    expect(hit.data).toMatchObject({ type: 'variant-parameters', id: String(size.id) });
    expect((await json(get(sandbox, '/variant-options?filter[name]=m'))).data.attributes.name).toBe('M');
    for (const path of [
      '/variant-parameters?filter[name]=Цвят',
      '/variant-options?filter[name]=XL',
      '/categories?filter[url_handle]=nyama',
      '/products?filter[url_handle]=nyama',
    ]) {
      const miss = await get(sandbox, path);
      if (lookupMiss === 'null') {
        expect(miss.status, path).toBe(200);
        expect(await miss.json(), path).toEqual({ data: null });
      } else expect(miss.status, path).toBe(404);
    }
  });
});

describe('the client treats data:null, an empty list and 404 alike as "not found"', () => {
  it.each(['null', 'not-found'] as const)(
    'creates products with new parameters and options (lookupMiss=%s), listing parameters once',
    async (lookupMiss) => {
      sandbox = await startSandbox({ ...FAST, lookupMiss });
      sandbox.model.insert('categories', { name: 'Всичко', parent_id: null });
      sandbox.model.insert('variant-parameters', { name: 'Материя', display_type: 'select' });
      const { store, requests } = clientFor(sandbox);
      for (const [name, params] of [
        ['Риза', ['Размер', 'Цвят']],
        ['Рокля', ['размер']],
        ['Шал', ['Материя']],
      ] as const) {
        const p = await store.createProduct(product(name, [...params]));
        await store.createVariant(p.productId, [...params], {
          sku: `${name}-1`,
          barcode: '',
          price: 1000,
          quantity: 1,
          weightGrams: null,
          options: params.map(() => 'M'),
        });
      }
      const snap = sandbox.model.snapshot();
      expect(snap.parameters.map((p) => p.name).sort()).toEqual(['Материя', 'Размер', 'Цвят']);
      expect(snap.options.map((o) => `${o.parameter_id}/${o.name}`)).toHaveLength(3);
      expect(requests.filter((r) => r.method === 'GET' && r.path === '/variant-parameters')).toHaveLength(1);
    },
  );

  it('an answer lost after a parameter was created is found in a fresh listing, not created twice', async () => {
    sandbox = await startSandbox(FAST);
    sandbox.model.insert('categories', { name: 'Всичко', parent_id: null });
    const { store } = clientFor(sandbox);
    sandbox.faults.dropAfterWrite = 1;
    await store.createProduct(product('Риза', ['Размер']));
    expect(sandbox.model.snapshot().parameters.map((p) => p.name)).toEqual(['Размер']);
  });
});

describe('categories are matched under their parent', () => {
  it('a root group does not take a same-named subcategory, and equal names live under different parents', async () => {
    sandbox = await startSandbox(FAST);
    const { store } = clientFor(sandbox);
    const men = await store.ensureCategory('Мъже', null);
    const women = await store.ensureCategory('Жени', null);
    const menAcc = await store.ensureCategory('Аксесоари', men);
    const womenAcc = await store.ensureCategory('Аксесоари', women);
    expect(new Set([men, women, menAcc, womenAcc]).size).toBe(4);
    const rootAcc = await store.ensureCategory('Аксесоари', null);
    expect([menAcc, womenAcc]).not.toContain(rootAcc);
    // Asked again (another run, so from a fresh listing), each finds its own.
    const again = clientFor(sandbox).store;
    expect(await again.ensureCategory('аксесоари ', men)).toBe(menAcc);
    expect(await again.ensureCategory('Аксесоари', null)).toBe(rootAcc);
    const cats = sandbox.model.snapshot().categories;
    expect(cats.filter((c) => c.name === 'Аксесоари')).toHaveLength(3);
    expect(new Set(cats.map((c) => c.url_handle)).size).toBe(cats.length);
    const roots = await json(get(sandbox, '/categories?filter[parent_id]=0'));
    expect(roots.data.map((c: { id: string }) => c.id).sort()).toEqual([men, women, rootAcc].sort());
  });
});

describe('a collection answered with {"data": null}', () => {
  it('says the store answered without a list, not "list is not iterable"', async () => {
    hostile = await startHostileStore((_req, res) => jsonApi(res, 200, { data: null }));
    const { store } = clientFor(hostile);
    for (const call of [() => store.ordersSince(null), () => store.catalog()]) {
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).text.en).toMatch(/without a list \(data: null\)/);
      expect((err as AppError).text.bg).toMatch(/без списък \(data: null\)/);
    }
  });
});
