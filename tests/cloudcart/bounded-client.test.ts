/**
 * Issue 14 point 2: the store client is bounded against stores of the test's own that misbehave:
 * one that trickles its answer a byte at a time (never idle), one whose body never ends, one that
 * redirects elsewhere (the key must not follow) or turns a POST into a GET, and one that lies about
 * its pages. Each ends in bounded time with a clear error; none hangs or grows without limit.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { pages } from '../../electron/engine/cloudcart-client/paging';
import { AppError } from '../../electron/engine/errors';
import { jsonApi, startHostileStore, type HostileStore } from '../helpers/hostile-store';

const open: HostileStore[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  timers.splice(0).forEach((t) => clearInterval(t));
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function hostile(...args: Parameters<typeof startHostileStore>) {
  const s = await startHostileStore(...args);
  open.push(s);
  return s;
}

const KEY = 'K'.repeat(64);
const client = (url: string, extra: Partial<ConstructorParameters<typeof CloudCartStore>[0]> = {}) =>
  new CloudCartStore({ domain: url, apiKey: KEY, maxRetries: 2, ...extra });

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the call to fail').toBeInstanceOf(AppError);
  return err as AppError;
}

const product = {
  name: 'Чаша',
  description: '',
  categoryId: '1',
  active: true,
  featured: false,
  isNew: false,
  tracking: true,
  continueSelling: false,
  needsShipping: true,
  parameters: [],
};

describe('a store that trickles its answer', () => {
  it('ends each attempt at the total deadline, tries a read once more, then says the store is too slow', async () => {
    const store = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' });
      res.write('{"data": [');
      const t = setInterval(() => res.write(' '), 100); // never idle, never done
      timers.push(t);
      res.on('close', () => clearInterval(t));
    });
    const err = await failure(client(store.url, { deadlineMs: 700 }).catalog());
    expect(err.text.en).toMatch(/did not finish its answer within 1 s/);
    expect(store.seen).toHaveLength(2);
  }, 20_000);

  it('a write that trickles is a lost answer: looked for, never sent twice blindly', async () => {
    let posts = 0;
    const store = await hostile((req, res) => {
      if (req.method === 'POST') {
        posts++;
        res.writeHead(201, { 'content-type': 'application/vnd.api+json' });
        const t = setInterval(() => res.write(' '), 100);
        timers.push(t);
        res.on('close', () => clearInterval(t));
        return;
      }
      // The lost-answer finder: the product was made (the fourth try finds it).
      jsonApi(res, 200, { data: posts >= 4 ? [{ type: 'products', id: '7', attributes: { name: 'Чаша' } }] : [] });
    });
    const made = await client(store.url, { deadlineMs: 500 }).createProduct(product);
    expect(made.productId).toBe('7');
    expect(store.seen.filter((r) => r.method === 'GET').length).toBe(posts);
  }, 30_000);
});

describe('a body that never ends', () => {
  it('is cut off at the size cap, refused at once, and the store stops sending', async () => {
    let written = 0;
    const store = await hostile((_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' });
      res.write('{"data": ["');
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        // 64 MB at most, so even a client without a cap ends this test.
        while (written < 64 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('"]}');
      };
      pump();
    });
    const err = await failure(client(store.url, { maxResponseBytes: 1024 * 1024 }).catalog());
    expect(err.text.en).toMatch(/larger than 1 MB and was cut off/);
    expect(store.seen).toHaveLength(1); // not asked again
    expect(written).toBeLessThan(16 * 1024 * 1024);
  }, 30_000);
});

describe('redirects', () => {
  it('to another origin are not followed and the key is not sent there', async () => {
    const elsewhere = await hostile((_req, res) => jsonApi(res, 200, { data: [] }));
    const store = await hostile((_req, res) => {
      res.writeHead(301, { location: `${elsewhere.url}/api/v2/products?page[size]=1` });
      res.end();
    });
    for (const call of [() => client(store.url).catalog(), () => client(store.url).testConnection('en')]) {
      const outcome = await call().then(
        (r) => r,
        (e: unknown) => e,
      );
      const text = outcome instanceof AppError ? outcome.text.en : (outcome as { message: string }).message;
      expect(text).toMatch(/redirects the requests to another address/);
      expect(text).not.toContain(KEY);
    }
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('a POST turned into a GET by a redirect is not taken for a success', async () => {
    const store = await hostile((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(303, { location: '/api/v2/products/99' });
        res.end();
        return;
      }
      jsonApi(res, 200, { data: { type: 'products', id: '99', attributes: { name: 'чужд' } } });
    });
    const err = await failure(client(store.url).createProduct(product));
    expect(err.text.en).toMatch(/answered the POST with a redirect .* not taken as done/);
    expect(store.seen.map((r) => r.method)).toEqual(['POST']);
  });

  it('a read redirected within the same store is followed, with the key', async () => {
    const store = await hostile((req, res) => {
      if (req.url?.startsWith('/old/')) {
        res.writeHead(302, { location: req.url.replace('/old/', '/') });
        res.end();
        return;
      }
      jsonApi(res, 200, { data: [], meta: { page: { 'last-page': 1 } } });
    });
    const check = await client(`${store.url}/old`).testConnection('en');
    expect(check.ok).toBe(true);
  });
});

describe('a store that lies about its pages', () => {
  it('claims a billion pages and sends empty ones: one request', async () => {
    const store = await hostile((_req, res) =>
      jsonApi(res, 200, { data: [], meta: { page: { 'current-page': 1, 'last-page': 1e9, total: 1e11 } } }),
    );
    const stop = setTimeout(() => void store.close(), 5000); // an old client would loop until here
    timers.push(stop);
    const catalog = await client(store.url).catalog();
    expect(catalog).toEqual([]);
    expect(store.seen.length).toBeLessThanOrEqual(2); // categories, products
  });

  it('sends the same page again and again: stops with a clear error', async () => {
    const store = await hostile((_req, res) =>
      jsonApi(res, 200, {
        data: [{ type: 'products', id: '1', attributes: { name: 'Същият' } }],
        meta: { page: { 'last-page': 1e9 } },
      }),
    );
    const err = await failure(client(store.url).ordersSince(null));
    expect(err.text.en).toMatch(/same page of \/orders again and again/);
    expect(store.seen.length).toBeLessThanOrEqual(3);
  });

  it('sends new rows for ever: stops at the page cap with a clear error', async () => {
    let n = 0;
    const store = await hostile((_req, res) =>
      jsonApi(res, 200, {
        data: Array.from({ length: 100 }, () => ({ type: 'products', id: String(++n), attributes: {} })),
        meta: { page: { 'last-page': 1e9 } },
      }),
    );
    const read = async () => {
      for await (const page of pages(client(store.url).http, '/products', 20)) void page;
    };
    const err = await failure(read());
    expect(err.text.en).toMatch(/sends more than 20 pages of \/products/);
    expect(store.seen).toHaveLength(21);
  });
});
