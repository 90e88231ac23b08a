/** Runs and their items (the audit trail): tables `runs` and `run_items` (migrations 2 and 4). */
import type { RecordedTask, RunItem, RunSummary, RunState, TaskKind, RunCounts } from '../../../../shared/types/sync';
import { processGone } from '../../process-gone';
import type { StateDb } from '../../state/state-db';

const now = () => new Date().toISOString();

interface RunRow {
  id: string;
  server_id: string;
  task: RecordedTask;
  dry_run: number;
  state: RunState;
  phase: string;
  done: number;
  total: number;
  counts_json: string;
  requests: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
  revert_of: string | null;
}

export class RunLedger {
  constructor(private readonly db: StateDb) {}

  createRun(run: { id: string; serverId: string; task: RecordedTask; dryRun: boolean }): void {
    this.db
      .prepare(
        "INSERT INTO runs (id, server_id, task, dry_run, state, started_at, owner_pid) VALUES (?, ?, ?, ?, 'running', ?, ?)",
      )
      .run(run.id, run.serverId, run.task, run.dryRun ? 1 : 0, now(), process.pid);
  }

  /** A revert run names the export run it sets back. */
  setRevertOf(id: string, targetRunId: string): void {
    this.db.prepare('UPDATE runs SET revert_of = ? WHERE id = ?').run(targetRunId, id);
  }

  updateRun(id: string, p: { phase: string; done: number; total: number; counts: RunCounts; requests: number }): void {
    this.db
      .prepare('UPDATE runs SET phase = ?, done = ?, total = ?, counts_json = ?, requests = ? WHERE id = ?')
      .run(p.phase, p.done, p.total, JSON.stringify(p.counts), p.requests, id);
  }

  finishRun(id: string, state: RunState, error: string | null): void {
    this.db.prepare('UPDATE runs SET state = ?, error = ?, finished_at = ? WHERE id = ?').run(state, error, now(), id);
  }

  /** Runs left "running" by a killed process are marked failed at start-up. */
  /** Runs left "running" by a process that no longer exists (killed, crashed) become failed. */
  failInterruptedRuns(): number {
    const open = this.db
      .prepare("SELECT id, owner_pid AS pid FROM runs WHERE state IN ('running', 'queued')")
      .all() as { id: string; pid: number | null }[];
    const stop = this.db.prepare(
      "UPDATE runs SET state = 'failed', error = 'interrupted: the program stopped during the run', finished_at = ? WHERE id = ?",
    );
    const dead = open.filter((r) => r.pid === null || r.pid === process.pid || processGone(r.pid));
    for (const r of dead) stop.run(now(), r.id);
    return dead.length;
  }

  listRuns(serverId: string | null, limit = 200): RunSummary[] {
    const rows = (
      serverId
        ? this.db
            .prepare('SELECT * FROM runs WHERE server_id = ? ORDER BY started_at DESC LIMIT ?')
            .all(serverId, limit)
        : this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?').all(limit)
    ) as RunRow[];
    return rows.map(toSummary);
  }

  getRun(id: string): RunSummary | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toSummary(row) : null;
  }

  lastRun(serverId: string, task: TaskKind, opts: { succeeded?: boolean; real?: boolean } = {}): RunSummary | null {
    const row = this.db
      .prepare(
        `SELECT * FROM runs WHERE server_id = ? AND task = ? ${opts.succeeded ? "AND state = 'succeeded'" : ''} ${
          opts.real ? 'AND dry_run = 0' : ''
        } ORDER BY started_at DESC LIMIT 1`,
      )
      .get(serverId, task) as RunRow | undefined;
    return row ? toSummary(row) : null;
  }

  addItems(runId: string, items: Omit<RunItem, 'at'>[]): void {
    const insert = this.db.prepare(
      'INSERT INTO run_items (run_id, kind, ref, action, old_value, new_value, explain, status, message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const at = now();
    this.db.transaction(() => {
      for (const i of items) {
        insert.run(runId, i.kind, i.ref, i.action, i.oldValue, i.newValue, i.explain, i.status, i.message, at);
      }
    })();
  }

  runItems(runId: string, limit = 5000): RunItem[] {
    return this.db
      .prepare(
        'SELECT kind, ref, action, old_value AS oldValue, new_value AS newValue, explain, status, message, at FROM run_items WHERE run_id = ? ORDER BY id LIMIT ?',
      )
      .all(runId, limit) as RunItem[];
  }

  /** The audit trail of a server (or all servers) as rows for CSV export. */
  auditRows(serverId: string | null): (RunItem & { runId: string; task: string; serverId: string })[] {
    const sql = `SELECT r.id AS runId, r.task, r.server_id AS serverId, i.kind, i.ref, i.action, i.old_value AS oldValue,
      i.new_value AS newValue, i.explain, i.status, i.message, i.at
      FROM run_items i JOIN runs r ON r.id = i.run_id WHERE r.dry_run = 0 ${serverId ? 'AND r.server_id = ?' : ''} ORDER BY i.id`;
    return (serverId ? this.db.prepare(sql).all(serverId) : this.db.prepare(sql).all()) as never;
  }
}

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    serverId: r.server_id,
    task: r.task,
    dryRun: r.dry_run === 1,
    state: r.state,
    phase: r.phase,
    done: r.done,
    total: r.total,
    counts: JSON.parse(r.counts_json),
    requests: r.requests,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    revertOf: r.revert_of,
  };
}
