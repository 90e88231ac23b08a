/**
 * The sandbox's rate limit over HTTP, against cloudcart/platform-wiki
 * tools/overrides/concepts/platform-rate-limits.md: a sliding 60 s window per Host domain,
 * limit - 1 passing, the documented headers and 429 body, limit 0 on a domain that is not the
 * primary one, an HTML 429 from another layer; and the other readings behind switches (a fixed
 * window, a weighted "average", refused requests counted). The clock is the test's, so the windows
 * are CloudCart's real 60 s and nothing waits.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/cloudcart-sandbox/sandbox-server';

let s: Sandbox | null = null;
let now = 1_800_000_000_000;
afterEach(async () => {
  await s?.close();
  s = null;
});

async function sandbox(options: SandboxOptions): Promise<Sandbox> {
  now = 1_800_000_000_000;
  s = await startSandbox({ windowMs: 60_000, clock: () => now, ...options });
  return s;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** GET /api/v2/products with a chosen Host header (fetch cannot set Host). */
function get(host?: string): Promise<Answer> {
  const sb = s!;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sb.port,
        path: '/api/v2/products',
        headers: {
          'X-CloudCart-ApiKey': sb.apiKey,
          Accept: 'application/vnd.api+json',
          ...(host ? { Host: host } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Statuses of `n` requests sent at the test clock's time `at` (seconds from the start). */
async function burst(at: number, n: number): Promise<number[]> {
  now = 1_800_000_000_000 + at * 1000;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await get()).status);
  return out;
}

describe('sandbox rate limit: as platform-rate-limits.md documents', () => {
  it('sliding (default): limit - 1 pass in any 60 s, and the budget comes back one request at a time', async () => {
    await sandbox({ rateLimit: 4 });
    expect(s!.limiter.settings.limiter).toBe('sliding');
    expect(await burst(0, 1)).toEqual([200]);
    expect(await burst(30, 3)).toEqual([200, 200, 429]); // 3 = limit - 1 in the window
    expect(await burst(59, 1)).toEqual([429]);
    // 60 s after the first request only that one has left the window.
    expect(await burst(60.001, 2)).toEqual([200, 429]);
    expect(await burst(90.001, 3)).toEqual([200, 200, 429]);
  });

  it('fixed (the other reading): the whole budget comes back when the window ends', async () => {
    await sandbox({ rateLimit: 4, limiter: 'fixed' });
    expect(await burst(0, 1)).toEqual([200]);
    expect(await burst(30, 3)).toEqual([200, 200, 429]);
    expect(await burst(60.001, 4)).toEqual([200, 200, 200, 429]);
  });

  it('average (the "sliding 60-second average" wording): the last window counts by its overlap', async () => {
    await sandbox({ rateLimit: 4, limiter: 'average' });
    expect(await burst(0, 4)).toEqual([200, 200, 200, 429]);
    // Half-way into the next window the 3 earlier requests still weigh 1.5.
    expect(await burst(90, 3)).toEqual([200, 200, 429]);
  });

  it('a denial is 429 with Retry-After 60, the X-RateLimit-* headers and the {error, message, retry_after} body', async () => {
    await sandbox({ rateLimit: 2 });
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(ok.headers['x-ratelimit-limit']).toBe('2');
    expect(ok.headers['x-ratelimit-remaining']).toBe('1');
    expect(ok.headers['x-ratelimit-reset']).toBe(String(Math.floor((now + 60_000) / 1000))); // now + 60
    expect(ok.headers['retry-after']).toBeUndefined();
    const no = await get();
    expect(no.status).toBe(429);
    expect(no.headers['retry-after']).toBe('60');
    expect(no.headers['x-ratelimit-remaining']).toBe('0');
    expect(no.headers['x-ratelimit-limit']).toBe('2');
    expect(no.headers['x-ratelimit-info']).toMatch(/Upgrade/);
    expect(no.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(no.text);
    expect(body).toMatchObject({ error: 'Too Many Requests', retry_after: 60 });
    expect(body.message).toMatch(/rate limit exceeded/i);
    expect(body.errors).toBeUndefined();
    // X-RateLimit-Reset stays now + 60 while the clock moves: a constant offset, not a reset time.
    now += 17_000;
    expect((await get()).headers['x-ratelimit-reset']).toBe(String(Math.floor((now + 60_000) / 1000)));
  });

  it('limit 0 on every request of a domain that is not the primary one, and after a plan change mid-run', async () => {
    await sandbox({ rateLimit: 100, primaryHost: 'shop.example' });
    for (const host of ['www.shop.example', 'shop.example.cloudcart.net']) {
      const no = await get(host);
      expect(no.status).toBe(429);
      expect(no.headers['x-ratelimit-limit']).toBe('0');
      expect(JSON.parse(no.text).message).toMatch(/no API access/);
    }
    expect((await get('Shop.Example')).status).toBe(200); // the Host is lower-cased
    expect((await get('shop.example')).headers['x-ratelimit-limit']).toBe('100');
    // The platform recomputes the limit while the store runs: a downgrade to no API access.
    const admin = await fetch(`${s!.url}/__sandbox/rate-limit`, {
      method: 'POST',
      body: JSON.stringify({ rateLimit: 0 }),
    });
    expect(((await admin.json()) as { rateLimit: number }).rateLimit).toBe(0);
    const after = await get('shop.example');
    expect(after.status).toBe(429);
    expect(after.headers['x-ratelimit-limit']).toBe('0');
  });

  it('an HTML 429 from another layer carries no X-RateLimit-* headers and spends no budget', async () => {
    await sandbox({ rateLimit: 2, htmlThrottle: 1 });
    const html = await get();
    expect(html.status).toBe(429);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toMatch(/<html/);
    expect(html.headers['x-ratelimit-limit']).toBeUndefined();
    expect((await get()).status).toBe(200);
  });

  it('switches for what the wiki leaves open: Reset format, the JSON:API 429 body, no Retry-After, refused requests counted', async () => {
    await sandbox({ rateLimit: 2, resetFormat: 'seconds', throttleBody: 'jsonapi', retryAfter: false });
    expect((await get()).headers['x-ratelimit-reset']).toBe('60');
    const no = await get();
    expect(no.headers['retry-after']).toBeUndefined();
    expect(no.headers['content-type']).toMatch(/vnd\.api\+json/);
    expect(JSON.parse(no.text).errors[0].status).toBe('429');
    s!.limiter.configure({ resetFormat: 'date' });
    expect((await get()).headers['x-ratelimit-reset']).toBe(new Date(now + 60_000).toUTCString());
    s!.limiter.configure({ resetFormat: 'none' });
    expect((await get()).headers['x-ratelimit-reset']).toBeUndefined();
    await s!.close();

    // Refused requests counted: a client that keeps knocking stays out longer.
    for (const countDenied of [false, true]) {
      await sandbox({ rateLimit: 3, countDenied });
      expect(await burst(0, 3)).toEqual([200, 200, 429]);
      expect(await burst(30, 1)).toEqual([429]);
      expect(await burst(60.001, 2)).toEqual(countDenied ? [200, 429] : [200, 200]);
      await s!.close();
      s = null;
    }
  });

  it('`sklad-sync sandbox --limiter fixed --reset-format date` starts that limiter; a wrong value is refused', async () => {
    const cli = (args: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'electron/cli/main.ts'), 'sandbox', ...args]);
    const child = cli(['--limiter', 'fixed', '--reset-format', 'date', '--rate-limit', '7', '--window-ms', '1000']);
    try {
      const line = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout }).once('line', resolve),
      );
      const { url } = JSON.parse(line);
      const settings = await (await fetch(`${url}/__sandbox/rate-limit`)).json();
      expect(settings).toMatchObject({ limiter: 'fixed', resetFormat: 'date', rateLimit: 7, windowMs: 1000 });
    } finally {
      child.kill('SIGTERM');
    }
    const bad = cli(['--limiter', 'bucket']);
    let stderr = '';
    bad.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => bad.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/limiter must be one of sliding, fixed, average/);
  });
});
