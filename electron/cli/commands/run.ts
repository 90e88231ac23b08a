/** `sklad-sync run`: one run of a task (or all), a report, and an exit code that says how it went. */
import { parseArgs } from 'node:util';
import type { RunSummary, TaskKind } from '../../../shared/types/sync';
import type { Engine } from '../../engine/engine';
import { createHeadlessEngine } from '../../headless/headless-engine';
import type { CliCommand } from '../command';
import { findServer, saveProfileFile } from '../server-arg';

const usage = `Usage: sklad-sync run (--profile FILE | --server NAME) --task TASK [options]

Runs one task once against the server's database and store, prints a report, and exits
0 when the run succeeded, 3 when it ended "with errors" (some of the changes it meant to write
failed, the rest were written), 1 when it failed or was stopped. The process always exits after
its report, even if a database connection was left open.

Options:
  --profile FILE    a server profile as JSON (schema: docs/profile-file.md). Its secrets come from
                    "secrets" in the file or from $SKLAD_SYNC_API_KEY and $SKLAD_SYNC_DB_PASSWORD.
                    The profile is saved (by name) so mappings and watermarks carry over.
  --server NAME     a server already saved in the program (name or id)
  --task TASK       export | import | download-goods | all (all = import, then export)
  --dry-run         produce the plan only: nothing is written on either side
  --full-compare    compare every variant with the store and repair drift (export)
  --orders-from DAY import: fetch the orders placed from DAY (YYYY-MM-DD, store time) once,
                    not only those since the last run
  --json            print one JSON object (task, state, counts, requests, errors) per run
  --wait SECONDS    when another copy of the program holds the server's lease, say who holds it
                    and wait up to SECONDS for it (trying again every 2 s) instead of failing
  --data-dir DIR    where the state database lives
  -h, --help        this help`;

const TASKS = ['export', 'import', 'download-goods', 'all'] as const;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a task once (export, import, download-goods, all) and print a report',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        server: { type: 'string' },
        task: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'full-compare': { type: 'boolean', default: false },
        'orders-from': { type: 'string' },
        json: { type: 'boolean', default: false },
        wait: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    });
    const task = values.task as (typeof TASKS)[number];
    if (!TASKS.includes(task)) {
      console.error(`sklad-sync run: --task must be one of ${TASKS.join(', ')}`);
      return 2;
    }
    if (!values.profile === !values.server) {
      console.error('sklad-sync run: give either --profile FILE or --server NAME');
      return 2;
    }
    const ordersFrom = values['orders-from'];
    if (ordersFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(ordersFrom)) {
      console.error('sklad-sync run: --orders-from must be a day, YYYY-MM-DD');
      return 2;
    }
    const waitSeconds = values.wait === undefined ? 0 : Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
      console.error('sklad-sync run: --wait must be a number of seconds');
      return 2;
    }
    const engine = createHeadlessEngine({ dataDir: values['data-dir'] });
    try {
      const server = values.profile ? saveProfileFile(engine, values.profile) : findServer(engine, values.server!);
      const tasks: TaskKind[] = task === 'all' ? ['import', 'export'] : [task];
      const codes: number[] = [];
      for (const t of tasks) {
        const deadline = Date.now() + waitSeconds * 1000;
        let summary = await engine.sync.runToEnd(
          server.id,
          t,
          values['dry-run'],
          values['full-compare'],
          undefined,
          t === 'import' ? ordersFrom : undefined,
        );
        // Another copy holds the lease: say who, and wait for it while --wait allows.
        let told = '';
        for (let holder = leaseHolder(summary); holder && Date.now() < deadline; holder = leaseHolder(summary)) {
          if (holder !== told)
            console.error(`sklad-sync run: ${t}: the server is being run by another copy (${holder}); waiting…`);
          told = holder;
          await new Promise((resolve) => setTimeout(resolve, Math.min(2000, Math.max(0, deadline - Date.now()))));
          summary = await engine.sync.runToEnd(
            server.id,
            t,
            values['dry-run'],
            values['full-compare'],
            undefined,
            t === 'import' ? ordersFrom : undefined,
          );
        }
        codes.push(exitCodeOf(summary));
        print(engine, summary, values.json);
      }
      // The worst run decides: a failure (1) beats "with errors" (3), which beats success (0).
      return codes.includes(1) ? 1 : codes.includes(3) ? 3 : 0;
    } finally {
      await engine.close();
    }
  },
};

/** 0 succeeded, 3 ended with some changes not written, 1 failed or stopped. */
function exitCodeOf(run: RunSummary): number {
  if (run.state === 'succeeded') return 0;
  if (run.state === 'partial') return 3;
  return 1;
}

/** The holder named by a run refused for the lease (server-runtime.ts), or null. */
function leaseHolder(run: RunSummary): string | null {
  if (run.state !== 'failed' || !run.error) return null;
  return /being run by another copy of the program \((.+)\)\. It will try again/.exec(run.error)?.[1] ?? null;
}

function print(engine: Engine, run: RunSummary, json: boolean): void {
  const failures = engine.sync.state.runItems(run.id).filter((i) => i.status === 'failed');
  if (json) {
    console.log(
      JSON.stringify({
        runId: run.id,
        task: run.task,
        dryRun: run.dryRun,
        state: run.state,
        counts: run.counts,
        requests: run.requests,
        error: run.error,
        errors: failures.map((f) => ({ ref: f.ref, action: f.action, message: f.message })),
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
      }),
    );
    return;
  }
  const seconds = run.finishedAt ? ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1) : '?';
  console.log(
    `${run.task}${run.dryRun ? ' (dry run)' : ''}: ${run.state} in ${seconds} s, ${run.requests} store requests`,
  );
  for (const [k, v] of Object.entries(run.counts)) console.log(`  ${k.padEnd(22)} ${v}`);
  if (run.error) console.log(`  error: ${run.error}`);
  for (const f of failures.slice(0, 20)) console.log(`  failed ${f.ref}: ${f.message}`);
}
