/**
 * electron/shell/main.ts wired up with `electron` mocked (no window can launch here) and a real
 * engine on a temp data folder: an automatic start at login resumes the remembered server and
 * stays in the tray; the tray's menu lists it and stops it; closing the window hides it while a
 * server runs and quits when none does; a second launch reveals the window; Quit drains (the engine
 * closes) before app.exit, and the log file tells the story without secrets.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import type { SecretBox } from '../../electron/engine/secrets/secret-box';
import { ServerProfileInputSchema } from '../../shared/types/server-profile';
import { SAMPLE_PROFILE } from '../helpers/temp-engine';
import { waitFor } from '../helpers/wait-for';

// Hoisted above the imports, so it loads node:events itself.
const m = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const state = {
    userData: '',
    lock: true,
    exits: [] as number[],
    loginItems: [] as unknown[],
    windows: [] as FakeWindow[],
    trays: [] as FakeTray[],
    notifications: [] as { title: string; body: string; click(): void }[],
    sent: [] as [string, unknown][],
    openedPaths: [] as string[],
    saveDialogs: [] as { title?: string; defaultPath?: string }[],
    ipcHandlers: new Map<string, unknown>(),
    readyResolve: () => undefined as void,
  };
  class FakeApp extends Emitter {
    ready = new Promise<void>((resolve) => (state.readyResolve = resolve));
    isReady = () => true;
    whenReady = () => this.ready;
    requestSingleInstanceLock = () => state.lock;
    getPath = () => state.userData;
    setLoginItemSettings = (s: unknown) => state.loginItems.push(s);
    getLoginItemSettings = () => ({ wasOpenedAtLogin: false });
    setAppUserModelId = () => undefined;
    exit = (code = 0) => state.exits.push(code);
    /** Electron's quit: before-quit, and quit only if nobody prevented it. */
    quit = () => {
      let prevented = false;
      this.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) state.exits.push(-1);
    };
  }
  class FakeWindow extends Emitter {
    visible = false;
    minimized = false;
    destroyed = false;
    loaded = '';
    webContents = Object.assign(new Emitter(), {
      setWindowOpenHandler: () => undefined,
      send: (channel: string, payload: unknown) => void state.sent.push([channel, payload]),
      isLoading: () => false,
    });
    constructor(public options: unknown) {
      super();
      state.windows.push(this);
    }
    loadURL = async (url: string) => {
      this.loaded = url;
      this.emit('ready-to-show');
    };
    show = () => void (this.visible = true);
    hide = () => void (this.visible = false);
    focus = () => undefined;
    restore = () => void (this.minimized = false);
    isMinimized = () => this.minimized;
    isVisible = () => this.visible;
    isDestroyed = () => this.destroyed;
    clickClose() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) {
        this.destroyed = true;
        this.emit('closed');
      }
      return !prevented;
    }
    static getAllWindows = () => state.windows.filter((w) => !w.destroyed);
  }
  class FakeTray extends Emitter {
    tooltip = '';
    menu: MenuItemConstructorOptions[] = [];
    destroyed = false;
    constructor() {
      super();
      state.trays.push(this);
    }
    setImage = () => undefined;
    setToolTip = (t: string) => void (this.tooltip = t);
    setContextMenu = (menu: { template: MenuItemConstructorOptions[] }) => void (this.menu = menu.template);
    isDestroyed = () => this.destroyed;
    destroy = () => void (this.destroyed = true);
  }
  const app = new FakeApp();
  return { state, app, FakeWindow, FakeTray };
});

