/**
 * Every run ends, and says truly how it went (issue 14.2):
 * - past its deadline ("Longest run") a run stuck on a store or a database that never answers ends
 *   as failed with the reason, and its lease is handed back (no longer renewed);
 * - a run that failed to write what it meant to write never says "succeeded": "failed" when none
 *   of its changes was written, "partial" (exit code 3) when some were.
 * Real MariaDB, the sandbox store, real listeners of the test's own, and the CLI as a process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { KeyFileSecretBox } from '../../electron/engine/secrets/key-file-secret-box';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { sessionOpener } from '../../electron/engine/sync/open-session';
import { MysqlConn } from '../../electron/engine/wpdb/mysql-conn';
import { openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import { ServerProfileInputSchema } from '../../shared/types/server-profile';
import { lastReport, startCli } from '../faults/cli-child';
import { mariadbMissing } from '../faults/needs';
import {
  startFreezingProxy,
  startLyingStore,
  startSilentStore,
  type LyingStore,
  type SilentStore,
} from '../helpers/stuck-peers';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { createTestDatabase, MARIADB, type TestDatabase } from '../helpers/warehouse-fixtures';

const BOUND_MS = 45_000;
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)),
  ]);
}

const missing = await mariadbMissing();

/** An engine of its own whose runs end after `deadlineMs` (the "Longest run" setting, shortened). */
function engineWithDeadline(root: string, deadlineMs: number): Engine {
  return new Engine({
    dataDir: join(root, 'data'),
    secrets: new KeyFileSecretBox(join(root, 'key')),
    host: 'serve',
    version: 'test',
    runDeadlineMs: deadlineMs,
  });
}

const importOnly = {
  operationsObjectId: 2,
  operatorId: 2,
  importTask: { enabled: true, startMode: { kind: 'on-start' }, pollMinutes: 60, downloadGoods: false },
  exportTask: { enabled: false, objectGroups: ['AAA'] },
} as const;

async function leaseRows(database: string): Promise<{ Name: string; Holder: string }[]> {
  const conn = await MysqlConn.open({ ...MARIADB, database });
  try {
    return await conn.query('SELECT Name, Holder FROM sklad_sync_lease');
  } finally {
    await conn.close();
  }
}

