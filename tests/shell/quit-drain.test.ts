/**
 * Quit drains: the first before-quit is held back, the steps run in order (IPC off, servers stopped
 * with their in-flight batches finished, tray and log closed), and only then does the app exit.
 * The "stop the servers" step is a real Engine's close() in the last test.
 */
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuitDrain } from '../../electron/shell/quit-drain';
import { createTempEngine } from '../helpers/temp-engine';
import { waitFor } from '../helpers/wait-for';

function fakeApp() {
  const app = new EventEmitter() as EventEmitter & { exit: (code?: number) => void; exits: number[] };
  app.exits = [];
  app.exit = (code = 0) => app.exits.push(code);
  return app;
}

/** What Electron does on app.quit(): emit before-quit; quit only if nobody prevented it. */
function requestQuit(app: EventEmitter): boolean {
  let prevented = false;
  app.emit('before-quit', { preventDefault: () => (prevented = true) });
  return !prevented;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('quit drains before exit', () => {
  it('holds the quit, runs the steps in order, waits for the servers, then exits once', async () => {
    const app = fakeApp();
    const order: string[] = [];
    const batch = deferred();
    let drainStarted = 0;
    const drain = new QuitDrain({
      app: app as never,
      onDrainStart: () => drainStarted++,
      steps: [
        { name: 'unhook IPC', run: () => void order.push('ipc off') },
        {
          name: 'stop the servers',
          run: async () => {
            order.push('stopping');
            await batch.promise; // an in-flight batch finishing
            order.push('stopped');
          },
        },
        { name: 'close the log', run: () => void order.push('log closed') },
      ],
    });
    expect(drain.quitting).toBe(false);
    expect(requestQuit(app)).toBe(false);
    expect(drain.quitting).toBe(true);
    await waitFor(() => order.includes('stopping'), { timeoutMs: 5000, what: 'the drain to reach the servers step' });
    expect(order).toEqual(['ipc off', 'stopping']);
    expect(app.exits).toEqual([]);

    // A second Quit during the drain changes nothing.
    expect(requestQuit(app)).toBe(false);
    expect(drainStarted).toBe(1);

    batch.resolve();
    await drain.drain();
    expect(order).toEqual(['ipc off', 'stopping', 'stopped', 'log closed']);
    expect(app.exits).toEqual([0]);
    // After the drain, Electron's own quit goes through.
    expect(requestQuit(app)).toBe(true);
  });

  it('a failing step is logged and the rest still run', async () => {
    const app = fakeApp();
    const order: string[] = [];
    const logged: string[] = [];
    const drain = new QuitDrain({
      app: app as never,
      log: (_l, m) => logged.push(m),
      steps: [
        {
          name: 'remove the tray',
          run: () => {
            throw new Error('tray gone');
          },
        },
        { name: 'stop the servers', run: async () => void order.push('stopped') },
      ],
    });
    await drain.drain();
    expect(order).toEqual(['stopped']);
    expect(logged).toEqual(['quit: remove the tray failed: tray gone']);
    expect(app.exits).toEqual([0]);
  });

  it('exits after the timeout when a run never stops, and says so', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    const logged: string[] = [];
    const drain = new QuitDrain({
      app: app as never,
      timeoutMs: 5_000,
      log: (_l, m) => logged.push(m),
      steps: [{ name: 'stop the servers', run: () => new Promise<void>(() => undefined) }],
    });
    const done = drain.drain();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(app.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(app.exits).toEqual([0]);
    expect(logged).toEqual(['quit: the servers did not stop in time; exiting anyway']);
  });

  it('with a real engine: the drain stops it (its database is closed) before exit', async () => {
    const t = createTempEngine();
    const app = fakeApp();
    let closedBeforeExit = false;
    const drain = new QuitDrain({
      app: {
        on: app.on.bind(app),
        exit: () => {
          closedBeforeExit = !t.engine.db.open;
          app.exits.push(0);
        },
      } as never,
      steps: [{ name: 'stop the servers', run: () => t.engine.close() }],
    });
    requestQuit(app);
    await drain.drain();
    expect(closedBeforeExit).toBe(true);
    expect(app.exits).toEqual([0]);
    rmSync(t.root, { recursive: true, force: true });
  });
});
