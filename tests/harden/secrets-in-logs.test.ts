/**
 * Secrets in logs (issue 14.8): besides the labelled patterns, the servers' known secret values
 * are masked wherever they appear (a store that echoes the key in an error, without any label,
 * must not get it into the history, the state database, the events or the log file), and the
 * state database with its WAL and SHM files is readable by its owner only.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { KeyFileSecretBox } from '../../electron/engine/secrets/key-file-secret-box';
import { maskKnownSecrets } from '../../electron/engine/secrets/secret-mask';
import { attachEngineLog } from '../../electron/shell/engine-log';
import { RotatingLog } from '../../electron/shell/rotating-log';
import { ServerProfileInputSchema } from '../../shared/types/server-profile';
import { startLyingStore, type LyingStore } from '../helpers/stuck-peers';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

describe('known secrets are masked wherever they appear', () => {
  let f: SyncFixture;
  let lying: LyingStore;
  let logDir: string;
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 6 } });
    logDir = mkdtempSync(join(tmpdir(), 'sklad-logs-'));
    // A store that refuses every new product and quotes the request's key back, with no label.
    lying = await startLyingStore(f.sandbox.url, (req, res) => {
      if (req.method !== 'POST' || !req.url?.startsWith('/api/v2/products')) return false;
      const key = String(req.headers['x-cloudcart-apikey']);
      res.writeHead(422, { 'content-type': 'application/vnd.api+json' });
      res.end(JSON.stringify({ errors: [{ status: '422', detail: `request ${key} is not allowed to create` }] }));
      return true;
    });
  });
  afterAll(async () => {
    await lying?.close();
    await f?.cleanup();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('a key the store echoes in an error reaches no run item, event, state file or log line', async () => {
    const key = f.sandbox.apiKey;
    const server = f.t.engine.servers.save(
      ServerProfileInputSchema.parse({
        name: 'Повтарящ магазин',
        store: { domain: lying.url },
        database: f.wpdb.connection,
        settings: f.server.settings,
        secrets: { apiKey: key },
      }),
    );
    const log = new RotatingLog({ dir: logDir, knownSecrets: () => f.t.engine.servers.knownSecrets() });
    const detach = attachEngineLog(f.t.engine, log);
    const events: string[] = [];
    const off = f.t.engine.onEvent((e) => events.push(JSON.stringify(e)));
    const run = await f.t.engine.sync.runToEnd({ serverId: server.id, task: 'export' });
    off();
    detach();
    log.close();

    const items = f.t.engine.sync.state.runItems(run.id);
    const refusals = items.filter((i) => i.status === 'failed');
    expect(refusals.length).toBeGreaterThan(0);
    // The refusal is kept, readable, with the key masked.
    expect(refusals[0].message).toMatch(/request \*\*\* is not allowed to create/);
    expect(run.error).toContain('***');
    for (const text of [
      JSON.stringify(items),
      JSON.stringify(run),
      events.join('\n'),
      f.t.engine.sync.auditCsv(null).csv,
    ])
      expect(text).not.toContain(key);
    for (const file of readdirSync(f.t.dataDir))
      expect(readFileSync(join(f.t.dataDir, file)).includes(Buffer.from(key)), file).toBe(false);
    const logged = readdirSync(logDir)
      .map((file) => readFileSync(join(logDir, file), 'utf8'))
      .join('\n');
    expect(logged).toContain('***');
    expect(logged).not.toContain(key);
  });

  it('the log file masks a database password with no label, in its encoded forms too', () => {
    const password = 'Pa55-word"with/quote';
    const dir = mkdtempSync(join(tmpdir(), 'sklad-logs-'));
    try {
      const log = new RotatingLog({ dir, knownSecrets: () => [password] });
      log.error(`driver said: login failed for ${password}`);
      log.error(`url tried: mysql://db/?x=${encodeURIComponent(password)}`);
      log.error(`body: ${JSON.stringify({ tried: password })}`);
      log.close();
      const text = readFileSync(join(dir, 'sklad-sync.log'), 'utf8');
      expect(text).not.toContain(password);
      expect(text).not.toContain(encodeURIComponent(password));
      expect(text).not.toContain(JSON.stringify(password).slice(1, -1));
      expect(text.match(/\*\*\*/g)?.length).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a short password is masked as a whole word only, so a log stays readable', () => {
    expect(maskKnownSecrets('pin 4711 refused; order 47119 kept', ['4711'])).toBe('pin *** refused; order 47119 kept');
    expect(maskKnownSecrets('nothing to hide here', ['ab'])).toBe('nothing to hide here');
  });
});

describe('the state database is readable by its owner only', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sklad-modes-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const mode = (path: string) => statSync(path).mode & 0o777;
  const open = (dataDir: string) =>
    new Engine({ dataDir, secrets: new KeyFileSecretBox(join(root, 'key')), host: 'serve', version: 'test' });

  it.skipIf(process.platform === 'win32')('state.sqlite3, -wal and -shm are 0600 from the start', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = join(root, 'new');
      const engine = open(dataDir);
      try {
        engine.servers.list();
        for (const file of ['state.sqlite3', 'state.sqlite3-wal', 'state.sqlite3-shm'])
          expect(mode(join(dataDir, file)).toString(8), file).toBe('600');
      } finally {
        await engine.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it.skipIf(process.platform === 'win32')(
    'an older install with a 0644 state file is tightened when opened',
    async () => {
      const dataDir = join(root, 'old');
      const first = open(dataDir);
      first.servers.list();
      first.db.close();
      // What an earlier version left: the file with the default mode (the WAL and SHM files follow it).
      chmodSync(join(dataDir, 'state.sqlite3'), 0o644);
      const engine = open(dataDir);
      try {
        for (const file of ['state.sqlite3', 'state.sqlite3-wal', 'state.sqlite3-shm'])
          expect(mode(join(dataDir, file)).toString(8), file).toBe('600');
      } finally {
        await engine.close();
      }
    },
  );
});
