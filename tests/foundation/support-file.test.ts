/**
 * "Save a support file" on a real engine with real secrets saved (a sandbox store's API key, a
 * database password), real runs (one failed), goods needing attention, a log file and a
 * check-store report that both carry those secrets. The zip is opened with the real `unzip`; no
 * file in it may hold an API key, a password or a token, in any form. Serve mode (the contract's
 * `support:saveFile`, delivered as a download) and `sklad-sync support-file` give the same zip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import { writeZip } from '../../electron/engine/support/zip-writer';
import { ServerProfileInputSchema } from '../../shared/types/server-profile';
import type { SupportFileResult } from '../../shared/types/support';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

const DB_PASSWORD = 'Tajna-Parola_42!';
const OTHER_API_KEY = 'cc_live_9fK2mQ7xR4tV8wZ1';
const FEED_PASSWORD = 'feed-Pass-314';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.c2tsYWQ.sig-Token-77';
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

let f: SyncFixture;
let out: string;
let secrets: string[];

beforeAll(async () => {
  f = await createSyncFixture('sqlite', { demo: { goods: 20 } });
  out = mkdtempSync(join(tmpdir(), 'sklad-sync-support-'));
  const engine = f.t.engine;
  // A second server whose database refuses us: its run fails with an error.
  const other = engine.servers.save(
    ServerProfileInputSchema.parse({
      name: 'Склад Пловдив',
      store: { domain: 'plovdiv.example.bg' },
      database: { kind: 'mysql', host: '127.0.0.1', port: 1, database: 'warehouse', user: 'sklad' },
      secrets: { apiKey: OTHER_API_KEY, dbPassword: DB_PASSWORD },
    }),
  );
  expect((await engine.sync.runToEnd({ serverId: other.id, task: 'export' })).state).toBe('failed');
  // The demo shop has two goods with one barcode: the export reports that for a person to fix.
  expect((await engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
  expect((await engine.sync.runToEnd({ serverId: f.server.id, task: 'import' })).state).toBe('succeeded');

  // What a driver or an HTTP library could have put in the log, and a check-store report.
  mkdirSync(join(f.t.dataDir, 'logs'), { recursive: true });
  writeFileSync(
    join(f.t.dataDir, 'logs', 'sklad-sync.log'),
    [
      `2026-12-01T10:00:00.000Z ERROR store said 401 for key ${f.sandbox.apiKey}`,
      `2026-12-01T10:00:01.000Z ERROR connect mysql://sklad:${DB_PASSWORD}@127.0.0.1:1/warehouse refused`,
      `2026-12-01T10:00:02.000Z ERROR Authorization: Bearer ${BEARER}`,
      `2026-12-01T10:00:03.000Z INFO  {"apiKey":"${OTHER_API_KEY}","domain":"plovdiv.example.bg"}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(f.t.dataDir, 'logs', 'sklad-sync.1.log'), `older line with pwd=${DB_PASSWORD}\n`);
  writeFileSync(
    join(f.t.dataDir, 'check-store-2026-12-01.json'),
    JSON.stringify({ store: f.sandbox.url, key: f.sandbox.apiKey, findings: [{ sku: 'X1', problem: 'price' }] }),
  );
  // The desktop app's settings, with a feed address that carries a password.
  writeFileSync(
    join(f.t.dataDir, 'shell-settings.json'),
    JSON.stringify({ updates: true, updateFeedUrl: `https://shop:${FEED_PASSWORD}@updates.example.bg/desktop/` }),
  );
  secrets = [f.sandbox.apiKey, OTHER_API_KEY, DB_PASSWORD, BEARER, FEED_PASSWORD];
});

afterAll(async () => {
  await f?.cleanup();
  rmSync(out, { recursive: true, force: true });
});

/** Every file of the zip, read back with the real unzip. */
function unzipAll(zip: string): Record<string, string> {
  const names = execFileSync('zipinfo', ['-1', zip], { encoding: 'utf8' }).trim().split('\n');
  return Object.fromEntries(names.map((n) => [n, execFileSync('unzip', ['-p', zip, n], { encoding: 'utf8' })]));
}

function expectNoSecret(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    for (const secret of secrets) {
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
        expect(text.includes(form), `${name} holds a secret (${form.slice(0, 6)}…)`).toBe(false);
      }
    }
  }
}

