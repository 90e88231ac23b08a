/**
 * The Electron shell: app start, the window, the tray, notifications, logs, autostart, updates, IPC
 * registration and the drain on quit. Each piece lives in its own small module with its logic
 * testable without Electron; this file only wires them. Everything else is the engine, which runs
 * the same way headless.
 */
import { app, BrowserWindow, dialog, ipcMain, nativeImage, shell } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../engine/engine';
import { DEMO_SERVER_NAME, startDemo, type Demo } from '../demo/demo-setup';
import { APP_VERSION } from '../engine/version';
import { createPlatformUpdater, readBuiltInFeedUrl } from './app-updater';
import { applyLoginItem, changedRunningSet, isAutostartLaunch, serversToResume } from './autostart';
import { attachEngineLog } from './engine-log';
import { appIcon } from './icon-art';
import { registerIpc } from './ipc-bridge';
import { NotificationRouter, type NoticeTarget } from './notification-router';
import { Notifier } from './notifier';
import { encodePng } from './png';
import { QuitDrain } from './quit-drain';
import { RotatingLog } from './rotating-log';
import { SafeStorageSecretBox } from './safe-storage-secret-box';
import { ShellSettingsStore } from './shell-settings';
import { claimSingleInstance } from './single-instance';
import { TrayController } from './tray';
import { UpdateController } from './update-controller';
import { hideOnClose, revealWindow } from './window-lifecycle';
import { isAllowedNavigation, mainWindowOptions } from './window-options';

const here = import.meta.dirname;
const rendererUrl = pathToFileURL(join(here, '..', 'renderer', 'index.html')).href;
const STALE_CHECK_MS = 5 * 60_000;
/** The same as `appId` in electron-builder.yml. */
const APP_ID = 'bg.skladsync.app';

let mainWindow: BrowserWindow | null = null;
let ensureWindow: () => BrowserWindow = () => {
  throw new Error('the app is not ready yet');
};

function showWindow(target?: NoticeTarget): void {
  if (!app.isReady()) return;
  const win = ensureWindow();
  revealWindow(win);
  if (!target) return;
  // The target (a server's tab) is where a notification points: the renderer opens it on this event.
  const navigate = () => win.webContents.send('app:navigateEvent', target);
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', navigate);
  else navigate();
}

if (!claimSingleInstance(app, () => showWindow())) {
  app.quit();
} else {
  void app.whenReady().then(startShell);
}

