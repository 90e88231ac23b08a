/**
 * One task run as a job: id, phase, progress counters, requests sent, the items it planned or
 * changed, log lines, and the AbortSignal that cancels it (the user's Stop, or the run's deadline).
 * Progress lives in memory: `summary()` answers from it while the run goes on, and it is pushed to
 * the UI at most every `progressEveryMs` so a 10,000-item run does not flood it. The run's row in
 * the state database is written only at a phase boundary, every RUN_ROW_WRITE_EVERY_MS and at the
 * end: it is what a restarted program or a later report reads, not the live view. Items are written
 * in batches. The items also decide how a run that got to its end is reported: one that failed to
 * write something it meant to write never says "succeeded" (`outcome()`).
 */
import { randomUUID } from 'node:crypto';
import type { Localized } from '../../../shared/i18n/localized';
import type { LogLine, RunItem, RunState, RunSummary, TaskKind } from '../../../shared/types/sync';
import type { CountKey, ItemAction, ItemKind, LogEvent, Phase } from '../../../shared/types/vocabulary';
import type { SyncState } from './sync-state';

/** How often a running run's row is written between phase boundaries. */
export const RUN_ROW_WRITE_EVERY_MS = 2_000;

export interface RunEvents {
  progress(summary: RunSummary): void;
  log(line: LogLine): void;
  finished(summary: RunSummary): void;
}

export class CancelledError extends Error {
  constructor() {
    super('the run was cancelled');
    this.name = 'CancelledError';
  }
}

/** The run went past its deadline (the server's "longest run" setting): it ends as failed. */
export class DeadlineError extends Error {
  readonly text: Localized;
  constructor(readonly limitMs: number) {
    const bg = limitMs < 60_000 ? `${Math.round(limitMs / 1000)} с` : `${Math.round(limitMs / 60_000)} мин.`;
    const en = limitMs < 60_000 ? `${Math.round(limitMs / 1000)} s` : `${Math.round(limitMs / 60_000)} min`;
    const text = {
      bg: `Изпълнението не завърши за ${bg} (настройката „Най-дълго изпълнение“) и беше спряно. Направеното е запазено и следващото изпълнение продължава оттам. Ако магазинът или базата данни са бавни, увеличете ограничението в настройките на сървъра.`,
      en: `The run did not finish within ${en} (the "Longest run" setting) and was stopped. What it did is kept and the next run continues from there. If the store or the database is slow, raise the limit in the server's settings.`,
    };
    super(text.en);
    this.name = 'DeadlineError';
    this.text = text;
  }
}

/** How a run that reached its end went, from its items. */
export interface RunOutcome {
  state: Extract<RunState, 'succeeded' | 'partial' | 'failed'>;
  error: string | null;
}

export class RunContext {
  readonly id = randomUUID();
  readonly counts: Record<string, number> = {};
  requests = 0;
  phase = '';
  done = 0;
  total = 0;
  private pending: Omit<RunItem, 'at'>[] = [];
  private lastPush = 0;
  private lastRowWrite = 0;
  private readonly startedAt: string;
  private readonly controller = new AbortController();
  /** Items that failed, items done (or planned, in a dry run), and the first failure's text. */
  private failedItems = 0;
  private achievedItems = 0;
  private firstFailure: string | null = null;
  private ended: RunSummary | null = null;