describe.skipIf(!hasUnzip)('the support file', () => {
  it('serve mode: support:saveFile offers a zip download with everything support needs and no secret', async () => {
    const answer = await dispatch(f.t.engine, 'support:saveFile', {});
    expect(answer.ok).toBe(true);
    const result = answer as { ok: true; value: SupportFileResult };
    if (result.value.delivery !== 'download') throw new Error('expected a download');
    expect(result.value.filename).toMatch(/^sklad-sync-support-\d{8}-\d{6}\.zip$/);
    const zip = join(out, result.value.filename);
    writeFileSync(zip, Buffer.from(result.value.base64, 'base64'));
    const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
    console.log(listing);
    expect(execFileSync('unzip', ['-tq', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);

    const files = unzipAll(zip);
    expect(Object.keys(files)).toEqual(result.value.files);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'README.txt',
        'app.json',
        'settings.json',
        'servers/Тест-sqlite.json',
        'servers/Склад-Пловдив.json',
        'runs.json',
        'attention.json',
        'logs/sklad-sync.log',
        'logs/sklad-sync.1.log',
        'check-store/check-store-2026-12-01.json',
      ]),
    );
    expectNoSecret(files);

    const app = JSON.parse(files['app.json']);
    expect(app).toMatchObject({ name: 'Sklad Sync', version: 'test', madeBy: 'serve' });
    expect(app.os.platform).toBe(process.platform);
    expect(app.updates).toBeNull();
    const plovdiv = JSON.parse(files['servers/Склад-Пловдив.json']);
    expect(plovdiv.secrets).toEqual({ apiKey: 'set', dbPassword: 'set' });
    expect(plovdiv.database).toMatchObject({ kind: 'mysql', user: 'sklad', port: 1 });
    const runs = JSON.parse(files['runs.json']) as { state: string; error: string | null; task: string }[];
    expect(runs.filter((r) => r.state === 'failed')).toHaveLength(1);
    expect(runs.find((r) => r.state === 'failed')?.error).toBeTruthy();
    const attention = JSON.parse(files['attention.json']) as { server: string; items: { ref: string }[] }[];
    expect(attention.find((a) => a.server === 'Тест sqlite')?.items.length).toBeGreaterThan(0);
    // The secrets are masked, the rest of each line is kept for support.
    expect(files['logs/sklad-sync.log']).toContain('store said 401 for key ***');
    expect(files['logs/sklad-sync.log']).toContain('mysql://sklad:***@127.0.0.1:1/warehouse refused');
    expect(files['logs/sklad-sync.log']).toContain('Authorization: ***');
    expect(files['check-store/check-store-2026-12-01.json']).toContain('"problem":"price"');
    expect(JSON.parse(files['settings.json']).desktop.updateFeedUrl).toBe(
      'https://shop:***@updates.example.bg/desktop/',
    );
  });

  it('sklad-sync support-file --data-dir DIR --out FILE.zip writes the same zip from the command line', async () => {
    const zip = join(out, 'from-cli', 'support.zip');
    const run = spawnSync(tsx, ['electron/cli/main.ts', 'support-file', '--data-dir', f.t.dataDir, '--out', zip], {
      encoding: 'utf8',
      env: { ...process.env, SKLAD_SYNC_KEY_FILE: f.t.keyFile },
    });
    console.log(run.stdout, run.stderr);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Wrote ${zip}`);
    const files = unzipAll(zip);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['app.json', 'servers/Склад-Пловдив.json', 'logs/sklad-sync.log']),
    );
    expect(JSON.parse(files['app.json']).madeBy).toBe('cli');
    expectNoSecret(files);
  });

  it('the command line says what is wrong with a missing folder or no --out', () => {
    const missing = spawnSync(
      tsx,
      ['electron/cli/main.ts', 'support-file', '--data-dir', join(out, 'nope'), '--out', 'x.zip'],
      {
        encoding: 'utf8',
      },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('There is no data folder');
    const noOut = spawnSync(tsx, ['electron/cli/main.ts', 'support-file'], { encoding: 'utf8' });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--out');
  });
});

describe.skipIf(!hasUnzip)('the zip writer', () => {
  it('writes what unzip reads back: deflated and stored entries, UTF-8 names, an empty file', () => {
    const zip = join(out, 'plain.zip');
    const big = 'ред от дневника / a log line\n'.repeat(5000);
    const random = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251));
    writeFileSync(
      zip,
      writeZip([
        { name: 'logs/дневник.log', data: big },
        { name: 'random.bin', data: random },
        { name: 'empty.txt', data: '' },
      ]),
    );
    expect(execFileSync('unzip', ['-tq', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
    expect(execFileSync('unzip', ['-p', zip, 'logs/дневник.log'], { encoding: 'utf8' })).toBe(big);
    expect(execFileSync('unzip', ['-p', zip, 'random.bin']).equals(random)).toBe(true);
    expect(execFileSync('unzip', ['-p', zip, 'empty.txt'], { encoding: 'utf8' })).toBe('');
    expect(() => writeZip([{ name: '../evil', data: 'x' }])).toThrow(/bad zip entry name/);
  });
});

if (!hasUnzip) console.log('skipped: no `unzip` on this machine (apt-get install unzip)');
