/** Start and Stop (S18): a started server runs its tasks on their schedules and stops cleanly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../electron/engine/engine';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { expectNoEvent, waitForEvent } from '../helpers/wait-for';

describe('a started server', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 30 } });
  });
  afterAll(async () => f?.cleanup());

  it('runs "on start" import and the export at once, pushes progress, and stops waiting for runs', async () => {
    const events: EngineEvent[] = [];
    const off = f.t.engine.onEvent((e) => events.push(e));
    const finished = (task: 'import' | 'export') =>
      waitForEvent(f.t.engine, 'sync:finishedEvent', (r) => r.serverId === f.server.id && r.task === task, {
        what: `the first ${task} run of the started server to finish`,
      });
    const bothFinished = Promise.all([finished('import'), finished('export')]);
    const status = f.t.engine.sync.start(f.server.id);
    expect(status.started).toBe(true);
    await bothFinished;
    const s = f.t.engine.sync.status(f.server.id);
    expect(s.lastRuns.import?.state).toBe('succeeded');
    expect(s.lastRuns.export?.state).toBe('succeeded');
    expect(s.lastOrderImportAt).not.toBeNull();
    expect(f.sandbox.model.table('variants').size).toBeGreaterThan(20);
    expect(events.some((e) => e.channel === 'sync:progressEvent' && e.payload.phase === 'export.create')).toBe(true);
    expect(events.some((e) => e.channel === 'servers:stateEvent')).toBe(true);
    // Nothing runs again before its interval: the schedule, not a loop. The server checks its
    // schedules every second; over 1.5 s (at least one check) no run of it may start.
    const runs = f.t.engine.sync.state.listRuns(f.server.id).length;
    await expectNoEvent(f.t.engine, (e) => e.channel === 'sync:progressEvent' && e.payload.serverId === f.server.id, {
      forMs: 1500,
      what: 'no run should start before its interval',
    });
    expect(f.t.engine.sync.state.listRuns(f.server.id).length).toBe(runs);
    const stopped = await f.t.engine.sync.stop(f.server.id);
    expect(stopped).toMatchObject({ started: false, activeRuns: [] });
    off();
  });

  it('cancels a run on request between items', async () => {
    f.sandbox.faults.latencyMs = 30;
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1');
    // Cancelled once the run has sent its first price (so it is mid-way, not before it began).
    const firstPrice = waitForEvent(f.t.engine, 'sync:progressEvent', (r) => (r.counts.prices ?? 0) > 0, {
      what: 'the export to send its first price',
    });
    const { runId } = await f.t.engine.sync.run({ serverId: f.server.id, task: 'export' });
    await firstPrice;
    const finished = waitForEvent(f.t.engine, 'sync:finishedEvent', (r) => r.id === runId, {
      timeoutMs: 20_000,
      what: 'the cancelled export to end',
    });
    // The server's state without the run: sent once the run has let go of its task.
    const released = waitForEvent(
      f.t.engine,
      'servers:stateEvent',
      (st) => st.serverId === f.server.id && !st.activeRuns.some((r) => r.id === runId),
      { timeoutMs: 20_000, what: 'the server state without the cancelled run' },
    );
    expect(f.t.engine.sync.cancel(runId)).toBe(true);
    expect((await finished).state).toBe('cancelled');
    await released;
    const run = f.t.engine.sync.state.getRun(runId)!;
    expect(run.state).toBe('cancelled');
    const linked = f.t.engine.sync.state.links(f.server.id).size;
    expect(run.counts.prices ?? 0).toBeLessThan(linked);
    f.sandbox.faults.latencyMs = 0;
    // The next run finishes what was left, and only that.
    const next = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
    expect((run.counts.prices ?? 0) + (next.counts.prices ?? 0)).toBe(linked);
  });
});
