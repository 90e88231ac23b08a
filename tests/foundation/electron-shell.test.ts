/**
 * The Electron shell cannot launch here (no Electron binary), so its configuration and wiring are
 * tested with the `electron` module replaced by a recorder: the window's security settings, the
 * preload's narrow surface, and the main-side sender check.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, methodName } from '../../shared/ipc/channels';
import { isAllowedNavigation, mainWindowOptions } from '../../electron/shell/window-options';
import { createTempEngine, SAMPLE_PROFILE, type TempEngine } from '../helpers/temp-engine';

const exposed: Record<string, unknown> = {};
const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
const invoked: [string, unknown][] = [];

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push([channel, payload]);
      return channel === 'servers:get'
        ? { ok: false, error: { code: 'not_found', message: 'Сървърът не е намерен.' } }
        : { ok: true, value: [] };
    },
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));

describe('main window security settings', () => {
  const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
  it('isolates the page: context isolation, sandbox, no Node, no webview', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
  it('allows navigation only to our own renderer page', () => {
    const ours = 'file:///app/dist/renderer/index.html';
    expect(isAllowedNavigation('file:///app/dist/renderer/index.html#/servers', ours)).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', ours)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', ours)).toBe(false);
    expect(isAllowedNavigation('not a url', ours)).toBe(false);
  });
});

describe('preload', () => {
  beforeAll(async () => {
    await import('../../electron/shell/preload');
  });
  beforeEach(() => {
    invoked.length = 0;
  });

  it('exposes exactly one object with one method per contract channel and `on`', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS.map(methodName), 'on'].sort());
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('unwraps results and turns errors into thrown {code, message}', async () => {
    const api = exposed.api as Record<string, (req?: unknown) => Promise<unknown>>;
    expect(await api.serversList({})).toEqual([]);
    await expect(api.serversGet({ id: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    expect(invoked.map(([c]) => c)).toEqual(['servers:list', 'servers:get']);
  });

  it('subscribes only to contract events', () => {
    const api = exposed.api as { on: (e: string, cb: () => void) => () => void };
    expect(() => api.on('fs:anything', () => undefined)).toThrow(/unknown event/);
    const off = api.on(EVENT_CHANNELS[0], () => undefined);
    expect(typeof off).toBe('function');
  });
});

describe('main-side IPC handlers', () => {
  let t: TempEngine;
  const rendererUrl = 'file:///app/dist/renderer/index.html';
  const sent: [string, unknown][] = [];
  beforeAll(async () => {
    t = createTempEngine();
    const { registerIpc } = await import('../../electron/shell/ipc-bridge');
    const ipcMain = {
      handle: (c: string, fn: never) => handlers.set(c, fn),
      removeHandler: (c: string) => handlers.delete(c),
    };
    const win = { isDestroyed: () => false, webContents: { send: (c: string, p: unknown) => sent.push([c, p]) } };
    registerIpc(ipcMain as never, t.engine, rendererUrl, () => [win as never]);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('registers a handler for every channel', () => {
    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('refuses calls from a frame that is not our renderer', async () => {
    const result = await handlers.get('servers:list')!({ senderFrame: { url: 'https://evil.example/' } }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('validates payloads from our renderer and pushes events to windows', async () => {
    const frame = { senderFrame: { url: rendererUrl } };
    expect(await handlers.get('servers:save')!(frame, { name: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    const saved = (await handlers.get('servers:save')!(frame, SAMPLE_PROFILE)) as { ok: true; value: { id: string } };
    expect(saved.ok).toBe(true);
    expect(sent).toContainEqual(['servers:changedEvent', { ids: [saved.value.id] }]);
  });
});
