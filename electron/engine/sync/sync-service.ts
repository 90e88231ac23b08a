/**
 * The engine's sync facade for the IPC handlers: start and stop servers, run a task now (or its
 * dry run), cancel, and read runs, items, attention and the audit log. Sessions (a database
 * connection plus a store client for one run) come from the injected factory.
 */
import type { ServerProfileView } from '../../../shared/types/server-profile';
import type { LogLine, RunRequest, RunSummary, ServerStatus } from '../../../shared/types/sync';
import type { EventChannel } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { ServerProfiles } from '../state/server-profiles';
import type { StateDb } from '../state/state-db';
import { SecretMasker } from '../secrets/secret-mask';
import { toCsv } from './csv';
import { sayExplain } from '../../../shared/i18n/explain-texts';
import type { Locale } from '../../../shared/ipc/contract';
import { reconcileView } from './reconcile/reconcile-view';
import { recoverOrderTask, recoverResult } from './reconcile/recover-order';
import type { ReconcileReport, RecoverResult } from '../../../shared/types/reconcile';
import type { SessionContext } from './open-session';
import { stampDomain } from './order-stamp';
import { ServerRuntime } from './server-runtime';
import { SyncState } from './sync-state';
import { downloadGoodsTask } from './tasks/download-task';
import { exportTask } from './tasks/export-task';
import { importTask } from './tasks/import-task';
import { revertTask } from './tasks/revert-task';
import type { SyncSession } from './tasks/session';

export type SessionFactory = (
  profile: ServerProfileView,
  ctx: SessionContext,
  state: SyncState,
  request: RunRequest,
) => Promise<SyncSession>;

/** A run request as callers give it: server and task, the rest defaults to a plain manual run. */
export type RunRequestInput = Pick<RunRequest, 'serverId' | 'task'> & Partial<RunRequest>;

/**
 * The whole request: not a dry run, no full compare, started by hand, unless the caller says so.
 * Applying a plan is a real run, whatever the dry-run switch said.
 */
export function runRequest(input: RunRequestInput): RunRequest {
  return {
    ...input,
    dryRun: (input.dryRun ?? false) && !input.planRunId,
    fullCompare: input.fullCompare ?? false,
    trigger: input.trigger ?? 'manual',
  };
}

const RECENT_LOG_LINES = 500;

/** Other servers writing into the same Warehouse Pro database for another store (see order-write.ts). */
export function databasePeers(profile: ServerProfileView, all: ServerProfileView[]): string[] {
  const where = (p: ServerProfileView) => {
    const d = p.database;
    return d.kind === 'mysql' || d.kind === 'mssql'
      ? [d.kind, d.host.toLowerCase(), d.port ?? '', d.instance.toLowerCase(), d.database.toLowerCase()].join('|')
      : [d.kind, d.filePath].join('|');
  };
  return all
    .filter(
      (p) =>
        p.id !== profile.id &&
        where(p) === where(profile) &&
        stampDomain(p.store.domain) !== stampDomain(profile.store.domain),
    )
    .map((p) => p.id);
}

type Emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

export class SyncService {
  readonly state: SyncState;
  readonly runtime: ServerRuntime<SyncSession>;
  private readonly openSession: SessionFactory;
  /** The latest log lines per server, so a window opened mid-run still shows the story so far. */
  private readonly recentLogs = new Map<string, LogLine[]>();
  /** Servers whose state changed in this turn of the event loop: each is reported once, after it. */
  private readonly stateChanged = new Set<string>();

  constructor(
    db: StateDb,
    private readonly profiles: ServerProfiles,
    private readonly emit: Emit,
    openSession: SessionFactory,
    /** Overrides every profile's "longest run" setting (tests, or a host with a hard cap). */
    runDeadlineMs?: number,
  ) {
    this.openSession = openSession;
    this.state = new SyncState(db);
    this.state.failInterruptedRuns();
    this.runtime = new ServerRuntime<SyncSession>({
      profile: (id) => profiles.get(id),
      openSession: async (profile, ctx, request) => {
        const session = await openSession(profile, ctx, this.state, request);
        session.databasePeers = databasePeers(profile, profiles.list());
        return session;
      },
      state: this.state,
      deadlineMs: (profile) => runDeadlineMs ?? profile.settings.runDeadlineMinutes * 60_000,
      mask: new SecretMasker(() => profiles.knownSecrets()).mask,
      tasks: {
        export: exportTask,
        import: async (ctx, session, profile) => {
          // "Recover this order" is an import run of exactly those orders (same lease, same history).
          const only = session.request.orderIds;
          if (!only?.length) return importTask(ctx, session, profile);
          for (const orderId of only) await recoverOrderTask(ctx, session, profile, orderId);
        },
        revert: revertTask,
        'download-goods': async (ctx, session, profile) => {
          await downloadGoodsTask(ctx, session, profile);
          // S8: meant to be done once: after a real, successful run the setting turns itself off.
          if (!ctx.dryRun && profile.settings.importTask.downloadGoods) {
            const current = profiles.get(profile.id);
            profiles.save({
              ...current,
              settings: { ...current.settings, importTask: { ...current.settings.importTask, downloadGoods: false } },
              secrets: {},
            });
            this.emit('servers:changedEvent', { ids: [profile.id] });
          }
        },
      },
      events: {
        progress: (summary) => this.emit('sync:progressEvent', summary),
        log: (line) => {
          this.keepLog(line);
          this.emit('sync:logEvent', line);
        },
        finished: (summary) => this.emit('sync:finishedEvent', summary),
        serverState: (serverId) => this.stateChangedSoon(serverId),
      },
    });
  }

  start(serverId: string): ServerStatus {
    this.runtime.start(serverId);
    return this.status(serverId);
  }

