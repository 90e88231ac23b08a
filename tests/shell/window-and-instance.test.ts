/**
 * The window's close button hides it while servers run and closes it otherwise (or when quitting);
 * a second launch reveals the first copy's window. Electron's window and app are stand-ins here
 * with the same methods, since no window can be launched on these machines.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance } from '../../electron/shell/single-instance';
import { closeAction, hideOnClose, revealWindow } from '../../electron/shell/window-lifecycle';

class FakeWindow extends EventEmitter {
  visible = true;
  minimized = false;
  closed = false;
  calls: string[] = [];
  hide() {
    this.calls.push('hide');
    this.visible = false;
  }
  show() {
    this.calls.push('show');
    this.visible = true;
  }
  focus() {
    this.calls.push('focus');
  }
  restore() {
    this.calls.push('restore');
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isVisible() {
    return this.visible;
  }
  /** What Electron does on the close button: emit `close`, then close unless prevented. */
  clickClose() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
}

describe('window close -> hide', () => {
  it('decides: hide while servers run, close when none run, always close when quitting', () => {
    expect(closeAction({ quitting: false, startedServers: 2 })).toBe('hide');
    expect(closeAction({ quitting: false, startedServers: 0 })).toBe('close');
    expect(closeAction({ quitting: true, startedServers: 2 })).toBe('close');
  });

  it('the close button hides the window while a server runs, and closes it after they stop', () => {
    const win = new FakeWindow();
    let started = 1;
    let quitting = false;
    hideOnClose(win as never, () => ({ quitting, startedServers: started }));
    win.clickClose();
    expect(win.closed).toBe(false);
    expect(win.visible).toBe(false);
    expect(win.calls).toEqual(['hide']);

    quitting = true;
    win.clickClose();
    expect(win.closed).toBe(true);

    const other = new FakeWindow();
    started = 0;
    quitting = false;
    hideOnClose(other as never, () => ({ quitting, startedServers: started }));
    other.clickClose();
    expect(other.closed).toBe(true);
    expect(other.calls).toEqual([]);
  });

  it('reveal restores a minimised window, shows a hidden one and focuses it', () => {
    const win = new FakeWindow();
    win.minimized = true;
    win.visible = false;
    revealWindow(win as never);
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    const plain = new FakeWindow();
    revealWindow(plain as never);
    expect(plain.calls).toEqual(['focus']);
  });
});

describe('single instance', () => {
  function fakeApp(lock: boolean) {
    const app = new EventEmitter() as EventEmitter & { requestSingleInstanceLock(): boolean };
    app.requestSingleInstanceLock = () => lock;
    return app;
  }

  it('the first copy takes the lock and reveals its window when a second copy starts', () => {
    const app = fakeApp(true);
    const win = new FakeWindow();
    win.minimized = true;
    expect(claimSingleInstance(app as never, () => revealWindow(win as never))).toBe(true);
    app.emit('second-instance', {}, ['Sklad Sync.exe'], '/');
    expect(win.calls).toEqual(['restore', 'focus']);
  });

  it('a second copy does not get the lock and registers nothing (the caller quits)', () => {
    const app = fakeApp(false);
    let revealed = 0;
    expect(claimSingleInstance(app as never, () => revealed++)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
    expect(revealed).toBe(0);
  });
});
