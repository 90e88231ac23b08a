/**
 * A serve host for the e2e of the update UI (run with tsx by e2e/fixtures.ts): the engine gets the
 * desktop app's UpdateController over electron-updater's real AppImageUpdater, against a feed on
 * 127.0.0.1 that offers version 0.2.0 with release notes. Stood in, as in tests/shell/updates.test.ts:
 * Electron's `app` (a stub adapter) and its `net` transport (node:http). "Restart now" quits
 * through a drain that stops the engine and installs the "AppImage" (a script writing a marker).
 * Prints one JSON line {"url","port","token"} like `sklad-sync serve --json`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';
import { Engine } from '../electron/engine/engine';
import { KeyFileSecretBox } from '../electron/engine/secrets/key-file-secret-box';
import { findRendererDir } from '../electron/headless/renderer-dir';
import { startServeHost } from '../electron/headless/serve-host';
import { createPlatformUpdater } from '../electron/shell/app-updater';
import { QuitDrain } from '../electron/shell/quit-drain';
import { ShellSettingsStore } from '../electron/shell/shell-settings';
import { UpdateController } from '../electron/shell/update-controller';
import { latestYml, NodeTransport, startFeed, stubApp } from '../tests/shell/update-feed';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } } });
const dataDir = values['data-dir']!;
const file = 'Sklad-Sync-0.2.0-x86_64.AppImage';
const marker = join(dataDir, 'installed-version');
const appImage = `#!/bin/sh\necho 0.2.0 > '${marker}'\n`;
const notes = [
  'Поръчките от магазина идват до минута.',
  'Нов бутон „Запази файл за поддръжка“.',
  '',
  'Store orders arrive within a minute.',
  'A new "Save a support file" button.',
].join('\n');
const feed = await startFeed({
  '/updates/latest-linux.yml': latestYml('0.2.0', file, appImage, notes),
  [`/updates/${file}`]: appImage,
});
process.env.APPIMAGE = join(dataDir, 'Sklad-Sync.AppImage');
writeFileSync(process.env.APPIMAGE, '#!/bin/sh\necho 0.1.0\n', { mode: 0o755 });

const log = (level: string, message: string) => process.stderr.write(`${level} ${message}\n`);
const app = stubApp(join(dataDir, 'app'), '0.1.0', feed.url);
let drain: QuitDrain | null = null;
const updates: UpdateController = new UpdateController({
  updater: createPlatformUpdater({ platform: 'linux', log, standIns: { app, httpExecutor: new NodeTransport() } }),
  currentVersion: '0.1.0',
  settings: new ShellSettingsStore(dataDir),
  builtInFeedUrl: feed.url,
  runsInFlight: () => (engine.db.open ? engine.sync.statuses().reduce((n, s) => n + s.activeRuns.length, 0) : 0),
  quit: () => void drain?.drain(),
  locale: () => engine.locale,
  log,
  onChange: (status) => engine?.emit('updates:stateEvent', status),
});
const engine: Engine = new Engine({
  dataDir,
  secrets: new KeyFileSecretBox(process.env.SKLAD_SYNC_KEY_FILE ?? join(dataDir, 'key', 'secret.key')),
  host: 'serve',
  version: '0.1.0',
  updates,
});
const host = await startServeHost({ engine, rendererDir: findRendererDir()!, port: 0 });
drain = new QuitDrain({
  app: Object.assign(new EventEmitter(), { exit: () => log('info', 'exit after install') }) as never,
  steps: [
    { name: 'stop the servers', run: () => engine.close() },
    { name: 'install the update', run: () => void updates.installStep() },
  ],
});
console.log(JSON.stringify({ url: host.url, port: host.port, token: host.token }));
updates.start();

process.on('SIGTERM', () => {
  void (async () => {
    updates.stop();
    await host.close();
    if (engine.db.open) await engine.close();
    await feed.close();
    process.exit(0);
  })();
});
