import type { RunSummary } from '../../../shared/types/sync';
import { api } from './index';

/** Resolves with a run's summary once it has finished, whether that happened before or after the call. */
export function waitForRun(runId: string): Promise<RunSummary> {
  return new Promise((resolve, reject) => {
    const off = api.on('sync:finishedEvent', (run) => {
      if (run.id !== runId) return;
      off();
      resolve(run);
    });
    // It may have finished before the listener was in place.
    api.runsItems({ runId, limit: 1 }).then(
      ({ run }) => {
        if (run.finishedAt) {
          off();
          resolve(run);
        }
      },
      (err) => {
        off();
        reject(err);
      },
    );
  });
}
