/**
 * Progress in memory (issue 16): a run's row in the state database is written at phase boundaries,
 * every few seconds and at the end, not at the UI's progress rate; the window still sees the live
 * progress (status, runs list, run details); and one change of a server's state is one
 * `servers:stateEvent`, not one per step inside the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../electron/engine/engine';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import { RUN_ROW_WRITE_EVERY_MS } from '../../electron/engine/sync/run-context';
import type { RunSummary, ServerStatus } from '../../shared/types/sync';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

const GOODS = 200;

/** Counts every UPDATE of a row of `runs`, on the engine's own connection (a temporary trigger). */
function countRunRowWrites(f: SyncFixture): { writes(runId: string): number; stop(): void } {
  const db = f.t.engine.db;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS run_row_writes (run_id TEXT);
    CREATE TEMP TRIGGER IF NOT EXISTS count_run_row_writes AFTER UPDATE ON main.runs
    BEGIN INSERT INTO run_row_writes VALUES (new.id); END;`);
  return {
    writes: (runId) =>
      (db.prepare('SELECT COUNT(*) AS n FROM run_row_writes WHERE run_id = ?').get(runId) as { n: number }).n,
    stop: () => db.exec('DROP TRIGGER IF EXISTS temp.count_run_row_writes; DELETE FROM run_row_writes;'),
  };
}

const ok = <T>(r: { ok: boolean; value?: unknown }): T => {
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return r.value as T;
};

const turn = () => new Promise((r) => setTimeout(r, 20));

describe('progress of a run', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', {
      demo: { goods: GOODS, problems: false, variantShare: 0 },
      settings: {
        importTask: {
          enabled: true,
          startMode: { kind: 'on-start' },
          pollMinutes: 5,
          downloadGoods: false,
          followOrders: true,
        },
      },
    });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
  });
  afterAll(async () => f?.cleanup());

  it(`writes the run row a bounded number of times for ${GOODS} changed prices, and a window sees the live progress`, async () => {
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1');
    f.sandbox.faults.latencyMs = 15; // about 3 s of price updates: several progress pushes, a few row writes
    const counter = countRunRowWrites(f);
    const phases: string[] = [];
    const seen: {
      done: number;
      rowDone: number;
      status: ReturnType<typeof dispatch>;
      list: ReturnType<typeof dispatch>;
      items: ReturnType<typeof dispatch>;
    }[] = [];
    const off = f.t.engine.onEvent((e: EngineEvent) => {
      if (e.channel !== 'sync:progressEvent' || e.payload.task !== 'export') return;
      if (phases.at(-1) !== e.payload.phase) phases.push(e.payload.phase);
      if (e.payload.phase !== 'export.values' || e.payload.done === 0) return;
      // "A window opened now": the same calls the UI makes, answered at this very moment.
      const row = f.t.engine.db.prepare('SELECT done FROM runs WHERE id = ?').get(e.payload.id) as { done: number };
      seen.push({
        done: e.payload.done,
        rowDone: row.done,
        status: dispatch(f.t.engine, 'servers:status', {}),
        list: dispatch(f.t.engine, 'runs:list', { serverId: f.server.id, limit: 5 }),
        items: dispatch(f.t.engine, 'runs:items', { runId: e.payload.id, limit: 1 }),
      });
    });
    const t0 = Date.now();
    const run = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
    const ms = Date.now() - t0;
    off();
    f.sandbox.faults.latencyMs = 0;
    const writes = counter.writes(run.id);
    counter.stop();

    expect(run.state).toBe('succeeded');
    expect(run.counts.prices).toBe(GOODS);
    // At most: each phase's start and end, one every RUN_ROW_WRITE_EVERY_MS in between, and the end.
    const bound = 2 * phases.length + Math.floor(ms / RUN_ROW_WRITE_EVERY_MS) + 2;
    console.log(
      `[run-progress] ${GOODS} items in ${ms} ms, ${phases.length} phases: ${writes} run-row writes (bound ${bound})`,
    );
    expect(writes, `run-row writes in ${ms} ms over ${phases.join(', ')}`).toBeLessThanOrEqual(bound);
    expect(writes).toBeLessThan(GOODS / 10);

    // Every answer a window got mid-run carried the live count, though the row lagged behind.
    expect(seen.length).toBeGreaterThan(3);
    for (const s of seen) {
      const status = ok<ServerStatus[]>(await s.status).find((x) => x.serverId === f.server.id)!;
      expect(status.activeRuns.find((r) => r.id === run.id)?.done).toBe(s.done);
      expect(status.lastRuns.export?.done).toBe(s.done);
      expect(ok<RunSummary[]>(await s.list).find((r) => r.id === run.id)?.done).toBe(s.done);
      expect(ok<{ run: RunSummary }>(await s.items).run).toMatchObject({ id: run.id, state: 'running', done: s.done });
    }
    expect(seen.some((s) => s.rowDone < s.done)).toBe(true);
  });

  it('tells the window once when a run starts and once when it ends', async () => {
    const states: ServerStatus[] = [];
    const off = f.t.engine.onEvent((e) => {
      if (e.channel === 'servers:stateEvent' && e.payload.serverId === f.server.id) states.push(e.payload);
    });
    // A run that waits on the store, so its start and its end are two moments apart.
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1 WHERE ID = 2');
    f.sandbox.faults.latencyMs = 20;
    const { runId } = ok<{ runId: string }>(
      await dispatch(f.t.engine, 'sync:run', { serverId: f.server.id, task: 'export' }),
    );
    const deadline = Date.now() + 30_000;
    while (!f.t.engine.sync.state.getRun(runId)?.finishedAt && Date.now() < deadline) await turn();
    while (f.t.engine.sync.status(f.server.id).activeRuns.length && Date.now() < deadline) await turn();
    await turn();
    off();
    f.sandbox.faults.latencyMs = 0;
    expect(states.map((s) => s.activeRuns.map((r) => r.id))).toEqual([[runId], []]);
    expect(states[1].lastRuns.export).toMatchObject({ id: runId, state: 'succeeded' });
  });

  it('tells the window once when Start sets off the import and the export', async () => {
    const states: ServerStatus[] = [];
    const off = f.t.engine.onEvent((e) => {
      if (e.channel === 'servers:stateEvent' && e.payload.serverId === f.server.id) states.push(e.payload);
    });
    // Both runs wait on the store, so the one turn of Start sees them both going.
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1 WHERE ID = 2');
    f.sandbox.faults.latencyMs = 20;
    ok(await dispatch(f.t.engine, 'sync:start', { serverId: f.server.id }));
    await new Promise((r) => setImmediate(r)); // the engine reports after the turn that started them
    const atStart = [...states];
    ok(await dispatch(f.t.engine, 'sync:stop', { serverId: f.server.id }));
    await turn();
    off();
    f.sandbox.faults.latencyMs = 0;
    expect(atStart).toHaveLength(1);
    expect(atStart[0].started).toBe(true);
    expect(atStart[0].activeRuns.map((r) => r.task).sort()).toEqual(['export', 'import']);
    expect(states.at(-1)).toMatchObject({ started: false, activeRuns: [] });
  });
});