vi.mock('electron', () => ({
  app: m.app,
  BrowserWindow: m.FakeWindow,
  Tray: m.FakeTray,
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
  nativeImage: { createFromBuffer: () => ({ addRepresentation: () => undefined }) },
  ipcMain: {
    handle: (c: string, fn: unknown) => m.state.ipcHandlers.set(c, fn),
    removeHandler: (c: string) => m.state.ipcHandlers.delete(c),
  },
  shell: { openPath: async (p: string) => void m.state.openedPaths.push(p), openExternal: async () => undefined },
  dialog: {
    // The user picks a file in the data folder.
    showSaveDialog: async (_win: unknown, options: { title?: string; defaultPath?: string }) => {
      m.state.saveDialogs.push(options);
      return { canceled: false, filePath: `${m.state.userData}/support.zip` };
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(s.split('').reverse().join('')),
    decryptString: (b: Buffer) => b.toString().split('').reverse().join(''),
  },
  Notification: class {
    static isSupported = () => true;
    private clicked = () => undefined as void;
    constructor(private o: { title: string; body: string }) {}
    on(event: string, fn: () => void) {
      if (event === 'click') this.clicked = fn;
    }
    show() {
      m.state.notifications.push({ ...this.o, click: () => this.clicked() });
    }
  },
}));

type IpcAnswer = { ok: boolean; value?: unknown };
const labels = (menu: MenuItemConstructorOptions[]) => menu.map((i) => (i.type === 'separator' ? '---' : i.label));
const box: SecretBox = { scheme: 'ss1', encrypt: (s) => `ss1:${s}`, decrypt: (s) => s.slice(4) };

let serverId = '';
const argv = process.argv;

beforeAll(async () => {
  m.state.userData = mkdtempSync(join(tmpdir(), 'sklad-sync-main-wiring-'));
  // A server that was running at the last quit; its tasks are off so no run reaches the network.
  const setup = new Engine({ dataDir: m.state.userData, secrets: box, host: 'electron', version: 'test' });
  serverId = setup.servers.save(
    ServerProfileInputSchema.parse({
      ...SAMPLE_PROFILE,
      secrets: { apiKey: 'k-SECRET-1', dbPassword: 'pw-SECRET-2' },
      settings: { importTask: { enabled: false }, exportTask: { enabled: false } },
    }),
  ).id;
  await setup.close();
  writeFileSync(
    join(m.state.userData, 'shell-settings.json'),
    JSON.stringify({ openAtLogin: true, runningServers: [serverId, 'a-deleted-server'] }),
  );
  process.argv = [...argv, '--autostart'];
  await import('../../electron/shell/main');
  m.state.readyResolve();
  // Ready once the tray shows the remembered server running again.
  await waitFor(() => m.state.trays.length === 1 && String(labels(m.state.trays[0].menu)[2]).endsWith('(работи)'), {
    what: 'the tray to show the resumed server',
  });
});

afterAll(() => {
  process.argv = argv;
  rmSync(m.state.userData, { recursive: true, force: true });
});

describe('main process wiring (electron mocked)', () => {
  it('start at login: applies the login item, resumes the remembered server, stays in the tray', () => {
    expect(m.state.loginItems).toEqual([{ openAtLogin: true, args: ['--autostart'] }]);
    expect(m.state.windows).toHaveLength(0);
    expect(m.state.trays).toHaveLength(1);
    const menu = m.state.trays[0].menu;
    console.log('tray after autostart:', JSON.stringify(labels(menu)), '|', m.state.trays[0].tooltip);
    expect(labels(menu)[2]).toBe('Магазин София (работи)');
    expect(m.state.trays[0].tooltip).toBe('Sklad Sync: работят 1 от 1 сървъра');
    expect(menu.find((i) => i.type === 'checkbox')).toMatchObject({ checked: true });
    expect(m.state.ipcHandlers.size).toBeGreaterThan(10);
  });

  it('a second launch opens the window; closing it hides it while the server runs', () => {
    m.app.emit('second-instance', {}, [], '/');
    expect(m.state.windows).toHaveLength(1);
    const win = m.state.windows[0];
    expect(win.visible).toBe(true);
    expect(win.loaded).toMatch(/renderer\/index\.html$/);
    expect(win.clickClose()).toBe(false);
    expect(win.visible).toBe(false);
    m.app.emit('second-instance', {}, [], '/');
    expect(m.state.windows).toHaveLength(1);
    expect(win.visible).toBe(true);
  });

  it('a failed run notifies, and clicking the notice points the window at the history of that server', async () => {
    const win = m.state.windows[0];
    const run = m.state.ipcHandlers.get('sync:run') as (e: unknown, p: unknown) => Promise<{ ok: boolean }>;
    // The saved server's database (127.0.0.1:3306/warehouse) does not exist here: the run fails.
    expect((await run({ senderFrame: { url: win.loaded } }, { serverId, task: 'export' })).ok).toBe(true);
    await waitFor(() => m.state.notifications.length > 0, {
      timeoutMs: 3000,
      what: 'a notification of the failed run',
    });
    expect(m.state.notifications.length).toBeGreaterThan(0);
    win.hide();
    m.state.notifications[0].click();
    expect(win.visible).toBe(true);
    expect(m.state.sent).toContainEqual(['app:navigateEvent', { serverId, tab: 'history' }]);
  });

  it('the tray stops the server, remembers that, and "open logs" opens the logs folder', async () => {
    const tray = m.state.trays[0];
    const server = tray.menu[2].submenu as MenuItemConstructorOptions[];
    expect(labels(server)).toEqual(['Спри', 'Отвори']);
    (server[0].click as () => void)();
    await waitFor(() => labels(tray.menu)[2] === 'Магазин София (спрян)', {
      what: 'the tray to show the server stopped',
    });
    expect(labels(tray.menu)[2]).toBe('Магазин София (спрян)');
    const saved = JSON.parse(readFileSync(join(m.state.userData, 'shell-settings.json'), 'utf8'));
    expect(saved.runningServers).toEqual([]);
    (tray.menu.find((i) => i.label === 'Отвори папката с журналите')!.click as () => void)();
    expect(m.state.openedPaths).toEqual([join(m.state.userData, 'logs')]);
  });

  it('"save a support file" asks where, writes the zip there, and no secret is in it', async () => {
    const win = m.state.windows[0];
    const save = m.state.ipcHandlers.get('support:saveFile') as (e: unknown, p: unknown) => Promise<IpcAnswer>;
    const answer = await save({ senderFrame: { url: win.loaded } }, {});
    expect(answer.ok).toBe(true);
    const zip = join(m.state.userData, 'support.zip');
    expect(answer.value).toMatchObject({ delivery: 'saved', path: zip });
    expect(m.state.saveDialogs[0].title).toBe('Запази файл за поддръжка');
    expect(m.state.saveDialogs[0].defaultPath).toMatch(/sklad-sync-support-\d{8}-\d{6}\.zip$/);
    const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
    console.log(listing);
    expect(listing).toContain('logs/sklad-sync.log');
    expect(listing).toContain('servers/Магазин-София.json');
    const everything = execFileSync('unzip', ['-p', zip], { encoding: 'utf8' });
    expect(everything).not.toContain('SECRET');
    expect(everything).toContain('"apiKey": "set"');
  });

  it('an app run from source says it does not update itself', async () => {
    const win = m.state.windows[0];
    const status = m.state.ipcHandlers.get('updates:status') as (e: unknown, p: unknown) => Promise<IpcAnswer>;
    const answer = await status({ senderFrame: { url: win.loaded } }, {});
    expect(answer.value).toMatchObject({ supported: false, unsupportedReason: 'not-packaged' });
  });

  it('with no server running, closing the window quits, and the quit drains before exit', async () => {
    const win = m.state.windows[0];
    expect(win.clickClose()).toBe(true);
    m.app.emit('window-all-closed');
    // The first before-quit was held back (no -1 exit); the drain ends in app.exit(0).
    await waitFor(() => m.state.exits.length > 0, { what: 'the drain to exit the app' });
    expect(m.state.exits).toEqual([0]);
    expect(m.state.trays[0].destroyed).toBe(true);
    expect(m.state.ipcHandlers.size).toBe(0);
    const log = readFileSync(join(m.state.userData, 'logs', 'sklad-sync.log'), 'utf8');
    console.log(log);
    expect(log).toContain('started at login; resuming 1 server(s)');
    expect(log).toContain('[Магазин София] server started');
    expect(log).toContain('[Магазин София] server stopped');
    expect(log).toContain('stopped cleanly');
    expect(log).not.toContain('SECRET');
    // The engine closed its database: the state file is no longer held (WAL checkpointed away).
    expect(existsSync(join(m.state.userData, 'state.sqlite3-wal'))).toBe(false);
  });
});