  constructor(
    readonly serverId: string,
    readonly task: TaskKind,
    readonly dryRun: boolean,
    private readonly state: SyncState,
    private readonly events: RunEvents,
    private readonly progressEveryMs = 250,
    /** Masks the servers' known secrets in every text the run records or logs (`secret-mask.ts`). */
    private readonly mask: (text: string) => string = (text) => text,
  ) {
    state.createRun({ id: this.id, serverId, task, dryRun });
    this.startedAt = state.getRun(this.id)?.startedAt ?? new Date().toISOString();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The user's Stop (or the program's shutdown): the run ends as cancelled. */
  cancel(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new CancelledError());
  }

  /** Stops the run for `reason` (e.g. a DeadlineError): the run ends as failed with it. */
  abort(reason: Error): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** Why the run was stopped: the abort's reason, or null while it goes on. */
  get stopReason(): Error | null {
    if (!this.controller.signal.aborted) return null;
    const reason: unknown = this.controller.signal.reason;
    return reason instanceof Error ? reason : new CancelledError();
  }

  throwIfCancelled(): void {
    const reason = this.stopReason;
    if (reason) throw reason;
  }

  /** True once the run has its final state (later items of an abandoned task are still recorded). */
  get isFinished(): boolean {
    return this.ended !== null;
  }

  /** Starts a phase (a key the UI translates, e.g. "export.prices") of `total` steps. */
  setPhase(phase: Phase, total = 0): void {
    this.flushItems();
    this.phase = phase;
    this.total = total;
    this.done = 0;
    // The phase key is the message a log file keeps; the UI says it from the event.
    this.log('info', total > 0 ? `${phase} (${total})` : phase, { key: 'phase', phase, total });
    this.push(true);
  }

  tick(n = 1): void {
    const before = this.done;
    this.done += n;
    // The step that completes the phase is shown at once; the ones before it at the push rate.
    this.push(this.total > 0 && before < this.total && this.done >= this.total);
  }

  count(kind: CountKey, n = 1): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + n;
  }

  /** Called by the store client for every HTTP request it sends. */
  onRequest = (): void => {
    this.requests += 1;
  };

  item(
    item: Omit<RunItem, 'at' | 'explain' | 'message' | 'oldValue' | 'newValue' | 'kind' | 'action'> &
      Partial<Omit<RunItem, 'kind' | 'action'>> & { kind: ItemKind; action: ItemAction },
  ): void {
    if (item.status === 'failed') {
      this.failedItems += 1;
      this.firstFailure ??= this.mask(`${item.ref}: ${item.message ?? item.action}`);
    } else if (item.status === 'done' || item.status === 'planned') {
      this.achievedItems += 1;
    }
    this.pending.push({
      kind: item.kind,
      ref: item.ref,
      action: item.action,
      oldValue: item.oldValue ?? null,
      newValue: item.newValue ?? null,
      explain: item.explain ?? null,
      status: item.status,
      message: item.message === undefined || item.message === null ? null : this.mask(item.message),
    });
    // A task abandoned at its deadline may still finish the step it was in: keep that in the audit.
    if (this.pending.length >= 200 || this.ended) this.flushItems();
  }

  /** Writes the items so far to the audit now: after a change in Warehouse Pro, so a kill does not lose its record. */
  flush(): void {
    this.flushItems();
  }

  /**
   * The state of a run whose task returned normally. A failed item (a 422 on one variant, an order
   * the database refused) does not stop the others, but the run does not say "succeeded" then:
   * "partial" when some of its changes were written, "failed" when none was.
   */
  outcome(): RunOutcome {
    if (this.failedItems === 0) return { state: 'succeeded', error: null };
    const first = this.firstFailure ?? '';
    const all = this.failedItems + this.achievedItems;
    if (this.achievedItems === 0) {
      return {
        state: 'failed',
        error: `Нито една от ${all} промени не беше записана. Първата грешка: ${first} / None of the ${all} changes could be written. First error: ${first}`,
      };
    }
    return {
      state: 'partial',
      error: `${this.failedItems} от ${all} промени не бяха записани, останалите са записани; ще бъдат опитани отново. Първата грешка: ${first} / ${this.failedItems} of ${all} changes could not be written, the rest were; they will be tried again. First error: ${first}`,
    };
  }

  log(level: LogLine['level'], message: string, event?: LogEvent): void {
    this.events.log({
      runId: this.id,
      serverId: this.serverId,
      task: this.task,
      level,
      message: this.mask(message),
      ...(event ? { event } : {}),
      at: new Date().toISOString(),
    });
  }

  /** Gives the run its final state, once: a second call (an abandoned task ending late) changes nothing. */
  finish(state: RunState, error: string | null): RunSummary {
    if (this.ended) return this.ended;
    this.flushItems();
    if (state === 'queued' || state === 'running') throw new Error(`a run cannot finish as ${state}`);
    this.log(state === 'failed' ? 'error' : state === 'partial' ? 'warn' : 'info', `end.${state}`, {
      key: 'end',
      state,
    });
    this.state.updateRun(this.id, this.snapshotFields());
    this.state.finishRun(this.id, state, error === null ? null : this.mask(error));
    const summary = this.state.getRun(this.id)!;
    this.ended = summary;
    this.events.finished(summary);
    return summary;
  }

  /** The run as it is now: from memory while it goes on (ahead of its row), then its final row. */
  summary(): RunSummary {
    if (this.ended) return this.ended;
    return {
      id: this.id,
      serverId: this.serverId,
      task: this.task,
      dryRun: this.dryRun,
      state: 'running',
      phase: this.phase,
      done: this.done,
      total: this.total,
      counts: { ...this.counts },
      requests: this.requests,
      error: null,
      startedAt: this.startedAt,
      finishedAt: null,
    };
  }

  private snapshotFields() {
    return { phase: this.phase, done: this.done, total: this.total, counts: this.counts, requests: this.requests };
  }

  private flushItems(): void {
    if (this.pending.length === 0) return;
    this.state.addItems(this.id, this.pending);
    this.pending = [];
  }

  /** `boundary`: a phase starts or ends, which is shown and written at once. */
  private push(boundary: boolean): void {
    if (this.ended) return;
    const t = Date.now();
    if (!boundary && t - this.lastPush < this.progressEveryMs) return;
    this.lastPush = t;
    if (boundary || t - this.lastRowWrite >= RUN_ROW_WRITE_EVERY_MS) {
      this.lastRowWrite = t;
      this.state.updateRun(this.id, this.snapshotFields());
    }
    this.events.progress(this.summary());
  }
}
