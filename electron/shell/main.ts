/**
 * The Electron shell: app start, the window, IPC registration. It stays thin: everything else is
 * the engine, which runs the same way headless.
 */
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../engine/engine';
import { APP_VERSION } from '../engine/version';
import { registerIpc } from './ipc-bridge';
import { SafeStorageSecretBox } from './safe-storage-secret-box';
import { isAllowedNavigation, mainWindowOptions } from './window-options';

const here = import.meta.dirname;
const rendererUrl = pathToFileURL(join(here, '..', 'renderer', 'index.html')).href;
let mainWindow: BrowserWindow | null = null;

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

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(() => {
    const engine = new Engine({
      dataDir: app.getPath('userData'),
      secrets: new SafeStorageSecretBox(),
      host: 'electron',
      version: APP_VERSION,
    });
    const unregister = registerIpc(ipcMain, engine, rendererUrl, () => BrowserWindow.getAllWindows());
    mainWindow = createWindow();
    app.on('before-quit', () => {
      unregister();
      void engine.close();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