function startShell(): void {
  // Windows shows notifications only for an app with this id; the installer's shortcut carries it.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const dataDir = app.getPath('userData');
  const log = new RotatingLog({ dir: join(dataDir, 'logs') });
  const autostart = isAutostartLaunch(process.argv, app.getLoginItemSettings().wasOpenedAtLogin);
  log.info(`Sklad Sync ${APP_VERSION} starting (${process.platform}, Electron ${process.versions.electron})`);
  process.on('uncaughtExceptionMonitor', (err) => log.error(`uncaught: ${err.stack ?? err.message}`));

  const settings = new ShellSettingsStore(dataDir);
  // Only an installed copy updates itself: electron-builder wrote its feed into resources/.
  const updates: UpdateController = new UpdateController({
    updater: app.isPackaged
      ? createPlatformUpdater({ platform: process.platform, log: (l, m) => log.write(l, m) })
      : null,
    unsupportedReason: 'not-packaged',
    currentVersion: APP_VERSION,
    settings,
    builtInFeedUrl: app.isPackaged ? readBuiltInFeedUrl(join(process.resourcesPath, 'app-update.yml')) : null,
    // After the drain the engine is closed: nothing can be in flight then.
    runsInFlight: (): number =>
      engine.db.open ? engine.sync.statuses().reduce((n, s) => n + s.activeRuns.length, 0) : 0,
    quit: () => app.quit(),
    locale: () => engine.locale,
    log: (level, message) => log.write(level, message),
    onChange: (status) => engine.emit('updates:stateEvent', status),
  });
  // The demo (embedded shop + in-process sandbox store) is offered on a first start; one per process.
  let demo: Promise<Demo> | null = null;
  const runDemo = (e: Engine, start: boolean) => (demo ??= startDemo(e, { start, sampleOrderAfterMs: 20_000 }));
  const engine: Engine = new Engine({
    dataDir,
    secrets: new SafeStorageSecretBox(),
    host: 'electron',
    version: APP_VERSION,
    log: (level, message) => log.write(level, message),
    startDemo: async (e) => ({ serverId: (await runDemo(e, true)).serverId }),
    updates,
    saveFile: async (suggestedName, data) => {
      const options = {
        title: engine.locale === 'bg' ? 'Запази файл за поддръжка' : 'Save a support file',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'Zip', extensions: ['zip'] }],
      };
      const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
      const choice = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
      if (choice.canceled || !choice.filePath) return null;
      await writeFile(choice.filePath, data);
      log.info(`support file saved: ${choice.filePath} (${data.length} bytes)`);
      return choice.filePath;
    },
  });
  // A demo made on an earlier day needs its sandbox store again (on a new port).
  if (engine.servers.list().some((p) => p.name === DEMO_SERVER_NAME && p.database.filePath.startsWith(dataDir))) {
    runDemo(engine, false).catch((err: Error) => log.error(`demo: ${err.message}`));
  }
  log.maskSecrets(() => engine.servers.knownSecrets());
  const detachLog = attachEngineLog(engine, log);
  const unregister = registerIpc(ipcMain, engine, rendererUrl, () => BrowserWindow.getAllWindows());
  applyLoginItem(app, settings.get().openAtLogin);

  const startedCount = () => engine.sync.statuses().filter((s) => s.started).length;
  const nameOf = (id: string) => {
    try {
      return engine.servers.get(id).name;
    } catch {
      return id;
    }
  };

  ensureWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) return mainWindow;
    mainWindow = createWindow();
    // While draining the engine may already be closed: do not ask it, the answer is "close" anyway.
    hideOnClose(mainWindow, () =>
      quit.quitting ? { quitting: true, startedServers: 0 } : { quitting: false, startedServers: startedCount() },
    );
    mainWindow.on('closed', () => (mainWindow = null));
    return mainWindow;
  };

  const quit: QuitDrain = new QuitDrain({
    app,
    log: (level, message) => log.write(level, message),
    onDrainStart: () => {
      log.info('quitting: stopping the servers (in-flight batches finish first)');
      tray.refresh();
    },
    steps: [
      { name: 'unhook IPC', run: () => unregister() },
      // Engine.close stops every server and waits until their runs have closed, then closes the DB.
      { name: 'stop the servers', run: () => engine.close() },
      { name: 'remove the tray', run: () => tray.destroy() },
      // Only now, with every run closed, may a downloaded update be installed.
      { name: 'install the update', run: () => void updates.installStep() },
      {
        name: 'close the log',
        run: () => {
          log.info('stopped cleanly');
          detachLog();
          log.close();
        },
      },
    ],
  });

  const tray = new TrayController(
    {
      servers: () => engine.servers.list(),
      status: (id) => engine.sync.status(id),
      locale: () => engine.locale,
      openAtLogin: () => settings.get().openAtLogin,
      quitting: () => quit.quitting,
    },
    {
      open: (serverId) => showWindow(serverId ? { serverId, tab: 'activity' } : undefined),
      start: (id) => runSafely(() => engine.sync.start(id)),
      stop: (id) => runSafely(() => engine.sync.stop(id)),
      setOpenAtLogin: (on) => {
        settings.set({ openAtLogin: on });
        applyLoginItem(app, on);
        tray.refresh();
      },
      openLogs: () => void shell.openPath(log.dir),
      quit: () => app.quit(),
    },
  );
  function runSafely(action: () => unknown): void {
    Promise.resolve()
      .then(action)
      .catch((err: unknown) => log.error(`tray action failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  const router = new NotificationRouter({
    locale: () => engine.locale,
    serverName: nameOf,
    staleImportHours: () => settings.get().staleImportHours,
  });
  const notifier = new Notifier({
    enabled: () => settings.get().notifications,
    onClick: (target) => showWindow(target),
    icon: nativeImage.createFromBuffer(encodePng(appIcon(64))),
    log: (message) => log.info(message),
  });
  const checkStale = () => {
    if (quit.quitting) return;
    const inputs = engine.servers.list().flatMap((p) => {
      try {
        return [{ status: engine.sync.status(p.id), importEnabled: p.settings.importTask.enabled }];
      } catch {
        return [];
      }
    });
    notifier.show(router.checkStale(inputs));
    notifier.show(router.checkDaily(settings.get().dailySummaryAt, engine.sync.state.listRuns(null, 1000)));
  };
  setInterval(checkStale, STALE_CHECK_MS).unref();

  engine.onEvent((event) => {
    if (event.channel === 'servers:stateEvent' && !quit.quitting) {
      // Remembered as they change (not only at quit): Windows ends apps at shutdown without a
      // before-quit, and the stops during the drain must not overwrite the list with nothing.
      const running = changedRunningSet(
        settings.get().runningServers,
        engine.sync
          .statuses()
          .filter((s) => s.started)
          .map((s) => s.serverId),
      );
      if (running) settings.set({ runningServers: running });
    }
    if (!quit.quitting) notifier.show(router.onEvent(event));
    if (
      event.channel === 'servers:stateEvent' ||
      event.channel === 'servers:changedEvent' ||
      event.channel === 'settings:changedEvent'
    ) {
      tray.refresh();
    }
  });

  // After "restart now" for an update, the servers that ran before go on, as after a start at login.
  const afterUpdate = settings.get().resumeAfterUpdate;
  if (afterUpdate) settings.set({ resumeAfterUpdate: false });
  let resumed: string[] = [];
  if (autostart || afterUpdate) {
    resumed = serversToResume(
      settings.get().runningServers,
      engine.servers.list().map((p) => p.id),
    );
    for (const id of resumed) runSafely(() => engine.sync.start(id));
    log.info(`${autostart ? 'started at login' : 'started after an update'}; resuming ${resumed.length} server(s)`);
  }
  // Started at login with servers to run: stay in the tray. Otherwise the user wants the window.
  if (!(autostart && resumed.length > 0)) ensureWindow();
  checkStale();
  updates.start();

  app.on('window-all-closed', () => app.quit());
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(here, 'preload.cjs')));
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the store's admin open in the user's browser, never in a new app window.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}
