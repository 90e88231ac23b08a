/**
 * Started servers and their runs (S18, B6). A started server runs each enabled task on its
 * schedule, one run of a task at a time, each run under the database lease so no second copy of
 * the program runs it. Stopping cancels between batches and waits for the run to close cleanly.
 */
import type { ServerProfileView } from '../../../shared/types/server-profile';
import type { RunItem, RunSummary, TaskKind } from '../../../shared/types/sync';
import { AppError } from '../errors';
import { CancelledError, RunContext, type RunEvents } from './run-context';
import { nextRunAt } from './schedule';
import type { SyncState } from './sync-state';

/** What a task needs for one run; opened per run and closed after it. */
export interface RunSession {
  /** Takes the lease; resolves false with the holder's name when another copy holds it. */
  acquireLease(): Promise<{ ok: true } | { ok: false; holder: string }>;
  releaseLease(): Promise<void>;
  close(): Promise<void>;
}

export type TaskFn<S extends RunSession> = (ctx: RunContext, session: S, profile: ServerProfileView) => Promise<void>;

export interface RuntimeDeps<S extends RunSession> {
  profile(serverId: string): ServerProfileView;
  openSession(profile: ServerProfileView, ctx: RunContext): Promise<S>;
  tasks: Record<TaskKind, TaskFn<S>>;
  state: SyncState;
  events: RunEvents & { serverState(serverId: string): void };
  /** How often a started server checks its schedules. */
  tickMs?: number;
}

interface Started {
  timer: NodeJS.Timeout;
  startedAt: Date;
}

export class ServerRuntime<S extends RunSession> {
  private readonly started = new Map<string, Started>();
  private readonly inFlight = new Map<string, { ctx: RunContext | null; done: Promise<RunSummary | null> }>();
  private readonly lastStart = new Map<string, Date>();

  constructor(private readonly deps: RuntimeDeps<S>) {}

  isStarted(serverId: string): boolean {
    return this.started.has(serverId);
  }

  activeRuns(serverId: string): RunSummary[] {
    return [...this.inFlight.entries()]
      .filter(([key, run]) => key.startsWith(`${serverId}/`) && run.ctx)
      .map(([, run]) => run.ctx!.summary());
  }

  start(serverId: string): void {
    if (this.started.has(serverId)) return;
    this.deps.profile(serverId); // throws not_found for an unknown server
    const timer = setInterval(() => this.tick(serverId), this.deps.tickMs ?? 1000);
    timer.unref();
    this.started.set(serverId, { timer, startedAt: new Date() });
    for (const task of ['import', 'export'] as const) this.lastStart.delete(`${serverId}/${task}`);
    this.deps.events.serverState(serverId);
    this.tick(serverId);
  }

