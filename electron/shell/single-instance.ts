/**
 * One copy of the app per user: a second launch (a desktop shortcut clicked again, the autostart
 * while the app already runs) hands over to the first, which shows its window, and then exits.
 * Two copies would also fight over the database lease and the state database.
 */
import type { App } from 'electron';

/** Returns false when another copy holds the lock: the caller must quit at once. */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, reveal: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => reveal());
  return true;
}
