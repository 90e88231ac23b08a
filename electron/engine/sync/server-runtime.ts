/**
 * Started servers and their runs (S18, B6). A started server runs each enabled task on its
 * schedule, one run of a task at a time, each run under the database lease so no second copy of
 * the program runs it. Stopping cancels between batches and waits for the run to close cleanly.
 * Every run is bounded: past its deadline, or once stopped, a task still stuck in a request or a
 * statement gets a short grace and is then abandoned; its lease stops being renewed at once.
 */
import type { ServerProfileView } from '../../../shared/types/server-profile';
import type { RunItem, RunRequest, RunSummary, RunTrigger, TaskKind } from '../../../shared/types/sync';
import { AppError } from '../errors';
import { CancelledError, DeadlineError, RunContext, type RunEvents } from './run-context';
import { nextRunAt } from '../rules/schedule';
import type { SyncState } from './sync-state';

/** What a task needs for one run; opened per run and closed after it. */
export interface RunSession {
  /** Takes the lease; resolves false with the holder's name when another copy holds it. */
  acquireLease(): Promise<{ ok: true } | { ok: false; holder: string }>;
  releaseLease(): Promise<void>;
  /** Stops renewing the lease (the run is over or abandoned); the row then expires on its own. */
  stopLeaseRenewal(): void;
  close(): Promise<void>;
}

/** After a stop or the deadline, how long a task may take to reach its next item boundary. */
export const ABORT_GRACE_MS = 5_000;
/** How long releasing the lease and closing the session may take before they are left behind. */
export const CLOSE_BOUND_MS = 5_000;
/** The deadline of a run when the profile does not say (the settings default is the same). */
export const DEFAULT_RUN_DEADLINE_MS = 120 * 60_000;

export type TaskFn<S extends RunSession> = (ctx: RunContext, session: S, profile: ServerProfileView) => Promise<void>;

export interface RuntimeDeps<S extends RunSession> {
  profile(serverId: string): ServerProfileView;
  openSession(profile: ServerProfileView, ctx: RunContext, request: RunRequest): Promise<S>;
  tasks: Record<TaskKind, TaskFn<S>>;
  state: SyncState;
  events: RunEvents & { serverState(serverId: string): void };
  /** How often a started server checks its schedules. */
  tickMs?: number;
  /** The run's deadline for this profile (default: DEFAULT_RUN_DEADLINE_MS). */
  deadlineMs?(profile: ServerProfileView): number;
  /** Masks known secrets in what runs record and log. */
  mask?(text: string): string;
}

interface Started {
  timer: NodeJS.Timeout;
  startedAt: Date;
}

export class ServerRuntime<S extends RunSession> {
  private readonly started = new Map<string, Started>();
  private readonly inFlight = new Map<string, { ctx: RunContext | null; done: Promise<RunSummary | null> }>();
  private readonly lastStart = new Map<string, Date>();
  /** Every run going on now by id, plan checks included: their progress lives in memory. */
  private readonly live = new Map<string, RunContext>();

  constructor(private readonly deps: RuntimeDeps<S>) {}

  isStarted(serverId: string): boolean {
    return this.started.has(serverId);
  }

  activeRuns(serverId: string): RunSummary[] {
    return [...this.inFlight.entries()]
      .filter(([key, run]) => key.startsWith(`${serverId}/`) && run.ctx)
      .map(([, run]) => run.ctx!.summary());
  }

  /** A run going on now, as it is this moment (its row in the state database lags behind). */
  liveRun(runId: string): RunSummary | null {
    return this.live.get(runId)?.summary() ?? null;
  }

  start(serverId: string): void {
    if (this.started.has(serverId)) return;
    this.deps.profile(serverId); // throws not_found for an unknown server
    const timer = setInterval(() => this.tick(serverId), this.deps.tickMs ?? 1000);
    timer.unref();
    this.started.set(serverId, { timer, startedAt: new Date() });
    for (const task of ['import', 'export'] as const) this.lastStart.delete(`${serverId}/${task}`);
    this.deps.events.serverState(serverId);
    this.tick(serverId, 'start');
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
    const run = this.inFlight.get(slotOf(serverId, task));
    run?.ctx?.cancel();
    return Boolean(run?.ctx);
  }

  /** Runs one task now. Refuses when a run of the same task on the same server is in flight. */
  runNow(request: RunRequest): Promise<RunSummary | null> {
    const { serverId, task } = request;
    const key = slotOf(serverId, task);
    if (this.inFlight.has(key)) {
      throw new AppError(
        'conflict',
        task === 'revert' || this.inFlight.get(key)?.ctx?.task === 'revert'
          ? {
              bg: 'Експортът или връщане на изпълнение вече се изпълнява за този сървър (двете не вървят едновременно). Изчакайте да завърши.',
              en: 'An export or a revert is already running for this server (the two never run at once). Wait for it to finish.',
            }
          : {
              bg: 'Тази задача вече се изпълнява за този сървър. Изчакайте да завърши.',
              en: 'This task is already running for this server. Wait for it to finish.',
            },
      );
    }
    const entry: { ctx: RunContext | null; done: Promise<RunSummary | null> } = {
      ctx: null,
      done: Promise.resolve(null),
    };
    this.inFlight.set(key, entry);
    entry.done = this.execute(request, entry).finally(() => {
      this.inFlight.delete(key);
      // Only now does the state leave out this run: tell the UI, or it keeps showing it as active.
      this.deps.events.serverState(serverId);
    });
    return entry.done;
  }

