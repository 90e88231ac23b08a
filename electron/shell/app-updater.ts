/**
 * The thin adapter over electron-updater: which of its updaters this platform uses (NSIS on
 * Windows, AppImage on Linux), set up for how we install, and its logger made quiet. Everything
 * it does (reading `latest.yml` from the generic feed, comparing versions, downloading to its cache,
 * checking the sha512, running the installer) is electron-updater's own code. Our rules around it
 * (when to check, never install during a run, what the UI shows) are in update-controller.ts.
 */
import { readFileSync } from 'node:fs';
import electronUpdater from 'electron-updater';
import type { AppUpdater, Logger, UpdateCheckResult } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import type { LogLevel } from './rotating-log';

/** What update-controller.ts uses of an electron-updater updater. */
export interface UpdaterPort {
  on: AppUpdater['on'];
  checkForUpdates(): Promise<UpdateCheckResult | null>;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  /** Runs the downloaded installer now (silently); false when there is nothing to install. */
  install(isSilent?: boolean, isForceRunAfter?: boolean): boolean;
}

export interface PlatformUpdaterOptions {
  platform: NodeJS.Platform;
  log: (level: LogLevel, message: string) => void;
  /**
   * Where no Electron runs (the tests): an `app` adapter in place of Electron's `app`, and an HTTP
   * transport in place of electron-updater's Chromium `net` one (a builder-util-runtime
   * HttpExecutor). The app itself leaves both out and gets electron-updater's Electron ones.
   */
  standIns?: { app: AppAdapter; httpExecutor: unknown };
}

/** The updater for this OS, or null where we ship no auto-updating build (macOS). */
export function createPlatformUpdater(options: PlatformUpdaterOptions): UpdaterPort | null {
  const { NsisUpdater, AppImageUpdater } = electronUpdater;
  const app = options.standIns?.app;
  const updater =
    options.platform === 'win32'
      ? new NsisUpdater(null, app)
      : options.platform === 'linux'
        ? new AppImageUpdater(null, app)
        : null;
  if (!updater) return null;
  // Before any feed is set: the provider takes the transport when it is made.
  if (options.standIns) Object.assign(updater, { httpExecutor: options.standIns.httpExecutor });
  // Downloaded in the background as soon as found; installed by us, in the quit drain, after the
  // servers have stopped: electron-updater's own install-on-quit would not wait for a run.
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  // We publish full installers only, never the NSIS web installer.
  updater.disableWebInstaller = true;
  updater.logger = quietLogger(options.log);
  return updater;
}

/**
 * electron-updater logs a line for every step and a stack for every failure, including "offline".
 * We keep its warnings; its steps and errors are told once, in our words, by the controller.
 */
function quietLogger(log: PlatformUpdaterOptions['log']): Logger {
  return {
    info: () => undefined,
    warn: (message?: unknown) => log('warn', `updater: ${String(message)}`),
    error: () => undefined,
  };
}

/** The feed electron-builder wrote into the installed app (`resources/app-update.yml`, from `publish`). */
export function readBuiltInFeedUrl(appUpdateYml: string): string | null {
  try {
    const text = readFileSync(appUpdateYml, 'utf8');
    const url = text.match(/^url:\s*['"]?([^'"\s]+)['"]?\s*$/m);
    return url ? url[1] : null;
  } catch {
    return null;
  }
}
