/**
 * The updater on electron-updater's real code (its NsisUpdater and AppImageUpdater, the generic
 * provider, the download with its sha512 check, the AppImage install) against a feed served on
 * 127.0.0.1 by the test. Stood in, because no Electron runs here: Electron's `app` (a stub
 * AppAdapter over a temp folder with the app-update.yml electron-builder would write) and the
 * Chromium `net` transport (builder-util-runtime's HttpExecutor over node:http). For the Windows
 * updater, electron-updater's own test switch `_testOnlyOptions` makes its provider read the
 * Windows feed file (`latest.yml`) on this Linux machine and skip the differential download.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../shared/types/updates';
import { createPlatformUpdater, readBuiltInFeedUrl, type UpdaterPort } from '../../electron/shell/app-updater';
import { QuitDrain } from '../../electron/shell/quit-drain';
import { RotatingLog } from '../../electron/shell/rotating-log';
import { ShellSettingsStore } from '../../electron/shell/shell-settings';
import { DAY_MS, UpdateController } from '../../electron/shell/update-controller';
import { createSyncFixture } from '../helpers/sync-fixture';
import { latestYml, NodeTransport, sha512, startFeed, stubApp, type Feed } from './update-feed';

const INSTALLER = 'Sklad-Sync-Setup-0.2.0-x64.exe';
const NOTES = 'Поръчките идват по-бързо.\nOrders arrive faster.';
const roots: string[] = [];
const feeds: Feed[] = [];

afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  for (const f of feeds) await f.close();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'sklad-sync-updates-'));
  roots.push(root);
  return root;
}

/** The controller over a real electron-updater updater, with a real log file and settings file. */
function setUp(
  feedUrl: string,
  opts: { platform?: 'win32' | 'linux'; runsInFlight?: () => number; quit?: () => void; root?: string } = {},
) {
  const root = opts.root ?? tempRoot();
  const log = new RotatingLog({ dir: join(root, 'logs') });
  const app = stubApp(join(root, 'app'), '0.1.0', feedUrl);
  const updater = createPlatformUpdater({
    platform: opts.platform ?? 'win32',
    log: (level, message) => log.write(level, message),
    standIns: { app, httpExecutor: new NodeTransport() },
  }) as UpdaterPort;
  if ((opts.platform ?? 'win32') === 'win32') {
    Object.assign(updater, { _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false } });
  }
  const settings = new ShellSettingsStore(join(root, 'data'));
  const changes: UpdateStatus[] = [];
  const controller = new UpdateController({
    updater,
    currentVersion: '0.1.0',
    settings,
    builtInFeedUrl: readBuiltInFeedUrl(app.appUpdateConfigPath),
    runsInFlight: opts.runsInFlight ?? (() => 0),
    quit: opts.quit ?? (() => undefined),
    locale: () => 'bg',
    log: (level, message) => log.write(level, message),
    onChange: (s) => changes.push(s),
  });
  const logText = () => (existsSync(log.file(0)) ? readFileSync(log.file(0), 'utf8') : '');
  return { root, app, updater, controller, settings, changes, logText };
}

