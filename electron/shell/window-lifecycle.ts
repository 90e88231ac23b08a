/**
 * The window's life: closing it while servers run only hides it (they keep running, shown in the
 * tray); closing it with nothing running quits the app, so no idle process lingers. Quitting from
 * the tray always closes.
 */
import type { BrowserWindow } from 'electron';

export interface ClosePolicyInput {
  /** The app is quitting (tray "Quit", the OS): the window must really close. */
  quitting: boolean;
  startedServers: number;
}

export function closeAction(input: ClosePolicyInput): 'hide' | 'close' {
  if (input.quitting) return 'close';
  return input.startedServers > 0 ? 'hide' : 'close';
}

type WindowLike = Pick<BrowserWindow, 'on' | 'hide' | 'show' | 'focus' | 'isMinimized' | 'restore' | 'isVisible'>;

/** Makes the window's close button hide it when the policy says so. */
export function hideOnClose(win: WindowLike, policy: () => ClosePolicyInput): void {
  win.on('close', (event) => {
    if (closeAction(policy()) === 'hide') {
      event.preventDefault();
      win.hide();
    }
  });
}

/** Brings the window to the front: restored if minimised, shown if hidden, focused. */
export function revealWindow(win: WindowLike): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
