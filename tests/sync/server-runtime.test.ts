/** Start and Stop (S18): a started server runs its tasks on their schedules and stops cleanly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../electron/engine/engine';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

describe('a started server', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 30 } });
  });
  afterAll(async () => f?.cleanup());

  it('runs "on start" import and the export at once, pushes progress, and stops waiting for runs', async () => {
    const events: EngineEvent[] = [];
    const off = f.t.engine.onEvent((e) => events.push(e));
    const status = f.t.engine.sync.start(f.server.id);
    expect(status.started).toBe(true);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const s = f.t.engine.sync.status(f.server.id);
      if (s.lastRuns.export?.finishedAt && s.lastRuns.import?.finishedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = f.t.engine.sync.status(f.server.id);
    expect(s.lastRuns.import?.state).toBe('succeeded');
    expect(s.lastRuns.export?.state).toBe('succeeded');
    expect(s.lastOrderImportAt).not.toBeNull();
    expect(f.sandbox.model.table('variants').size).toBeGreaterThan(20);
    expect(events.some((e) => e.channel === 'sync:progressEvent' && e.payload.phase === 'export.create')).toBe(true);
    expect(events.some((e) => e.channel === 'servers:stateEvent')).toBe(true);
    // Nothing runs again before its interval: the schedule, not a loop.
    const runs = f.t.engine.sync.state.listRuns(f.server.id).length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(f.t.engine.sync.state.listRuns(f.server.id).length).toBe(runs);
    const stopped = await f.t.engine.sync.stop(f.server.id);
    expect(stopped).toMatchObject({ started: false, activeRuns: [] });
    off();
  });

  it('cancels a run on request between items', async () => {
    f.sandbox.faults.latencyMs = 30;
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1');
    const { runId } = await f.t.engine.sync.run({ serverId: f.server.id, task: 'export' });
    await new Promise((r) => setTimeout(r, 300));
    expect(f.t.engine.sync.cancel(runId)).toBe(true);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && f.t.engine.sync.state.getRun(runId)?.state === 'running')
      await new Promise((r) => setTimeout(r, 50));
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