async function until(what: string, ok: () => boolean, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('updates from a generic feed (electron-updater, Windows NSIS updater)', () => {
  it('finds a newer version, downloads it in the background, and shows "update ready" with the notes', async () => {
    const installer = Buffer.from('MZ a stand-in NSIS installer '.repeat(2000));
    const feed = await startFeed({
      '/updates/latest.yml': latestYml('0.2.0', INSTALLER, installer, NOTES),
      [`/updates/${INSTALLER}`]: installer,
    });
    feeds.push(feed);
    const { app, controller, changes, logText } = setUp(feed.url);
    expect(controller.status()).toMatchObject({ supported: true, state: 'idle', feedUrl: feed.url });

    const checked = await controller.check();
    expect(checked.availableVersion).toBe('0.2.0');
    await until('the download', () => controller.status().state === 'ready');

    const status = controller.status();
    console.log('ready:', JSON.stringify(status));
    expect(status).toMatchObject({
      state: 'ready',
      currentVersion: '0.1.0',
      availableVersion: '0.2.0',
      releaseNotes: NOTES,
      percent: 100,
      unreachable: false,
      message: null,
    });
    expect(changes.map((c) => c.state)).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']));
    expect(feed.requests).toEqual(['/updates/latest.yml', `/updates/${INSTALLER}`]);
    // electron-updater's cache holds the verified installer, byte for byte.
    const pending = join(app.baseCachePath, 'sklad-sync-updater', 'pending');
    expect(readFileSync(join(pending, INSTALLER)).equals(installer)).toBe(true);
    const log = logText();
    console.log(log);
    expect(log).toMatch(/INFO {2}update 0\.2\.0 found at http:\/\/127\.0\.0\.1:\d+\/updates\/; downloading/);
    expect(log).toContain('update 0.2.0 downloaded and verified; it installs when the app quits');
  });

  it('refuses a download whose sha512 does not match latest.yml, with a clear message', async () => {
    const installer = Buffer.from('MZ the real installer');
    const tampered = Buffer.from('MZ something else of another size');
    const feed = await startFeed({
      '/updates/latest.yml': latestYml('0.2.0', INSTALLER, installer, NOTES, sha512(installer)),
      [`/updates/${INSTALLER}`]: tampered,
    });
    feeds.push(feed);
    const { app, controller, logText } = setUp(feed.url);
    await controller.check();
    await until('the refusal', () => controller.status().state === 'failed');
    const status = controller.status();
    console.log('refused:', status.message);
    expect(status.message).toBe(
      'Изтегленото обновление 0.2.0 не съвпада с контролната сума (sha512) в latest.yml и е отхвърлено. Нищо не е инсталирано; ще бъде изтеглено отново при следващата проверка.',
    );
    // Nothing is left to install: the cache has no installer, and the drain's step does nothing.
    const pending = join(app.baseCachePath, 'sklad-sync-updater', 'pending');
    expect(existsSync(pending) ? readdirSync(pending).filter((f) => f.endsWith('.exe')) : []).toEqual([]);
    expect(controller.installStep()).toBe(false);
    expect(logText()).toMatch(
      /WARN {2}update 0\.2\.0 refused: its sha512 does not match latest\.yml \(sha512 checksum mismatch/,
    );
  });

  it('an unreachable feed is one quiet log line and no error for the user', async () => {
    const feed = await startFeed({});
    const url = feed.url;
    await feed.close(); // nothing listens on that port any more
    const { controller, changes, logText } = setUp(url);
    const status = await controller.check();
    expect(status).toMatchObject({ state: 'idle', unreachable: true, message: null });
    expect(changes.some((c) => c.state === 'failed')).toBe(false);
    const lines = logText().trim().split('\n');
    console.log(lines);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\S+ INFO {2}updates: the feed http:\/\/127\.0\.0\.1:\d+\/updates\/ cannot be reached \(ECONNREFUSED\); trying again later$/,
    );
  });

  it('checks at start and once a day; turned off, it asks the feed nothing', async () => {
    const installer = Buffer.from('MZ v0.1.0');
    const feed = await startFeed({ '/updates/latest.yml': latestYml('0.1.0', INSTALLER, installer, 'same') });
    feeds.push(feed);
    const { controller, settings } = setUp(feed.url);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    controller.start();
    await until('the first check', () => controller.status().state === 'up-to-date');
    expect(feed.requests).toEqual(['/updates/latest.yml']);
    vi.advanceTimersByTime(DAY_MS);
    await until('the daily check', () => feed.requests.length === 2);
    await until('the daily check to end', () => controller.status().state === 'up-to-date');

    controller.configure({ enabled: false });
    expect(settings.get().updates).toBe(false);
    expect(controller.status().state).toBe('disabled');
    vi.advanceTimersByTime(3 * DAY_MS);
    await controller.check();
    expect(feed.requests).toHaveLength(2);
    controller.stop();
  });

  it('the feed from the settings overrides the built-in one', async () => {
    const installer = Buffer.from('MZ 0.3.0');
    const other = await startFeed({
      '/updates/latest.yml': latestYml('0.3.0', INSTALLER, installer, 'from the other feed'),
      [`/updates/${INSTALLER}`]: installer,
    });
    feeds.push(other);
    const { controller, settings } = setUp('http://127.0.0.1:9/never/');
    controller.configure({ feedUrl: other.url });
    expect(settings.get().updateFeedUrl).toBe(other.url);
    await until('the download', () => controller.status().state === 'ready');
    expect(controller.status()).toMatchObject({ availableVersion: '0.3.0', feedUrlOverride: other.url });
    controller.stop();
  });
});

describe('install waits for the quit drain (electron-updater AppImage updater, a real engine)', () => {
  const appImageEnv = process.env.APPIMAGE;
  afterAll(() => {
    if (appImageEnv === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = appImageEnv;
  });

  it('"restart now" during a run: the installer runs only after the run has closed', async () => {
    const root = tempRoot();
    const marker = join(root, 'installed-version');
    // The "AppImage": a script electron-updater moves over the installed one and starts.
    const newAppImage = `#!/bin/sh\necho 0.2.0 > '${marker}'\n`;
    const installed = join(root, 'Sklad-Sync.AppImage');
    writeFileSync(installed, '#!/bin/sh\necho 0.1.0\n', { mode: 0o755 });
    process.env.APPIMAGE = installed;
    const file = 'Sklad-Sync-0.2.0-x86_64.AppImage';
    const feed = await startFeed({
      '/updates/latest-linux.yml': latestYml('0.2.0', file, newAppImage, NOTES),
      [`/updates/${file}`]: newAppImage,
    });
    feeds.push(feed);

    const f = await createSyncFixture('sqlite', { demo: { goods: 60 } });
    const engine = f.t.engine;
    const order: string[] = [];
    engine.onEvent((e) => {
      if (e.channel === 'sync:finishedEvent') order.push(`run ${e.payload.state}`);
    });
    const inFlight = () => (engine.db.open ? engine.sync.statuses().reduce((n, s) => n + s.activeRuns.length, 0) : 0);
    const app = Object.assign(new EventEmitter(), { exits: [] as number[], exit: (c = 0) => app.exits.push(c) });
    let drain: QuitDrain | null = null;
    const u = setUp(feed.url, { platform: 'linux', root, runsInFlight: inFlight, quit: () => void drain?.drain() });
    drain = new QuitDrain({
      app: app as never,
      log: (_level, message) => order.push(message),
      steps: [
        { name: 'stop the servers', run: () => engine.close() },
        {
          name: 'install the update',
          run: () => {
            order.push(`install (runs in flight: ${inFlight()}, engine open: ${engine.db.open})`);
            u.controller.installStep();
          },
        },
      ],
    });

    await u.controller.check();
    await until('the download', () => u.controller.status().state === 'ready');
    f.sandbox.faults.latencyMs = 40;
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1');
    const { runId } = await engine.sync.run({ serverId: f.server.id, task: 'export' });
    await until('the run to be under way', () => (engine.sync.state.getRun(runId)?.done ?? 0) > 0);

    const asked = u.controller.restart();
    expect(asked.state).toBe('installing');
    expect(asked.runsInFlight).toBe(1);
    // While the run is in flight nothing is installed.
    expect(engine.sync.state.getRun(runId)?.state).toBe('running');
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(installed, 'utf8')).toContain('0.1.0');

    await drain.drain();
    await until('the new version to start', () => existsSync(marker));
    console.log('order:', order);
    expect(order.length).toBe(2);
    expect(order[0]).toMatch(/^run (succeeded|cancelled)$/);
    expect(order[1]).toBe('install (runs in flight: 0, engine open: false)');
    expect(readFileSync(marker, 'utf8').trim()).toBe('0.2.0');
    expect(readFileSync(installed, 'utf8')).toBe(newAppImage);
    expect(app.exits).toEqual([0]);
    expect(u.settings.get().resumeAfterUpdate).toBe(true);
    expect(u.logText()).toContain('restart for update 0.2.0: waiting for 1 run(s) in flight, then installing');
    expect(u.logText()).toContain('installing update 0.2.0 and starting again');
    f.sandbox.faults.latencyMs = 0;
    await f.sandbox.close();
    await f.wpdb.drop();
    await f.db.close();
  });

  it('a plain quit installs a ready update silently without starting again; with updates off it does not', async () => {
    const root = tempRoot();
    const marker = join(root, 'installed-version');
    const newAppImage = `#!/bin/sh\necho "0.2.0 $APPIMAGE_EXIT_AFTER_INSTALL" > '${marker}'\n`;
    const installed = join(root, 'Sklad-Sync.AppImage');
    writeFileSync(installed, '#!/bin/sh\necho 0.1.0\n', { mode: 0o755 });
    process.env.APPIMAGE = installed;
    const file = 'Sklad-Sync-0.2.0-x86_64.AppImage';
    const feed = await startFeed({
      '/updates/latest-linux.yml': latestYml('0.2.0', file, newAppImage, NOTES),
      [`/updates/${file}`]: newAppImage,
    });
    feeds.push(feed);

    const off = setUp(feed.url, { platform: 'linux', root: join(root, 'off') });
    await off.controller.check();
    await until('the download', () => off.controller.status().state === 'ready');
    off.controller.configure({ enabled: false });
    expect(off.controller.installStep()).toBe(false);
    expect(existsSync(marker)).toBe(false);

    const on = setUp(feed.url, { platform: 'linux', root: join(root, 'on') });
    await on.controller.check();
    await until('the download', () => on.controller.status().state === 'ready');
    expect(on.controller.installStep()).toBe(true);
    // electron-updater ran the new AppImage synchronously in its install-and-exit mode.
    expect(readFileSync(marker, 'utf8').trim()).toBe('0.2.0 true');
    expect(on.settings.get().resumeAfterUpdate).toBe(false);
    expect(on.logText()).toContain('installing update 0.2.0\n');
  });
});