  /** Stops the schedule, cancels runs between batches and waits until they have closed. */
  async stop(serverId: string): Promise<void> {
    const started = this.started.get(serverId);
    if (started) clearInterval(started.timer);
    this.started.delete(serverId);
    const runs = [...this.inFlight.entries()].filter(([key]) => key.startsWith(`${serverId}/`));
    for (const [, run] of runs) run.ctx?.cancel();
    await Promise.all(runs.map(([, run]) => run.done));
    this.deps.events.serverState(serverId);
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.started.keys(), ...[...this.inFlight.keys()].map((k) => k.split('/')[0])].map((id) => this.stop(id)),
    );
  }

  /** Cancels the in-flight run of a task; it stops between batches. */
  cancelRun(serverId: string, task: TaskKind): boolean {
    const run = this.inFlight.get(`${serverId}/${task}`);
    run?.ctx?.cancel();
    return Boolean(run?.ctx);
  }

  /** Runs one task now. Refuses when a run of the same task on the same server is in flight. */
  runNow(serverId: string, task: TaskKind, dryRun: boolean, planRunId?: string): Promise<RunSummary | null> {
    const key = `${serverId}/${task}`;
    if (this.inFlight.has(key)) {
      throw new AppError('conflict', {
        bg: 'Тази задача вече се изпълнява за този сървър. Изчакайте да завърши.',
        en: 'This task is already running for this server. Wait for it to finish.',
      });
    }
    const entry: { ctx: RunContext | null; done: Promise<RunSummary | null> } = {
      ctx: null,
      done: Promise.resolve(null),
    };
    this.inFlight.set(key, entry);
    entry.done = this.execute(serverId, task, dryRun, entry, planRunId).finally(() => {
      this.inFlight.delete(key);
      // Only now does the state leave out this run: tell the UI, or it keeps showing it as active.
      this.deps.events.serverState(serverId);
    });
    return entry.done;
  }

  private async execute(
    serverId: string,
    task: TaskKind,
    dryRun: boolean,
    entry: { ctx: RunContext | null },
    planRunId?: string,
  ): Promise<RunSummary | null> {
    const profile = this.deps.profile(serverId);
    const ctx = new RunContext(serverId, task, dryRun, this.deps.state, this.deps.events);
    entry.ctx = ctx;
    this.deps.events.serverState(serverId);
    let session: S | null = null;
    let leased = false;
    try {
      ctx.setPhase('connect');
      session = await this.deps.openSession(profile, ctx);
      const lease = await session.acquireLease();
      if (!lease.ok) {
        throw new AppError('conflict', {
          bg: `Сървърът се изпълнява от друго копие на програмата (${lease.holder}). Ще се опита отново по график.`,
          en: `This server is being run by another copy of the program (${lease.holder}). It will try again on schedule.`,
        });
      }
      leased = true;
      if (planRunId) await this.checkPlan(planRunId, ctx, session, profile);
      await this.deps.tasks[task](ctx, session, profile);
      return ctx.finish('succeeded', null);
    } catch (err) {
      if (err instanceof CancelledError || ctx.signal.aborted) return ctx.finish('cancelled', null);
      const message = err instanceof AppError ? err.text.bg + ' / ' + err.text.en : messageOf(err);
      ctx.log('error', message);
      return ctx.finish('failed', message);
    } finally {
      if (session) {
        if (leased) await session.releaseLease().catch(() => undefined);
        await session.close().catch(() => undefined);
      }
      this.deps.events.serverState(serverId);
    }
  }

  /**
   * "Apply" runs exactly the plan the user read: the same task is planned again (a dry run, kept
   * in the history as the newest plan) under the same lease, and the real run goes ahead only when
   * both plans list the same changes. Otherwise nothing is written and the user reviews the new plan.
   */
  private async checkPlan(planRunId: string, ctx: RunContext, session: S, profile: ServerProfileView): Promise<void> {
    const plan = this.deps.state.getRun(planRunId);
    if (!plan || plan.serverId !== ctx.serverId || plan.task !== ctx.task || !plan.dryRun) {
      throw new AppError('not_found', {
        bg: 'Планът не е намерен за тази задача на този сървър. Направете нов пробен план.',
        en: 'That plan was not found for this task of this server. Make a new dry run.',
      });
    }
    ctx.setPhase('plan.check');
    const check = new RunContext(ctx.serverId, ctx.task, true, this.deps.state, this.deps.events);
    const cancel = () => check.cancel();
    ctx.signal.addEventListener('abort', cancel);
    try {
      await this.deps.tasks[ctx.task](check, session, profile);
      check.finish('succeeded', null);
    } catch (err) {
      check.finish(err instanceof CancelledError || check.signal.aborted ? 'cancelled' : 'failed', messageOf(err));
      throw err;
    } finally {
      ctx.signal.removeEventListener('abort', cancel);
    }
    const diff = planDifference(
      this.deps.state.runItems(planRunId, 100_000),
      this.deps.state.runItems(check.id, 100_000),
    );
    if (diff.added + diff.removed > 0) {
      throw new AppError('conflict', {
        bg: `Данните се промениха след плана: ${diff.added} нови и ${diff.removed} отпаднали промени. Нищо не е записано. Прегледайте новия план и го приложете.`,
        en: `The data changed after the plan: ${diff.added} new and ${diff.removed} dropped changes. Nothing was written. Review the new plan and apply it.`,
      });
    }
    ctx.log('info', `plan ${planRunId}: unchanged, applying`);
  }

  private tick(serverId: string): void {
    if (!this.started.has(serverId)) return;
    let profile: ServerProfileView;
    try {
      profile = this.deps.profile(serverId);
    } catch {
      void this.stop(serverId);
      return;
    }
    const now = new Date();
    const s = profile.settings;
    const plan: [TaskKind, boolean, Parameters<typeof nextRunAt>[0], number][] = [
      ['import', s.importTask.enabled, s.importTask.startMode, s.importTask.pollMinutes],
      ['export', s.exportTask.enabled, s.exportTask.startMode, 15],
    ];
    for (const [task, enabled, mode, poll] of plan) {
      if (!enabled) continue;
      const key = `${serverId}/${task}`;
      if (this.inFlight.has(key)) continue;
      const due = nextRunAt(mode, this.lastStart.get(key) ?? null, now, poll);
      if (due.getTime() > now.getTime()) continue;
      this.lastStart.set(key, now);
      void this.runNow(serverId, task, false);
      // The one-time goods download rides on the import task while its setting is "yes".
      if (task === 'import' && s.importTask.downloadGoods && !this.inFlight.has(`${serverId}/download-goods`)) {
        void this.runNow(serverId, 'download-goods', false);
      }
    }
  }
}

/** Changes in `fresh` missing from `plan` (added) and the other way round (removed), as multisets. */
export function planDifference(
  plan: Pick<RunItem, 'kind' | 'ref' | 'action' | 'newValue'>[],
  fresh: Pick<RunItem, 'kind' | 'ref' | 'action' | 'newValue'>[],
): { added: number; removed: number } {
  const key = (i: (typeof plan)[number]) => `${i.kind}\u0000${i.ref}\u0000${i.action}\u0000${i.newValue ?? ''}`;
  const counts = new Map<string, number>();
  for (const item of plan) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  let added = 0;
  for (const item of fresh) {
    const n = counts.get(key(item)) ?? 0;
    if (n > 0) counts.set(key(item), n - 1);
    else added += 1;
  }
  const removed = [...counts.values()].reduce((a, b) => a + b, 0);
  return { added, removed };
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
