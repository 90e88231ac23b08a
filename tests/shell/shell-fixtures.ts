/** Server statuses and engine events for the shell tests, built the way the engine reports them. */
import type { RunSummary, ServerStatus, TaskKind } from '../../shared/types/sync';
import type { EngineEvent } from '../../electron/engine/engine';

export function run(serverId: string, task: TaskKind, state: RunSummary['state'], extra: Partial<RunSummary> = {}) {
  return {
    id: `${serverId}-${task}-${Math.random().toString(16).slice(2)}`,
    serverId,
    task,
    dryRun: false,
    state,
    phase: 'done',
    done: 0,
    total: 0,
    counts: {},
    requests: 0,
    error: state === 'failed' ? 'Връзката с базата е отказана. / The database refused the connection.' : null,
    startedAt: '2026-01-10T08:00:00.000Z',
    finishedAt: state === 'running' ? null : '2026-01-10T08:01:00.000Z',
    ...extra,
  } satisfies RunSummary;
}

export function status(serverId: string, extra: Partial<ServerStatus> = {}): ServerStatus {
  return {
    serverId,
    started: false,
    activeRuns: [],
    lastRuns: { export: null, import: null, 'download-goods': null },
    lastOrderImportAt: null,
    attentionCount: 0,
    ...extra,
  };
}

export const stateEvent = (s: ServerStatus): EngineEvent => ({ channel: 'servers:stateEvent', payload: s });
export const finishedEvent = (r: RunSummary): EngineEvent => ({ channel: 'sync:finishedEvent', payload: r });
