/**
 * `sklad-sync revert`: sets the store back to the values before one export run (B10), as the
 * History's "Върни" does. `--dry-run` prints the plan (what would be set back, what is left alone
 * because the store changed since) and writes nothing; `--plan PLAN_ID` applies exactly that plan.
 */
import { parseArgs } from 'node:util';
import type { RunItem, RunSummary } from '../../../shared/types/sync';
import { createHeadlessEngine } from '../../headless/headless-engine';
import type { CliCommand } from '../command';
import { findServer, saveProfileFile } from '../server-arg';
import { exitCodeOf } from './run';

const usage = `Usage: sklad-sync revert (--profile FILE | --server NAME) --run RUN_ID [options]

Sets each price, quantity and active state that export run RUN_ID sent back to what it was
before it, only where the store still holds what that run sent; the others are listed as
"left alone". Products the run created are set inactive, never deleted. Only the affected
products are read from the store (one request each). The revert is a run of its own, in the
history and the audit log; the next export then sends whatever differs from Warehouse Pro again.
A run's id is in "sklad-sync run --json" ("runId") and in the app's history.

Exit code 0 when the revert succeeded, 3 when some of its changes could not be written, 1 when
it failed (an unknown run, a dry run or an import given, or the store unreachable).

Options:
  --profile FILE    a server profile as JSON (docs/profile-file.md), as for "run"
  --server NAME     a server already saved in the program (name or id)
  --run RUN_ID      the export run to revert
  --dry-run         print the plan only: nothing is written
  --plan PLAN_ID    apply exactly this dry run of the revert (refused if the store changed since)
  --json            print one JSON object (runId, revertOf, state, counts, requests, items)
  --data-dir DIR    where the state database lives
  -h, --help        this help`;

export const revertCommand: CliCommand = {
  name: 'revert',
  summary: 'set the store back to the values before one export run (plan with --dry-run)',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        server: { type: 'string' },
        run: { type: 'string' },
        plan: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
      },
      strict: true,
    });
    if (!values.profile === !values.server) {
      console.error('sklad-sync revert: give either --profile FILE or --server NAME');
      return 2;
    }
    if (!values.run && !values.plan) {
      console.error('sklad-sync revert: give --run RUN_ID (the export run to revert; "run --json" prints it)');
      return 2;
    }
    if (values.plan && values['dry-run']) {
      console.error('sklad-sync revert: --plan applies a plan; leave out --dry-run');
      return 2;
    }
    const engine = createHeadlessEngine({ dataDir: values['data-dir'] });
    try {
      const server = values.profile ? saveProfileFile(engine, values.profile) : findServer(engine, values.server!);
      const summary = await engine.sync.runToEnd({
        serverId: server.id,
        task: 'revert',
        dryRun: values['dry-run'],
        planRunId: values.plan,
        revertOf: values.plan ? undefined : values.run,
      });
      print(summary, engine.sync.state.runItems(summary.id, 100_000), values.json);
      return exitCodeOf(summary);
    } finally {
      await engine.close();
    }
  },
};

function print(run: RunSummary, items: RunItem[], json: boolean): void {
  if (json) {
    console.log(
      JSON.stringify({
        runId: run.id,
        task: run.task,
        revertOf: run.revertOf ?? null,
        dryRun: run.dryRun,
        state: run.state,
        counts: run.counts,
        requests: run.requests,
        error: run.error,
        items: items.map((i) => ({
          kind: i.kind,
          ref: i.ref,
          action: i.action,
          oldValue: i.oldValue,
          newValue: i.newValue,
          status: i.status,
          message: i.message,
        })),
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
      }),
    );
    return;
  }
  console.log(
    `revert of ${run.revertOf ?? '?'}${run.dryRun ? ' (dry run)' : ''}: ${run.state}, ${run.requests} store requests (run ${run.id})`,
  );
  for (const [k, v] of Object.entries(run.counts)) console.log(`  ${k.padEnd(22)} ${v}`);
  if (run.error) console.log(`  error: ${run.error}`);
  for (const i of items) {
    const change = `${i.oldValue ?? '—'} -> ${i.newValue ?? '—'}`;
    const what =
      i.action === 'left-alone' ? `left alone (store ${i.oldValue ?? '—'}, run sent ${i.newValue ?? '—'})` : change;
    console.log(`  ${i.status.padEnd(8)} ${i.kind.padEnd(9)} ${i.ref}: ${what}${i.message ? ` · ${i.message}` : ''}`);
  }
}