  async stop(serverId: string): Promise<ServerStatus> {
    await this.runtime.stop(serverId);
    return this.status(serverId);
  }

  /** Starts a run and resolves with its id as soon as it exists; the run goes on in the background. */
  async run(input: RunRequestInput): Promise<{ runId: string }> {
    const request = runRequest({ ...input, revertOf: this.revertTarget(input.revertOf, input.planRunId) });
    const done = this.runtime.runNow(request);
    const active = this.runtime.activeRuns(request.serverId).find((r) => r.task === request.task);
    if (active) return { runId: active.id };
    const summary = await done;
    return { runId: summary?.id ?? '' };
  }

  /** Runs a task to its end (the command line, tests). */
  async runToEnd(input: RunRequestInput): Promise<RunSummary> {
    return (await this.runtime.runNow(
      runRequest({ ...input, revertOf: this.revertTarget(input.revertOf, input.planRunId) }),
    ))!;
  }

  /**
   * One `servers:stateEvent` per change: a Start that also starts the import and the export, or a
   * run's end with its server's stop, changes the state several times in one turn; the window gets
   * the state once, as it is after that turn.
   */
  private stateChangedSoon(serverId: string): void {
    if (this.stateChanged.has(serverId)) return;
    this.stateChanged.add(serverId);
    setImmediate(() => {
      this.stateChanged.delete(serverId);
      try {
        this.emit('servers:stateEvent', this.status(serverId));
      } catch {
        // the server was deleted meanwhile (or the engine closed): nothing to report
      }
    });
  }

  /** A run as it is now: the live progress of one going on, else its row. */
  getRun(runId: string): RunSummary | null {
    return this.runtime.liveRun(runId) ?? this.state.getRun(runId);
  }

  /** The newest runs, those going on with their live progress (the rows are written every few seconds). */
  listRuns(serverId: string | null, limit?: number): RunSummary[] {
    return this.state.listRuns(serverId, limit).map((run) => (run.finishedAt ? run : this.live(run)!));
  }

  private live(run: RunSummary | null): RunSummary | null {
    if (!run || run.finishedAt) return run;
    return this.runtime.liveRun(run.id) ?? run;
  }

  /** Applying a revert's plan reverts the run that plan was made for. */
  private revertTarget(revertOf: string | undefined, planRunId: string | undefined): string | undefined {
    return revertOf ?? (planRunId ? (this.state.getRun(planRunId)?.revertOf ?? undefined) : undefined);
  }

  /** The reconciliation view of a server over the store's days [from, to] (reads only). */
  reconcile(serverId: string, from: string, to: string): Promise<ReconcileReport> {
    const profile = this.profiles.get(serverId);
    return reconcileView(this.openSession, this.state, profile, { from, to });
  }

  /**
   * "Recover this order": an import run that writes just this order, through the import's own
   * writer (its stamp is checked inside the write's transaction, so a second recover finds the
   * document and writes nothing). Refused while an import of the server runs.
   */
  async recoverOrder(serverId: string, orderId: string): Promise<RecoverResult> {
    const summary = await this.runtime.runNow(runRequest({ serverId, task: 'import', orderIds: [orderId] }));
    return recoverResult(summary, summary ? this.state.runItems(summary.id, 1000) : [], orderId);
  }

  recentLog(serverId: string): LogLine[] {
    return [...(this.recentLogs.get(serverId) ?? [])];
  }

  private keepLog(line: LogLine): void {
    const lines = this.recentLogs.get(line.serverId) ?? [];
    lines.push(line);
    if (lines.length > RECENT_LOG_LINES) lines.splice(0, lines.length - RECENT_LOG_LINES);
    this.recentLogs.set(line.serverId, lines);
  }

  cancel(runId: string): boolean {
    for (const profile of this.profiles.list()) {
      const run = this.runtime.activeRuns(profile.id).find((r) => r.id === runId);
      if (run && run.task !== 'mapping') return this.runtime.cancelRun(profile.id, run.task);
    }
    return false;
  }

  status(serverId: string): ServerStatus {
    this.profiles.get(serverId);
    return {
      serverId,
      started: this.runtime.isStarted(serverId),
      activeRuns: this.runtime.activeRuns(serverId),
      lastRuns: {
        export: this.live(this.state.lastRun(serverId, 'export', { real: true })),
        import: this.live(this.state.lastRun(serverId, 'import', { real: true })),
        'download-goods': this.live(this.state.lastRun(serverId, 'download-goods', { real: true })),
      },
      lastOrderImportAt: this.state.lastOrderImportAt(serverId),
      attentionCount: this.state.attention(serverId).length,
    };
  }

  statuses(): ServerStatus[] {
    return this.profiles.list().map((p) => this.status(p.id));
  }

  /** The audit trail as CSV, explanations said in `locale` (the engine's language when not given). */
  auditCsv(serverId: string | null, locale: Locale = 'bg'): { filename: string; csv: string; rows: number } {
    const rows = this.state.auditRows(serverId);
    const csv = toCsv(
      ['at', 'server', 'task', 'run', 'kind', 'ref', 'action', 'old', 'new', 'explain', 'status', 'message'],
      rows.map((r) => [
        r.at,
        r.serverId,
        r.task,
        r.runId,
        r.kind,
        r.ref,
        r.action,
        r.oldValue,
        r.newValue,
        sayExplain(r.explain, locale),
        r.status,
        r.message,
      ]),
    );
    const stamp = new Date().toISOString().slice(0, 10);
    return { filename: `sklad-sync-audit-${stamp}.csv`, csv, rows: rows.length };
  }

  async close(): Promise<void> {
    await this.runtime.stopAll();
  }
}
