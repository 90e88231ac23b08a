/**
 * What each server is doing, fed by engine events: started or not, runs in flight with their
 * progress, the last run of each task, the last successful order import, and the live log.
 * One `servers:status` call fills it; after that only events update it (no polling).
 */
import { create } from 'zustand';
import type { LogLine, RunSummary, ServerStatus } from '../../../shared/types/sync';
import { api } from '../api';

/** Log lines kept per server: enough to read a run's story, bounded so a long day stays light. */
export const LOG_LIMIT = 2000;

interface StatusState {
  byServer: Record<string, ServerStatus>;
  logs: Record<string, LogLine[]>;
  /** Bumped when a run of the server finishes, so history views reload. */
  finishedCount: Record<string, number>;
  load(): Promise<void>;
  /** Fills a server's log with what the engine kept from before this window opened. */
  loadLog(serverId: string): Promise<void>;
}

/**
 * Events carry newer news than a `servers:status` answer that was on its way meanwhile: a load
 * keeps, for every server with an event since the load began, what the events said.
 */
let eventSeq = 0;
const lastEventAt = new Map<string, number>();
function touched(serverId: string): void {
  lastEventAt.set(serverId, ++eventSeq);
}

/**
 * Runs this window saw finish. A progress event or a server state sent just before a run ended
 * can arrive after its finished event (the engine's progress is throttled, a status answer may be
 * on its way): a run in this set is never shown as running again. Bounded, oldest forgotten first.
 */
const FINISHED_KEPT = 1000;
const finishedRuns = new Set<string>();
function markFinished(runId: string): void {
  finishedRuns.add(runId);
  if (finishedRuns.size > FINISHED_KEPT) finishedRuns.delete(finishedRuns.values().next().value!);
}
const stillActive = (run: RunSummary) => run.finishedAt === null && !finishedRuns.has(run.id);

export const useStatusStore = create<StatusState>(() => ({
  byServer: {},
  logs: {},
  finishedCount: {},
  async loadLog(serverId) {
    const earlier = await api.runsLog({ serverId });
    useStatusStore.setState((s) => {
      const live = s.logs[serverId] ?? [];
      const last = earlier.at(-1)?.at ?? '';
      // Lines that arrived as events while the answer was on its way are kept, without doubles.
      const merged = [...earlier, ...live.filter((l) => l.at > last)];
      return { logs: { ...s.logs, [serverId]: merged.slice(-LOG_LIMIT) } };
    });
  },
  async load() {
    const startedAt = eventSeq;
    const statuses = await api.serversStatus({});
    const current = useStatusStore.getState().byServer;
    useStatusStore.setState({
      byServer: Object.fromEntries(
        statuses.map((s) => [
          s.serverId,
          (lastEventAt.get(s.serverId) ?? 0) > startedAt && current[s.serverId]
            ? current[s.serverId]
            : { ...s, activeRuns: s.activeRuns.filter(stillActive) },
        ]),
      ),
    });
  },
}));

function patchStatus(serverId: string, patch: (status: ServerStatus) => ServerStatus): void {
  const current = useStatusStore.getState().byServer[serverId];
  if (!current) return;
  useStatusStore.setState((s) => ({ byServer: { ...s.byServer, [serverId]: patch(current) } }));
}

function withRun(runs: RunSummary[], run: RunSummary): RunSummary[] {
  const others = runs.filter((r) => r.id !== run.id);
  return [...others, run].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

export function connectStatusEvents(): () => void {
  const offs = [
    api.on('servers:stateEvent', (status) => {
      touched(status.serverId);
      // A run that has finished is never active, whatever order the events arrived in.
      const activeRuns = status.activeRuns.filter(stillActive);
      useStatusStore.setState((s) => ({ byServer: { ...s.byServer, [status.serverId]: { ...status, activeRuns } } }));
    }),
    api.on('sync:progressEvent', (run) => {
      touched(run.serverId);
      if (stillActive(run)) patchStatus(run.serverId, (s) => ({ ...s, activeRuns: withRun(s.activeRuns, run) }));
    }),
    api.on('sync:finishedEvent', (run) => {
      touched(run.serverId);
      markFinished(run.id);
      patchStatus(run.serverId, (status) => ({
        ...status,
        activeRuns: status.activeRuns.filter((r) => r.id !== run.id),
        lastRuns: run.dryRun ? status.lastRuns : { ...status.lastRuns, [run.task]: run },
      }));
      useStatusStore.setState((s) => ({
        finishedCount: { ...s.finishedCount, [run.serverId]: (s.finishedCount[run.serverId] ?? 0) + 1 },
      }));
    }),
    api.on('sync:logEvent', (line) =>
      useStatusStore.setState((s) => {
        const lines = [...(s.logs[line.serverId] ?? []), line];
        return { logs: { ...s.logs, [line.serverId]: lines.slice(-LOG_LIMIT) } };
      }),
    ),
    // A reconnect or a change made elsewhere: read the whole picture again.
    api.on(
      'servers:changedEvent',
      () =>
        void useStatusStore
          .getState()
          .load()
          .catch(() => undefined),
    ),
  ];
  return () => offs.forEach((off) => off());
}
