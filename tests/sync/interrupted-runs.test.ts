/**
 * A run left "running" is marked interrupted on the next start only when its process is gone:
 * a second copy of the program on the same data folder leaves the first copy's live runs alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProfileInputSchema } from '../../shared/types/server-profile';
import { SyncState } from '../../electron/engine/sync/sync-state';
import { createTempEngine, SAMPLE_PROFILE } from '../helpers/temp-engine';

describe('interrupted runs', () => {
  const t = createTempEngine();
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  afterAll(async () => {
    live.kill();
    await t.cleanup();
  });

  it('fails the runs of dead processes and keeps those of a live one', () => {
    const server = t.engine.servers.save(ServerProfileInputSchema.parse(SAMPLE_PROFILE));
    const state = t.engine.sync.state;
    const deadPid = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    for (const [id, pid] of [
      ['11111111-1111-4111-8111-111111111111', live.pid!],
      ['22222222-2222-4222-8222-222222222222', deadPid],
    ] as const) {
      state.createRun({ id, serverId: server.id, task: 'export', dryRun: false });
      t.engine.db.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(pid, id);
    }
    // What a second copy does when it opens the same state database.
    expect(new SyncState(t.engine.db).failInterruptedRuns()).toBe(1);
    expect(state.getRun('11111111-1111-4111-8111-111111111111')!.state).toBe('running');
    expect(state.getRun('22222222-2222-4222-8222-222222222222')).toMatchObject({
      state: 'failed',
      error: 'interrupted: the program stopped during the run',
    });
  });
});
