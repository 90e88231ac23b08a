/**
 * An error that is not an `AppError` (a bug: a TypeError in a handler, a library's surprise) reaches
 * the renderer as "internal error, id X; the log has the details" and nothing else, and the log
 * file gets the same id with the stack, the servers' secrets masked. Both transports: the Electron
 * handlers (`registerIpc`) and serve mode's HTTP API, each writing the real `RotatingLog` in
 * `<data folder>/logs` as `main.ts` and `sklad-sync serve` do.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import type { Probes } from '../../electron/engine/probes';
import { KeyFileSecretBox } from '../../electron/engine/secrets/key-file-secret-box';
import { startServeHost } from '../../electron/headless/serve-host';
import { registerIpc } from '../../electron/shell/ipc-bridge';
import { RotatingLog } from '../../electron/shell/rotating-log';
import { toApiError } from '../../renderer/src/api/api-error';
import { ServerProfileInputSchema } from '../../shared/types/server-profile';
import { SAMPLE_PROFILE } from '../helpers/temp-engine';

const API_KEY = 'ccKey-7Hq2ZpX9vLm4Rt8W';
const MESSAGE_BG = /^Вътрешна грешка, номер ([0-9a-f]{8}); подробностите са в дневника\.$/;
const MESSAGE_EN = /^Internal error, id ([0-9a-f]{8}); the log has the details\.$/;

/** A probe with a bug that also puts the key it was given into its error text, as a URL would. */
const buggyProbes: Probes = {
  testStore: (domain, apiKey) => {
    const response = undefined as unknown as { data: { name: string } } | undefined;
    try {
      return Promise.resolve({ ok: true, message: response!.data.name, storeName: null, rateLimit: null });
    } catch (err) {
      throw new TypeError(`${(err as Error).message} for https://${domain}/api/v2?key=${apiKey}`);
    }
  },
  testDatabase: () => Promise.reject(new Error('not used')),
  reference: () => Promise.reject(new Error('not used')),
};

interface Setup {
  engine: Engine;
  log: RotatingLog;
  serverId: string;
  cleanup(): Promise<void>;
}

const setups: Setup[] = [];
afterEach(async () => {
  for (const s of setups.splice(0)) await s.cleanup();
});

function setUp(): Setup {
  const root = mkdtempSync(join(tmpdir(), 'sklad-sync-internal-'));
  const dataDir = join(root, 'data');
  const log = new RotatingLog({ dir: join(dataDir, 'logs') });
  const engine = new Engine({
    dataDir,
    secrets: new KeyFileSecretBox(join(root, 'config', 'secret.key')),
    host: 'serve',
    version: 'test',
    probes: buggyProbes,
    log: (level, message) => log.write(level, message),
  });
  log.maskSecrets(() => engine.servers.knownSecrets());
  const serverId = engine.servers.save(
    ServerProfileInputSchema.parse({ ...SAMPLE_PROFILE, secrets: { apiKey: API_KEY } }),
  ).id;
  const setup = {
    engine,
    log,
    serverId,
    async cleanup() {
      await engine.close();
      log.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  setups.push(setup);
  return setup;
}

/** The log line of this id with the lines under it (the stack is indented by the log). */
function logEntry(log: RotatingLog, id: string): string {
  const text = readFileSync(log.file(0), 'utf8');
  const start = text.indexOf(`internal error ${id}`);
  expect(start, `the log has no line for id ${id}:\n${text}`).toBeGreaterThanOrEqual(0);
  const next = text.slice(start).search(/\n\d{4}-\d\d-\d\dT/);
  return next < 0 ? text.slice(start) : text.slice(start, start + next);
}

function expectLoggedWithStack(log: RotatingLog, id: string, channel: string): void {
  const entry = logEntry(log, id);
  expect(entry).toContain(`in ${channel}`);
  expect(entry).toMatch(/TypeError: Cannot read properties of undefined \(reading 'data'\)/);
  // The stack: frames of the code that threw, under the message.
  expect(entry).toMatch(/\n\s+at .*internal-errors\.test\.ts/);
  expect(entry).not.toContain(API_KEY);
  expect(entry).toContain('key=***');
  expect(readFileSync(log.file(0), 'utf8')).not.toContain(API_KEY);
}

describe('an unexpected error in a handler', () => {
  it('reaches the Electron renderer as "internal error, id X", and the log has X with the stack', async () => {
    const { engine, log, serverId } = setUp();
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const rendererUrl = 'file:///app/dist/renderer/index.html';
    const ipcMain = { handle: (c: string, fn: never) => handlers.set(c, fn), removeHandler: () => undefined };
    registerIpc(ipcMain as never, engine, rendererUrl, () => []);

    const result = (await handlers.get('store:test')!(
      { senderFrame: { url: rendererUrl } },
      { serverId, domain: SAMPLE_PROFILE.store.domain },
    )) as { ok: false; error: unknown };
    expect(result.ok).toBe(false);
    // What the renderer makes of it (the preload rethrows the error object as is).
    const shown = toApiError(result.error);
    expect(shown.code).toBe('internal');
    const id = MESSAGE_BG.exec(shown.message)?.[1];
    expect(id, shown.message).toBeDefined();
    expect(JSON.stringify(result)).not.toContain(API_KEY);
    expect(JSON.stringify(result)).not.toContain('TypeError');
    expectLoggedWithStack(log, id!, 'store:test');
  });

  it('reaches the serve-mode page the same way, in English when the UI is English', async () => {
    const { engine, log, serverId } = setUp();
    engine.settings.set({ locale: 'en' });
    const rendererDir = join(engine.options.dataDir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sklad Sync</title>');
    const host = await startServeHost({ engine, rendererDir, port: 0 });
    try {
      const response = await fetch(`http://127.0.0.1:${host.port}/api/store:test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
        body: JSON.stringify({ serverId, domain: SAMPLE_PROFILE.store.domain }),
      });
      expect(response.status).toBe(500);
      const body = (await response.text()) as string;
      expect(body).not.toContain(API_KEY);
      const shown = toApiError((JSON.parse(body) as { error: unknown }).error);
      expect(shown.code).toBe('internal');
      const id = MESSAGE_EN.exec(shown.message)?.[1];
      expect(id, shown.message).toBeDefined();
      expectLoggedWithStack(log, id!, 'store:test');
    } finally {
      await host.close();
    }
  });

  it('gives every error its own id', async () => {
    const { engine, serverId } = setUp();
    const { dispatch } = await import('../../electron/engine/ipc/dispatch');
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const result = await dispatch(engine, 'store:test', { serverId, domain: SAMPLE_PROFILE.store.domain });
      if (result.ok) throw new Error('the buggy probe answered');
      ids.add(MESSAGE_BG.exec(result.error.message)![1]);
    }
    expect(ids.size).toBe(5);
  });
});