  private async execute(request: RunRequest, entry: { ctx: RunContext | null }): Promise<RunSummary | null> {
    const { serverId, task, dryRun, planRunId } = request;
    const profile = this.deps.profile(serverId);
    const ctx = new RunContext(serverId, task, dryRun, this.deps.state, this.deps.events, 250, this.deps.mask);
    entry.ctx = ctx;
    this.live.set(ctx.id, ctx);
    this.deps.events.serverState(serverId);
    const limitMs = this.deps.deadlineMs?.(profile) ?? DEFAULT_RUN_DEADLINE_MS;
    const deadline = setTimeout(() => ctx.abort(new DeadlineError(limitMs)), limitMs);
    deadline.unref();
    let session: S | null = null;
    let leased = false;
    // Whatever stops the run (deadline, Stop, shutdown), the lease is not renewed from that moment.
    ctx.signal.addEventListener('abort', () => session?.stopLeaseRenewal(), { once: true });
    try {
      ctx.setPhase('connect');
      const opening = this.deps.openSession(profile, ctx, request);
      // A session that opens only after the run gave up on it is closed as soon as it arrives.
      opening.then((s) => (ctx.isFinished ? s.close().catch(() => undefined) : undefined)).catch(() => undefined);
      session = await boundedByAbort(opening, ctx);
      const acquiring = session.acquireLease();
      const opened = session;
      // A lease granted only after the run gave up on it is handed back (and not renewed).
      acquiring.then((r) => (ctx.isFinished && r.ok ? opened.releaseLease() : undefined)).catch(() => undefined);
      const lease = await boundedByAbort(acquiring, ctx);
      if (!lease.ok) {
        throw new AppError('conflict', {
          bg: `Сървърът се изпълнява от друго копие на програмата (${lease.holder}). Ще се опита отново по график.`,
          en: `This server is being run by another copy of the program (${lease.holder}). It will try again on schedule.`,
        });
      }
      leased = true;
      if (ctx.signal.aborted) session.stopLeaseRenewal();
      if (planRunId) await boundedByAbort(this.checkPlan(planRunId, ctx, session, profile), ctx);
      await boundedByAbort(this.deps.tasks[task](ctx, session, profile), ctx);
      // The task got to its end (even if a stop arrived meanwhile): its items say how it went.
      const outcome = ctx.outcome();
      if (outcome.error) ctx.log(outcome.state === 'failed' ? 'error' : 'warn', outcome.error);
      return ctx.finish(outcome.state, outcome.error);
    } catch (err) {
      const stopped = ctx.stopReason;
      if (stopped instanceof DeadlineError) {
        const message = `${stopped.text.bg} / ${stopped.text.en}`;
        ctx.log('error', message);
        return ctx.finish('failed', message);
      }
      if (err instanceof CancelledError || stopped) return ctx.finish('cancelled', null);
      const message = err instanceof AppError ? err.text.bg + ' / ' + err.text.en : messageOf(err);
      ctx.log('error', message);
      return ctx.finish('failed', message);
    } finally {
      clearTimeout(deadline);
      if (session) {
        const s = session;
        s.stopLeaseRenewal();
        // Bounded: a database that stopped answering must not keep the run (or the program's
        // shutdown) waiting; the lease row then expires on its own.
        await withinMs(
          (async () => {
            if (leased) await s.releaseLease().catch(() => undefined);
            await s.close().catch(() => undefined);
          })(),
          CLOSE_BOUND_MS,
        );
      }
      this.live.delete(ctx.id);
      // The UI hears of the end once, from runNow, when the run has left the active ones.
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
    const check = new RunContext(ctx.serverId, ctx.task, true, this.deps.state, this.deps.events, 250, this.deps.mask);
    this.live.set(check.id, check);
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
      this.live.delete(check.id);
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

  private tick(serverId: string, trigger: RunTrigger = 'schedule'): void {
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
      const key = slotOf(serverId, task);
      if (this.inFlight.has(key)) continue;
      const due = nextRunAt(mode, this.lastStart.get(key) ?? null, now, poll);
      if (due.getTime() > now.getTime()) continue;
      this.lastStart.set(key, now);
      // A scheduled run is always a plain one: no full compare, no plan, no chosen orders.
      void this.runNow({ serverId, task, dryRun: false, fullCompare: false, trigger });
      // The one-time goods download rides on the import task while its setting is "yes".
      if (task === 'import' && s.importTask.downloadGoods && !this.inFlight.has(`${serverId}/download-goods`)) {
        void this.runNow({ serverId, task: 'download-goods', dryRun: false, fullCompare: false, trigger });
      }
    }
  }
}

/**
 * The in-flight slot of a task: a revert writes the same prices, quantities and mapping as the
 * export, so the two never run at once on one server (a revert waits for the export and back).
 */
function slotOf(serverId: string, task: TaskKind): string {
  return `${serverId}/${task === 'revert' ? 'export' : task}`;
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

/**
 * Resolves or rejects as `work` does. Once the run is stopped, `work` gets ABORT_GRACE_MS to reach
 * an item boundary (where it throws by itself); a task stuck in a request or a statement that
 * never answers is then abandoned with the stop's reason, so no run outlives its deadline.
 */
function boundedByAbort<T>(work: Promise<T>, ctx: RunContext): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let grace: NodeJS.Timeout | null = null;
    const onAbort = () => {
      grace = setTimeout(() => {
        work.catch(() => undefined); // its late failure (the session closes under it) is expected
        reject(ctx.stopReason ?? new CancelledError());
      }, ABORT_GRACE_MS);
      grace.unref();
    };
    const settle = () => {
      if (grace) clearTimeout(grace);
      ctx.signal.removeEventListener('abort', onAbort);
    };
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        settle();
        resolve(value);
      },
      (err: unknown) => {
        settle();
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** Waits for `work` at most `ms`; what is still pending then is left to finish (or fail) alone. */
async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  if (timer) clearTimeout(timer);
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
