/**
 * One run, one request (issue 16): what Run now asks for (a full compare) belongs to that run only.
 * The schedule's next export of an unchanged catalog must not read the store catalog again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import type { RunSummary } from '../../shared/types/sync';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

async function finished(f: SyncFixture, runId: string): Promise<RunSummary> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = f.t.engine.sync.state.getRun(runId);
    if (run?.finishedAt) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish in 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first export that is not one of `seen`, once it has finished. */
async function nextExport(f: SyncFixture, seen: Set<string>): Promise<RunSummary> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = f.t.engine.sync.state
      .listRuns(f.server.id, 10)
      .find((r) => r.task === 'export' && !seen.has(r.id) && r.finishedAt);
    if (run) return run;
    if (Date.now() > deadline) throw new Error('the schedule did not run the export in 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a full compare chosen from Run now', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', {
      demo: { goods: 14, problems: false },
      settings: {
        importTask: {
          enabled: false,
          startMode: { kind: 'on-start' },
          pollMinutes: 5,
          downloadGoods: false,
          followOrders: true,
        },
      },
    });
    // The first export fills the store (and makes its own full compare: none was done yet).
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
  });
  afterAll(async () => f?.cleanup());

  it('reads the store catalog once, and the next scheduled export of an unchanged catalog sends no request', async () => {
    const result = await dispatch(f.t.engine, 'sync:run', { serverId: f.server.id, task: 'export', fullCompare: true });
    expect(result.ok).toBe(true);
    const manual = await finished(f, (result as { ok: true; value: { runId: string } }).value.runId);
    expect(manual.state).toBe('succeeded');
    // The full compare did read the catalog: that is what the user asked for.
    expect(manual.requests).toBeGreaterThan(0);

    const seen = new Set(f.t.engine.sync.state.listRuns(f.server.id, 10).map((r) => r.id));
    const before = f.sandbox.requests.total;
    f.t.engine.sync.start(f.server.id); // the schedule's export of a started server runs at once
    const scheduled = await nextExport(f, seen);
    await f.t.engine.sync.stop(f.server.id);
    expect(scheduled.state).toBe('succeeded');
    // Nothing changed in Warehouse Pro and the daily full compare is not due: nothing to ask the store.
    expect(scheduled.requests, 'store requests of the scheduled export').toBe(0);
    expect(f.sandbox.requests.total - before, 'requests the sandbox saw').toBe(0);
  });
});
