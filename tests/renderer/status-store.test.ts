/**
 * The status store (`renderer/src/stores/status-store.ts`) is fed by engine events, which need not
 * arrive in the order the runs happened: a progress event sent just before a run ended can land
 * after its finished event, and a `servers:status` answer can be older than the events that came
 * while it was on its way. Whatever the order, a finished run never shows as running again.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary, ServerStatus } from '../../shared/types/sync';
import type * as StatusStoreModule from '../../renderer/src/stores/status-store';
import { installFakeApi, type FakeApi } from './fake-api';

const fake: FakeApi = installFakeApi();
type Store = typeof StatusStoreModule;
let store: Store;

beforeAll(async () => {
  store = await import('../../renderer/src/stores/status-store');
  store.connectStatusEvents();
});

let serverId = '';
let n = 0;
beforeEach(async () => {
  // A server of its own per test: the store's memory of earlier events stays with the others.
  serverId = `server-${++n}`;
  fake.answer('serversStatus', [status()]);
  await store.useStatusStore.getState().load();
});

function status(over: Partial<ServerStatus> = {}): ServerStatus {
  return {
    serverId,
    started: true,
    activeRuns: [],
    lastRuns: { export: null, import: null, 'download-goods': null },
    lastOrderImportAt: null,
    attentionCount: 0,
    ...over,
  };
}

/** Run ids are unique (UUIDs in the engine): `r1` of one test is not `r1` of another. */
function run(id: string, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id: `${serverId}/${id}`,
    serverId,
    task: 'export',
    dryRun: false,
    state: 'running',
    phase: 'prices',
    done: 1,
    total: 10,
    counts: {},
    requests: 0,
    error: null,
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: null,
    ...over,
  };
}

const finished = (id: string, over: Partial<RunSummary> = {}) =>
  run(id, { state: 'succeeded', done: 10, finishedAt: '2026-12-01T10:00:05.000Z', ...over });

const current = () => store.useStatusStore.getState().byServer[serverId];
const short = (id: string | undefined) => id?.slice(serverId.length + 1);
const activeIds = () => current().activeRuns.map((r) => short(r.id));

describe('the status store, events in any order', () => {
  it('shows a run while it progresses and drops it when it finishes, keeping it as the last run', () => {
    fake.emit('sync:progressEvent', run('r1'));
    fake.emit('sync:progressEvent', run('r1', { done: 5 }));
    expect(activeIds()).toEqual(['r1']);
    expect(current().activeRuns[0].done).toBe(5);
    fake.emit('sync:finishedEvent', finished('r1'));
    expect(activeIds()).toEqual([]);
    expect(short(current().lastRuns.export?.id)).toBe('r1');
    expect(store.useStatusStore.getState().finishedCount[serverId]).toBe(1);
  });

  it('a progress event that arrives after the finished event does not bring the run back', () => {
    fake.emit('sync:progressEvent', run('r1'));
    fake.emit('sync:finishedEvent', finished('r1'));
    fake.emit('sync:progressEvent', run('r1', { done: 9 }));
    expect(activeIds()).toEqual([]);
    expect(current().lastRuns.export?.state).toBe('succeeded');
  });

  it('a finished event before any progress, then the late progress: never running', () => {
    fake.emit('sync:finishedEvent', finished('r1'));
    fake.emit('sync:progressEvent', run('r1'));
    expect(activeIds()).toEqual([]);
  });

  it('a server state sent before the run ended, arriving after, does not bring it back either', () => {
    fake.emit('sync:progressEvent', run('r1'));
    fake.emit('sync:finishedEvent', finished('r1'));
    fake.emit('servers:stateEvent', status({ activeRuns: [run('r1')] }));
    expect(activeIds()).toEqual([]);
    // ... while a run that is still going, in the same state, is shown.
    fake.emit('servers:stateEvent', status({ activeRuns: [run('r1'), run('r2')] }));
    expect(activeIds()).toEqual(['r2']);
  });

  it('a status answer older than the events that came meanwhile does not undo them', async () => {
    fake.emit('sync:progressEvent', run('r1'));
    let answer: (value: ServerStatus[]) => void = () => undefined;
    fake.answer('serversStatus', () => new Promise<ServerStatus[]>((resolve) => (answer = resolve)));
    const loading = store.useStatusStore.getState().load();
    fake.emit('sync:finishedEvent', finished('r1'));
    answer([status({ activeRuns: [run('r1')] })]);
    await loading;
    expect(activeIds()).toEqual([]);
  });

  it('a status answer for a finished run, with no event since, still does not show it running', async () => {
    fake.emit('sync:progressEvent', run('r1'));
    fake.emit('sync:finishedEvent', finished('r1'));
    fake.answer('serversStatus', [status({ activeRuns: [run('r1')] })]);
    await store.useStatusStore.getState().load();
    expect(activeIds()).toEqual([]);
  });

  it('two runs at once: each finishes on its own, in the order they started', () => {
    fake.emit('sync:progressEvent', run('r2', { task: 'import', startedAt: '2026-12-01T10:00:02.000Z' }));
    fake.emit('sync:progressEvent', run('r1'));
    expect(activeIds()).toEqual(['r1', 'r2']);
    fake.emit('sync:finishedEvent', finished('r2', { task: 'import' }));
    expect(activeIds()).toEqual(['r1']);
    expect(short(current().lastRuns.import?.id)).toBe('r2');
  });

  it('a dry run that finishes is not the last run of its task', () => {
    fake.emit('sync:finishedEvent', finished('real'));
    fake.emit('sync:finishedEvent', finished('plan', { dryRun: true }));
    expect(short(current().lastRuns.export?.id)).toBe('real');
  });

  it('keeps the log bounded, and a log loaded later merges with the live lines without doubles', async () => {
    const line = (i: number) => ({
      runId: 'r1',
      serverId,
      level: 'info' as const,
      message: `line ${i}`,
      at: `2026-12-01T10:00:${String(i).padStart(2, '0')}.000Z`,
    });
    fake.emit('sync:logEvent', line(3));
    fake.emit('sync:logEvent', line(4));
    fake.answer('runsLog', [line(1), line(2), line(3)]);
    await store.useStatusStore.getState().loadLog(serverId);
    expect(store.useStatusStore.getState().logs[serverId].map((l) => l.message)).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 4',
    ]);
    for (let i = 0; i < store.LOG_LIMIT + 5; i++) fake.emit('sync:logEvent', { ...line(59), message: `more ${i}` });
    const logs = store.useStatusStore.getState().logs[serverId];
    expect(logs).toHaveLength(store.LOG_LIMIT);
    expect(logs.at(-1)?.message).toBe(`more ${store.LOG_LIMIT + 4}`);
  });
});
