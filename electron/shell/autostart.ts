/**
 * Start at login: Windows (and macOS) run the app with `--autostart` when the user signs in, if the
 * option is on. Such a launch starts the servers that were running when the app last stopped and
 * stays in the tray; a launch by the user opens the window as usual.
 * On Linux Electron has no login items; the option is then offered but has no effect.
 */
import type { App, Settings } from 'electron';

export const AUTOSTART_ARG = '--autostart';

export function loginItemSettings(openAtLogin: boolean): Settings {
  return { openAtLogin, args: [AUTOSTART_ARG] };
}

export function applyLoginItem(app: Pick<App, 'setLoginItemSettings'>, openAtLogin: boolean): void {
  app.setLoginItemSettings(loginItemSettings(openAtLogin));
}

/** True when the operating system started the app at login (the flag is in argv on Windows). */
export function isAutostartLaunch(argv: readonly string[], wasOpenedAtLogin = false): boolean {
  return argv.includes(AUTOSTART_ARG) || wasOpenedAtLogin;
}

/** The servers to start again: those remembered as running that still exist, in the saved order. */
export function serversToResume(remembered: readonly string[], existing: readonly string[]): string[] {
  const known = new Set(existing);
  return [...new Set(remembered)].filter((id) => known.has(id));
}

/** The started servers' ids, sorted, or null when the set is the same as `previous`. */
export function changedRunningSet(previous: readonly string[], started: readonly string[]): string[] | null {
  const next = [...new Set(started)].sort();
  const prev = [...previous].sort();
  return next.length === prev.length && next.every((id, i) => id === prev[i]) ? null : next;
}
