/**
 * Two copies of the program started on the same server at the same moment (two OS processes of
 * `sklad-sync run`, B6): one runs; the other says who holds the lease (host and pid) and either
 * stops with that message or, with `--wait`, waits and runs after it. The store ends as after one
 * fault-free export: nothing doubled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { leaseNameFor } from '../../electron/engine/sync/open-session';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { createTestDatabase, type TestDatabase } from '../helpers/warehouse-fixtures';
import { lastReport, runArgs, startCli } from './cli-child';
import { FaultTable, ZERO } from './fault-table';
import { compareStores, storeView } from './store-view';

const table = new FaultTable('Two copies at once');
let clean: SyncFixture;

beforeAll(async () => {
  clean = await createSyncFixture('sqlite', { demo: { goods: 30 } });
  expect((await clean.t.engine.sync.runToEnd({ serverId: clean.server.id, task: 'export' })).state).toBe('succeeded');
});
afterAll(async () => {
  table.print();
  await clean?.cleanup();
});

async function twoCopies(name: string, opts: { wait: boolean; sharedDataDir: boolean }): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sklad-two-'));
  const wp: TestDatabase = await createTestDatabase('sqlite', { goods: 30 });
  const store: Sandbox = await startSandbox({ rateLimit: 100_000 });
  try {
    writeFileSync(
      join(root, 'profile.json'),
      JSON.stringify({
        name: 'Two copies',
        type: clean.server.type,
        store: { domain: store.url },
        database: wp.connection,
        settings: clean.server.settings,
      }),
    );
    store.faults.latencyMs = 15; // an export of a few seconds, so the two overlap
    const dirs = opts.sharedDataDir ? [join(root, 'data'), join(root, 'data')] : [join(root, 'pc1'), join(root, 'pc2')];
    const copies = dirs.map((dir) =>
      startCli([...runArgs(root, 'export', dir), ...(opts.wait ? ['--wait', '60'] : [])], {
        root,
        apiKey: store.apiKey,
      }),
    );
    const results = await Promise.all(copies.map((c) => c.done));
    store.faults.latencyMs = 0;
    const reports = results.map((r) => {
      try {
        return lastReport(r.stdout);
      } catch (err) {
        throw new Error(`${(err as Error).message}\nstderr:\n${r.stderr}\nexit: ${r.code}`);
      }
    });
    // The copy that did not get the lease: the failed one, or (with --wait) the one that waited.
    const loser = opts.wait
      ? results.findIndex((r) => r.stderr.includes('waiting'))
      : reports.findIndex((r) => r.state === 'failed');
    expect(loser, results.map((r) => r.stdout + r.stderr).join('\n')).toBeGreaterThanOrEqual(0);
    const winner = 1 - loser;
    expect(reports[winner].state).toBe('succeeded');
    // The other copy names the holder: this PC's name and the running copy's process id.
    const holder = `${hostname()} (pid ${results[winner].pid},`;
    if (opts.wait) {
      expect(results[loser].stderr).toContain(`being run by another copy (${holder}`);
      expect(results[loser].stderr).toContain('waiting');
      expect(reports[loser].state).toBe('succeeded');
      expect(results.map((r) => r.code)).toEqual([0, 0]);
    } else {
      expect(reports[loser].state).toBe('failed');
      expect(reports[loser].error).toContain(`another copy of the program (${holder}`);
      expect(results[loser].code).toBe(1);
    }
    const cmp = compareStores(storeView(clean.sandbox), storeView(store));
    const row = table.add({
      case: name,
      runs: 2,
      ...cmp,
      note: opts.wait
        ? 'the second waited, then ran'
        : `the second stopped: "${reports[loser].error?.split(' / ')[1]}"`,
    });
    expect(FaultTable.zeros(row)).toEqual(ZERO);
  } finally {
    await store.close();
    await wp.drop();
    rmSync(root, { recursive: true, force: true });
  }
}

describe('two copies of the program on the same server at once', () => {
  it('the lease is named after the store, however its address was typed, not after the profile', () => {
    expect(leaseNameFor({ store: { domain: 'https://Shop.Example.bg/' } })).toBe('store-shop.example.bg');
    expect(leaseNameFor({ store: { domain: 'shop.example.bg' } })).toBe('store-shop.example.bg');
  });

  it(
    'on one PC (one data folder): one runs, the other says who holds the lease and stops',
    () => twoCopies('two at once, one PC, no --wait', { wait: false, sharedDataDir: true }),
    60_000,
  );

  it(
    'on two PCs (two data folders) with --wait: the other says who holds the lease, waits, then runs',
    () => twoCopies('two at once, two PCs, --wait 60', { wait: true, sharedDataDir: false }),
    60_000,
  );
});
