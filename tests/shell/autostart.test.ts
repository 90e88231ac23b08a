/**
 * Start at login: the login item Electron is given, how an automatic start is recognised, which
 * servers start again, and the shell's settings file that remembers the option and the servers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyLoginItem,
  AUTOSTART_ARG,
  changedRunningSet,
  isAutostartLaunch,
  loginItemSettings,
  serversToResume,
} from '../../electron/shell/autostart';
import { SHELL_SETTINGS_FILE, ShellSettingsStore } from '../../electron/shell/shell-settings';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'sklad-sync-shell-settings-'));
  dirs.push(dir);
  return dir;
}

describe('login item', () => {
  it('passes the setting and the --autostart flag to app.setLoginItemSettings', () => {
    const calls: unknown[] = [];
    const app = { setLoginItemSettings: (s: unknown) => calls.push(s) };
    applyLoginItem(app as never, true);
    applyLoginItem(app as never, false);
    expect(calls).toEqual([
      { openAtLogin: true, args: ['--autostart'] },
      { openAtLogin: false, args: ['--autostart'] },
    ]);
    expect(loginItemSettings(true).args).toEqual([AUTOSTART_ARG]);
  });

  it('an automatic start is recognised by the flag (Windows) or wasOpenedAtLogin (macOS)', () => {
    expect(isAutostartLaunch(['Sklad Sync.exe', '--autostart'])).toBe(true);
    expect(isAutostartLaunch(['Sklad Sync.exe'])).toBe(false);
    expect(isAutostartLaunch(['Sklad Sync'], true)).toBe(true);
  });

  it('resumes the remembered servers that still exist, once each', () => {
    expect(serversToResume(['a', 'gone', 'b', 'a'], ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(serversToResume([], ['a'])).toEqual([]);
  });

  it('the running set is rewritten only when it changed', () => {
    expect(changedRunningSet(['a', 'b'], ['b', 'a'])).toBeNull();
    expect(changedRunningSet(['a'], ['a', 'b'])).toEqual(['a', 'b']);
    expect(changedRunningSet(['a', 'b'], [])).toEqual([]);
  });
});

describe('shell settings file', () => {
  it('defaults: off at login, 4 h stale-import limit, notifications on, no daily summary, nothing running, updates on', () => {
    const store = new ShellSettingsStore(dataDir());
    expect(store.get()).toEqual({
      openAtLogin: false,
      staleImportHours: 4,
      notifications: true,
      dailySummaryAt: null,
      runningServers: [],
      updates: true,
      updateFeedUrl: null,
      resumeAfterUpdate: false,
    });
  });

  it('a hand-edited feed address that is not http(s) falls back to the built-in feed, keeping the rest', () => {
    const dir = dataDir();
    writeFileSync(join(dir, SHELL_SETTINGS_FILE), JSON.stringify({ openAtLogin: true, updateFeedUrl: 'file:///etc' }));
    expect(new ShellSettingsStore(dir).get()).toMatchObject({ openAtLogin: true, updateFeedUrl: null, updates: true });
  });

  it('persists to shell-settings.json in the data folder and reads it back', () => {
    const dir = dataDir();
    new ShellSettingsStore(dir).set({ openAtLogin: true, runningServers: ['a', 'b'] });
    const again = new ShellSettingsStore(dir);
    expect(again.get()).toMatchObject({ openAtLogin: true, runningServers: ['a', 'b'], staleImportHours: 4 });
    expect(JSON.parse(readFileSync(join(dir, SHELL_SETTINGS_FILE), 'utf8')).openAtLogin).toBe(true);
  });

  it('a damaged or invalid file falls back to the defaults; invalid values are refused', () => {
    const dir = dataDir();
    writeFileSync(join(dir, SHELL_SETTINGS_FILE), '{not json');
    expect(new ShellSettingsStore(dir).get().openAtLogin).toBe(false);
    writeFileSync(join(dir, SHELL_SETTINGS_FILE), JSON.stringify({ staleImportHours: -3 }));
    expect(new ShellSettingsStore(dir).get().staleImportHours).toBe(4);
    writeFileSync(join(dir, SHELL_SETTINGS_FILE), JSON.stringify({ staleImportHours: 12 }));
    const store = new ShellSettingsStore(dir);
    expect(store.get().staleImportHours).toBe(12);
    expect(() => store.set({ staleImportHours: 0 })).toThrow();
    expect(store.get().staleImportHours).toBe(12);
  });
});
