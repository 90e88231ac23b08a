/** `sklad-sync reconcile`: the reconciliation view (B4) of a server, as text, JSON or CSV. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ReconcileClass, ReconcileReport } from '../../../shared/types/reconcile';
import { RECONCILE_CLASSES } from '../../../shared/types/reconcile';
import { AppError } from '../../engine/errors';
import { createHeadlessEngine } from '../../headless/headless-engine';
import type { CliCommand } from '../command';
import { findServer, saveProfileFile } from '../server-arg';

const usage = `Usage: sklad-sync reconcile (--profile FILE | --server NAME) --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--csv FILE]

Compares the store's orders placed on the store's days --from .. --to (both included) with the
client orders (documents) in Warehouse Pro that carry their stamps, and prints one line per
order with its class:
  imported        one document, totals agree
  missing         a sale in the store without a document (the desktop app's "Recover" writes it)
  doubled         two or more documents carry the order's stamp
  totals_differ   one document, but its total is not what the import writes for the order
  cancelled_open  cancelled in the store, its document still in Warehouse Pro
  cancelled       cancelled in the store, no document
  not_imported    no document, and the server's settings do not import its status (e.g. awaiting payment)
Read-only: nothing is written to the store or the database.

Exit code 0 when no order needs action (only imported and cancelled), 3 when some does, 1 when
the store or the database could not be read, 2 on wrong options.

Options:
  --profile FILE    a server profile as JSON (as for \`run\`; docs/profile-file.md); it is saved by name
  --server NAME     a server already saved in the program (name or id)
  --from DAY        the first day (the store's calendar), YYYY-MM-DD
  --to DAY          the last day, YYYY-MM-DD
  --json            print the report as one JSON object (without the CSV)
  --csv FILE        also write the rows as CSV (UTF-8 with BOM, for Excel)
  --data-dir DIR    where the state database lives
  -h, --help        this help`;

const NEEDS_ACTION: ReconcileClass[] = ['missing', 'doubled', 'totals_differ', 'cancelled_open'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  summary: 'compare store orders with Warehouse Pro documents over a date range (B4)',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        server: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean', default: false },
        csv: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    });
    if (!values.profile === !values.server) {
      console.error('sklad-sync reconcile: give either --profile FILE or --server NAME');
      return 2;
    }
    if (!DAY.test(values.from ?? '') || !DAY.test(values.to ?? '')) {
      console.error('sklad-sync reconcile: give --from and --to as YYYY-MM-DD');
      return 2;
    }
    const engine = createHeadlessEngine({ dataDir: values['data-dir'] });
    try {
      const server = values.profile ? saveProfileFile(engine, values.profile) : findServer(engine, values.server!);
      let report: ReconcileReport;
      try {
        report = await engine.sync.reconcile(server.id, values.from!, values.to!);
      } catch (err) {
        const text = err instanceof AppError ? err.text[engine.locale] : (err as Error).message;
        console.error(`sklad-sync reconcile: ${text}`);
        return 1;
      }
      if (values.csv) writeFileSync(values.csv, report.csv.csv);
      const { csv: _csv, ...rest } = report;
      console.log(values.json ? JSON.stringify(rest) : reconcileTable(report));
      return NEEDS_ACTION.some((c) => report.counts[c] > 0) ? 3 : 0;
    } finally {
      await engine.close();
    }
  },
};

export function reconcileTable(report: ReconcileReport): string {
  const cur = report.databaseCurrency;
  const lines = report.rows.map((r) =>
    [
      `#${r.orderId}`.padEnd(9),
      r.placedAt.padEnd(20),
      r.class.padEnd(15),
      (r.documents.map((d) => `OR ${d.acct}`).join(', ') || '-').padEnd(16),
      `${r.storeTotal.toFixed(2)} ${cur}`.padStart(14),
      (r.documentTotal === null ? '-' : `${r.documentTotal.toFixed(2)} ${cur}`).padStart(14),
      r.attention ? `  (${r.attention})` : '',
    ].join(' '),
  );
  const counts = RECONCILE_CLASSES.map((c) => `${c} ${report.counts[c]}`).join(', ');
  return [
    `${report.rows.length} orders ${report.from} .. ${report.to}; ${report.requests} store requests`,
    ...lines,
    counts,
  ].join('\n');
}