describe.skipIf(missing)('a run ends by its deadline', () => {
  let root: string;
  let wp: TestDatabase;
  let silent: SilentStore;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sklad-deadline-'));
    wp = await createTestDatabase('mysql', { goods: 10 });
    silent = await startSilentStore();
  });
  afterAll(async () => {
    await silent?.close();
    await wp?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('stuck on a store that never answers: failed with the reason, and the lease handed back', async () => {
    const engine = engineWithDeadline(join(root, 'store'), 1500);
    try {
      const server = engine.servers.save(
        ServerProfileInputSchema.parse({
          name: 'Мълчащ магазин',
          store: { domain: silent.url },
          database: wp.connection,
          settings: importOnly,
          secrets: { apiKey: 'key-of-a-silent-store' },
        }),
      );
      const run = await within(
        engine.sync.runToEnd({ serverId: server.id, task: 'import' }),
        BOUND_MS,
        'the run ending',
      );
      expect(run.state).toBe('failed');
      expect(run.error).toMatch(/did not finish within 2 s \(the "Longest run" setting\)/);
      expect(silent.received.length).toBeGreaterThan(0);
      // Released, not left to be renewed: another copy may take the store at once.
      expect(await leaseRows(wp.connection.database)).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('stuck on a database that stops answering mid-run: failed with the reason', async () => {
    const proxy = await startFreezingProxy({ host: MARIADB.host, port: MARIADB.port });
    const f = await createSyncFixture('mysql', { demo: { goods: 10 } });
    const engine = engineWithDeadline(join(root, 'db'), 1500);
    try {
      // The store has an order, so the import reaches the database after taking the lease.
      expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
      const variant = [...f.sandbox.model.table('variants').values()][0];
      f.sandbox.placeOrder({ email: 'stuck@example.bg', lines: [{ variantId: variant.id, quantity: 1 }] });
      const server = engine.servers.save(
        ServerProfileInputSchema.parse({
          name: 'Замръзнала база',
          store: { domain: f.sandbox.url },
          database: { ...f.wpdb.connection, port: proxy.port },
          settings: { ...importOnly, compareBy: 'barcode' },
          secrets: { apiKey: f.sandbox.apiKey },
        }),
      );
      proxy.freezeOn(/FROM goods/i);
      const run = await within(
        engine.sync.runToEnd({ serverId: server.id, task: 'import' }),
        BOUND_MS,
        'the run ending',
      );
      expect(run.state).toBe('failed');
      expect(run.error).toMatch(/the "Longest run" setting/);
      expect(proxy.queries.some((q) => q.frozen)).toBe(true);
      expect(engine.sync.runtime.activeRuns(server.id)).toEqual([]);
    } finally {
      await engine.close();
      await proxy.close();
      await f.cleanup();
    }
  });
});

describe('past its deadline a run no longer renews its lease', () => {
  it('the lease row stops moving at the deadline while the stuck task gets its grace', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sklad-renew-'));
    const wp = await createTestDatabase('sqlite', { goods: 3 });
    const silent = await startSilentStore();
    // Renewed every 100 ms instead of 30 s, so a test can watch it.
    let engine: Engine | null = null;
    const opener = sessionOpener(
      (id, name) => engine!.servers.readSecret(id, name),
      (domain, apiKey, onRequest) => new CloudCartStore({ domain, apiKey, onRequest }),
      { leaseRenewMs: 100 },
    );
    engine = new Engine({
      dataDir: join(root, 'data'),
      secrets: new KeyFileSecretBox(join(root, 'key')),
      host: 'serve',
      version: 'test',
      runDeadlineMs: 2500,
      openSession: opener,
    });
    const watcher = await openWarehouse(wp.connection, null);
    const expiry = async () =>
      Number(
        (await watcher.conn.query<{ e: number }>('SELECT ExpiresAt AS e FROM sklad_sync_lease'))[0]?.e ?? Number.NaN,
      );
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      const server = engine.servers.save(
        ServerProfileInputSchema.parse({
          name: 'Мълчащ магазин',
          store: { domain: silent.url },
          database: wp.connection,
          settings: importOnly,
          secrets: { apiKey: 'key-of-a-silent-store' },
        }),
      );
      const started = Date.now();
      const run = engine.sync.runToEnd({ serverId: server.id, task: 'import' });
      while (silent.received.length === 0) await pause(50);
      // Before the deadline the lease is renewed: its expiry moves on.
      const first = await expiry();
      await pause(400);
      expect(await expiry()).toBeGreaterThan(first);
      // After it (the task still stuck in its request, within its grace) the expiry stands still.
      await pause(Math.max(0, started + 2500 + 300 - Date.now()));
      const atDeadline = await expiry();
      await pause(1000);
      expect(await expiry()).toBe(atDeadline);
      const ended = await within(run, BOUND_MS, 'the run ending');
      expect(ended.state).toBe('failed');
    } finally {
      await engine.close();
      await watcher.close();
      await silent.close();
      await wp.drop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.skipIf(missing)('a run that could not write what it meant to never says "succeeded"', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await createSyncFixture('mysql', { demo: { goods: 20 } });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
  });
  afterAll(async () => f?.cleanup());

  const importByCli = () => {
    const cli = startCli(['run', '--server', f.server.name, '--task', 'import', '--json', '--data-dir', f.t.dataDir], {
      root: f.t.root,
      apiKey: f.sandbox.apiKey,
      env: { SKLAD_SYNC_KEY_FILE: f.t.keyFile },
    });
    return within(cli.done, BOUND_MS, 'the CLI exiting').finally(() => cli.kill());
  };
  const variants = () => [...f.sandbox.model.table('variants').values()];

  it('one order refused by the database, one written: "partial", exit code 3, the refused one named', async () => {
    const trigger = `refuse_${randomBytes(3).toString('hex')}`;
    await f.db.conn.run(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON partners FOR EACH ROW BEGIN ` +
        `IF NEW.eMail = 'refused@example.bg' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by a trigger'; END IF; END`,
    );
    try {
      f.sandbox.placeOrder({ email: 'fine@example.bg', lines: [{ variantId: variants()[0].id, quantity: 1 }] });
      const refused = f.sandbox.placeOrder({
        email: 'refused@example.bg',
        lines: [{ variantId: variants()[1].id, quantity: 1 }],
      });
      const result = await importByCli();
      const report = lastReport(result.stdout);
      expect(report.state, result.stderr).toBe('partial');
      expect(result.code).toBe(3);
      expect(report.counts.ordersImported).toBe(1);
      expect(report.error).toMatch(/1 of 2 changes could not be written/);
      expect(report.error).toContain(refused.id);
    } finally {
      await f.db.conn.run(`DROP TRIGGER ${trigger}`);
    }
  });

  it('every order failing (a database without operations.Note): "failed", exit code 1', async () => {
    await f.db.conn.run('ALTER TABLE operations DROP COLUMN Note');
    try {
      f.sandbox.placeOrder({ email: 'a@example.bg', lines: [{ variantId: variants()[2].id, quantity: 1 }] });
      f.sandbox.placeOrder({ email: 'b@example.bg', lines: [{ variantId: variants()[3].id, quantity: 1 }] });
      const result = await importByCli();
      expect(lastReport(result.stdout).state, result.stdout).toBe('failed');
      expect(result.code).toBe(1);
      const run = f.t.engine.sync.state.lastRun(f.server.id, 'import', { real: true })!;
      expect(run.state).toBe('failed');
    } finally {
      await f.db.conn.run('ALTER TABLE operations ADD COLUMN Note VARCHAR(255) NULL');
    }
  });
});

describe('a write whose answer is not a real success', () => {
  let f: SyncFixture;
  let lying: LyingStore | null = null;
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 8 } });
  });
  afterAll(async () => {
    await lying?.close();
    await f?.cleanup();
  });

  /** A second server on the same database whose store is the sandbox behind `lie`. */
  async function serverBehind(name: string, lie: Parameters<typeof startLyingStore>[1]) {
    await lying?.close();
    lying = await startLyingStore(f.sandbox.url, lie);
    return f.t.engine.servers.save(
      ServerProfileInputSchema.parse({
        name,
        store: { domain: lying.url },
        database: f.wpdb.connection,
        settings: { ...f.server.settings },
        secrets: { apiKey: f.sandbox.apiKey },
      }),
    );
  }
  const cliRun = async (server: string, task: string) => {
    const cli = startCli(['run', '--server', server, '--task', task, '--json', '--data-dir', f.t.dataDir], {
      root: f.t.root,
      apiKey: f.sandbox.apiKey,
      env: { SKLAD_SYNC_KEY_FILE: f.t.keyFile },
    });
    return within(cli.done, BOUND_MS, 'the CLI exiting').finally(() => cli.kill());
  };

  it('a product POST turned into a GET by a redirect: the export does not say "succeeded", the CLI exits non-zero', async () => {
    // Every POST of a product is redirected (302), so the client follows it as a GET of the
    // product list: an answer of 200 that created nothing.
    await serverBehind('Пренасочван магазин', (req, res) => {
      if (req.method !== 'POST' || !req.url?.startsWith('/api/v2/products')) return false;
      res.writeHead(302, { location: '/api/v2/products' });
      res.end();
      return true;
    });
    const result = await cliRun('Пренасочван магазин', 'export');
    const report = lastReport(result.stdout);
    expect(report.state, result.stdout).not.toBe('succeeded');
    expect([1, 3]).toContain(result.code);
    expect(f.sandbox.model.table('products').size).toBe(0);
    expect(report.counts.productsCreated ?? 0).toBe(0);
  });

  it('the order number refused on its way back to the store: the order is written, the run is "partial"', async () => {
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
    const variant = [...f.sandbox.model.table('variants').values()][0];
    const order = f.sandbox.placeOrder({ email: 'usn@example.bg', lines: [{ variantId: variant.id, quantity: 1 }] });
    const server = await serverBehind('Магазин без usn', (req, res) => {
      if (req.method !== 'PATCH' || !req.url?.startsWith('/api/v2/orders/')) return false;
      res.writeHead(422, { 'content-type': 'application/vnd.api+json' });
      res.end(
        JSON.stringify({
          errors: [{ status: '422', title: 'usn is locked', source: { pointer: '/data/attributes/usn' } }],
        }),
      );
      return true;
    });
    const result = await cliRun(server.name, 'import');
    const report = lastReport(result.stdout) as ReturnType<typeof lastReport> & { errors: unknown[] };
    expect(report.state, result.stdout).toBe('partial');
    expect(result.code).toBe(3);
    expect(report.counts.ordersImported).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ ref: String(order.id), action: 'usn' })]);
    expect(f.sandbox.model.snapshot().orders.find((o) => String(o.id) === String(order.id))?.usn ?? null).toBeNull();
  });
});
