/**
 * One task run as a job: id, phase, progress counters, requests sent, the items it planned or
 * changed, log lines, and the AbortSignal that cancels it. Progress is pushed at most every
 * `progressEveryMs` so a 10,000-item run does not flood the UI; items are written in batches.
 */
import { randomUUID } from 'node:crypto';
import type { LogLine, RunItem, RunState, RunSummary, TaskKind } from '../../../shared/types/sync';
import type { SyncState } from './sync-state';

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

export class RunContext {
  readonly id = randomUUID();
  readonly counts: Record<string, number> = {};
  requests = 0;
  phase = '';
  done = 0;
  total = 0;
  private pending: Omit<RunItem, 'at'>[] = [];
  private lastPush = 0;
  private readonly controller = new AbortController();

  constructor(
    readonly serverId: string,
    readonly task: TaskKind,
    readonly dryRun: boolean,
    private readonly state: SyncState,
    private readonly events: RunEvents,
    private readonly progressEveryMs = 250,
  ) {
    state.createRun({ id: this.id, serverId, task, dryRun });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  cancel(): void {
    this.controller.abort();
  }

  throwIfCancelled(): void {
    if (this.controller.signal.aborted) throw new CancelledError();
  }

  /** Starts a phase (a key the UI translates, e.g. "export.prices") of `total` steps. */
  setPhase(phase: string, total = 0): void {
    this.flushItems();
    this.phase = phase;
    this.total = total;
    this.done = 0;
    // The phase key is the message: the UI shows it in the user's language, a log file as is.
    this.log('info', total > 0 ? `${phase} (${total})` : phase);
    this.push(true);
  }

  tick(n = 1): void {
    this.done += n;
    this.push(false);
  }

  count(kind: string, n = 1): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + n;
  }

  /** Called by the store client for every HTTP request it sends. */
  onRequest = (): void => {
    this.requests += 1;
  };

  item(item: Omit<RunItem, 'at' | 'explain' | 'message' | 'oldValue' | 'newValue'> & Partial<RunItem>): void {
    this.pending.push({
      kind: item.kind,
      ref: item.ref,
      action: item.action,
      oldValue: item.oldValue ?? null,
      newValue: item.newValue ?? null,
      explain: item.explain ?? null,
      status: item.status,
      message: item.message ?? null,
    });
    if (this.pending.length >= 200) this.flushItems();
  }

  log(level: LogLine['level'], message: string): void {
    this.events.log({
      runId: this.id,
      serverId: this.serverId,
      task: this.task,
      level,
      message,
      at: new Date().toISOString(),
    });
  }

  finish(state: RunState, error: string | null): RunSummary {
    this.flushItems();
    this.log(state === 'failed' ? 'error' : 'info', `end.${state}`);
    this.state.updateRun(this.id, this.snapshotFields());
    this.state.finishRun(this.id, state, error);
    const summary = this.state.getRun(this.id)!;
    this.events.finished(summary);
    return summary;
  }

  summary(): RunSummary {
    return this.state.getRun(this.id)!;
  }

  private snapshotFields() {
    return { phase: this.phase, done: this.done, total: this.total, counts: this.counts, requests: this.requests };
  }

  private flushItems(): void {
    if (this.pending.length === 0) return;
    this.state.addItems(this.id, this.pending);
    this.pending = [];
  }

  private push(force: boolean): void {
    const t = Date.now();
    if (!force && t - this.lastPush < this.progressEveryMs && this.done < this.total) return;
    this.lastPush = t;
    this.state.updateRun(this.id, this.snapshotFields());
    this.events.progress(this.summary());
  }
}
