/**
 * The main window's security settings in one place, so a test can check them without a window:
 * context isolation, the sandbox, no Node in the page, no webview, and the narrow preload.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Sklad Sync',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** The page may only ever show our own renderer: every other navigation is refused. */
export function isAllowedNavigation(target: string, rendererUrl: string): boolean {
  try {
    const wanted = new URL(target);
    const ours = new URL(rendererUrl);
    return wanted.protocol === ours.protocol && wanted.host === ours.host && wanted.pathname === ours.pathname;
  } catch {
    return false;
  }
}
