/**
 * The engine's sync facade for the IPC handlers: start and stop servers, run a task now (or its
 * dry run), cancel, and read runs, items, attention and the audit log. Sessions (a database
 * connection plus a store client for one run) come from the injected factory.
 */
import type { ServerProfileView } from '../../../shared/types/server-profile';
import type { LogLine, RunSummary, ServerStatus, TaskKind } from '../../../shared/types/sync';
import type { EventChannel } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { ServerProfiles } from '../state/server-profiles';
import type { StateDb } from '../state/state-db';
import { SecretMasker } from '../secrets/secret-mask';
import { toCsv } from './csv';
import { reconcileView } from './reconcile/reconcile-view';
import { recoverOrderTask, recoverResult } from './reconcile/recover-order';
import type { ReconcileReport, RecoverResult } from '../../../shared/types/reconcile';
import type { SessionContext } from './open-session';
import { stampDomain } from './order-stamp';
import { ServerRuntime } from './server-runtime';
import { SyncState } from './sync-state';
import { downloadGoodsTask } from './tasks/download-task';
import { exportTask } from './tasks/export-task';
import { importTask, lastOrderImportAt } from './tasks/import-task';
import type { SyncSession } from './tasks/session';

export type SessionFactory = (
  profile: ServerProfileView,
  ctx: SessionContext,
  state: SyncState,
  options: RunOptions,
) => Promise<SyncSession>;

/** A run's options beyond dry run: the export's full comparison, the import's "fetch orders from" day. */
export interface RunOptions {
  fullCompare: boolean;
  ordersFrom?: string;
  /** "Recover this order" (reconciliation): the import run writes that one order only. */
  recoverOrderId?: string;
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
  private readonly runOptions = new Map<string, RunOptions>();
  /** The latest log lines per server, so a window opened mid-run still shows the story so far. */
  private readonly recentLogs = new Map<string, LogLine[]>();

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
      openSession: async (profile, ctx) => {
        const key = `${profile.id}/${ctx.task}`;
        const options = this.runOptions.get(key) ?? { fullCompare: false };
        // "Fetch orders from D" is for the one run asked for, not for the scheduled ones after it.
        if (options.ordersFrom) this.runOptions.set(key, { fullCompare: options.fullCompare });
        const session = await openSession(profile, ctx, this.state, options);
        session.databasePeers = databasePeers(profile, profiles.list());
        return session;
      },
      state: this.state,
      deadlineMs: (profile) => runDeadlineMs ?? profile.settings.runDeadlineMinutes * 60_000,
      mask: new SecretMasker(() => profiles.knownSecrets()).mask,
      tasks: {
        export: exportTask,
        // "Recover this order" is an import run of that one order (same lease, same history).
        import: (ctx, session, profile) =>
          session.options.recoverOrderId
            ? recoverOrderTask(ctx, session, profile, session.options.recoverOrderId)
            : importTask(ctx, session, profile),
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
        serverState: (serverId) => {
          try {
            this.emit('servers:stateEvent', this.status(serverId));
          } catch {
            // the server was deleted meanwhile: nothing to report
          }
        },
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
  async run(
    serverId: string,
    task: TaskKind,
    dryRun: boolean,
    fullCompare: boolean,
    planRunId?: string,
    ordersFrom?: string,
  ): Promise<{ runId: string }> {
    this.runOptions.set(`${serverId}/${task}`, { fullCompare, ...(ordersFrom ? { ordersFrom } : {}) });
    const done = this.runtime.runNow(serverId, task, dryRun && !planRunId, planRunId);
    const active = this.runtime.activeRuns(serverId).find((r) => r.task === task);
    if (active) return { runId: active.id };
    const summary = await done;
    return { runId: summary?.id ?? '' };
  }

  /** Runs a task to its end (the command line, tests). */
  async runToEnd(
    serverId: string,
    task: TaskKind,
    dryRun: boolean,
    fullCompare = false,
    planRunId?: string,
    ordersFrom?: string,
  ): Promise<RunSummary> {
    this.runOptions.set(`${serverId}/${task}`, { fullCompare, ...(ordersFrom ? { ordersFrom } : {}) });
    return (await this.runtime.runNow(serverId, task, dryRun, planRunId))!;
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
    const key = `${serverId}/import`;
    let done: Promise<RunSummary | null>;
    this.runOptions.set(key, { fullCompare: false, recoverOrderId: orderId });
    try {
      // The session (and so the options) is opened synchronously inside runNow.
      done = this.runtime.runNow(serverId, 'import', false);
    } finally {
      this.runOptions.set(key, { fullCompare: false });
    }
    const summary = await done;
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
      if (run) return this.runtime.cancelRun(profile.id, run.task);
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
        export: this.state.lastRun(serverId, 'export', { real: true }),
        import: this.state.lastRun(serverId, 'import', { real: true }),
        'download-goods': this.state.lastRun(serverId, 'download-goods', { real: true }),
      },
      lastOrderImportAt: lastOrderImportAt(this.state, serverId),
      attentionCount: this.state.attention(serverId).length,
    };
  }

  statuses(): ServerStatus[] {
    return this.profiles.list().map((p) => this.status(p.id));
  }

  auditCsv(serverId: string | null): { filename: string; csv: string; rows: number } {
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
        r.explain,
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
