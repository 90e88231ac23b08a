/**
 * `sklad-sync mapping export|import`: the good <-> store variant links of a server as a CSV, and a
 * CSV of links taken in, reported row by row first (docs/sync-engine.md, "Mapping").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MappingImportReport } from '../../../shared/types/mapping';
import { createHeadlessEngine } from '../../headless/headless-engine';
import type { CliCommand } from '../command';
import { findServer, saveProfileFile } from '../server-arg';

const usage = `Usage: sklad-sync mapping export (--server NAME | --profile FILE) [--out FILE]
       sklad-sync mapping import (--server NAME | --profile FILE) FILE [--dry-run] [--skip-bad] [--json]

export  writes the server's links as CSV (a header row, then one row per link: good_id,
        good_code, barcode, sku, store_product_id, store_variant_id, good_name; ";" between
        fields, as Excel expects in Bulgaria) to FILE, or to the standard output.
import  reads a CSV of links (a header row naming the columns; the good by good_id, good_code
        or barcode, the store variant by store_variant_id or sku; ";", "," or tab between fields)
        and reports, row by row, what it would do: link, relink, already so, or why not
        (conflict, unknown good, unknown variant, bad row). The store side is the newest catalog
        read (an export's, or the mapping view's "Read the store").
        Without --dry-run the rows that link or relink are applied, all at once, and recorded in
        the history as a "mapping" run; when some rows cannot be applied, nothing is, unless
        --skip-bad says to apply the others. The next export sends to the linked variants.

Options:
  --server NAME   a server already saved in the program (name or id)
  --profile FILE  a server profile as JSON (docs/profile-file.md), saved by name
  --out FILE      export: write here instead of the standard output
  --dry-run       import: the report only; nothing changes
  --skip-bad      import: apply the rows that can be applied even if others cannot
  --json          import: print the report as one JSON object
  --data-dir DIR  where the state database lives
  -h, --help      this help

Exit codes: 0 done (or a clean report), 3 some rows cannot be applied (nothing applied unless
--skip-bad), 2 wrong arguments, 1 failed.`;

export const mappingCommand: CliCommand = {
  name: 'mapping',
  summary: 'export the good <-> store variant links as CSV, or import a CSV of links (with a report first)',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        profile: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'skip-bad': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
      },
      strict: true,
    });
    const [action, file] = positionals;
    if (action !== 'export' && action !== 'import') {
      console.error('sklad-sync mapping: say "export" or "import" (see --help)');
      return 2;
    }
    if (!values.profile === !values.server) {
      console.error('sklad-sync mapping: give either --profile FILE or --server NAME');
      return 2;
    }
    if (action === 'import' && !file) {
      console.error('sklad-sync mapping import: name the CSV file to import');
      return 2;
    }
    const engine = createHeadlessEngine({ dataDir: values['data-dir'] });
    try {
      const server = values.profile ? saveProfileFile(engine, values.profile) : findServer(engine, values.server!);
      if (action === 'export') {
        const { csv, rows } = await engine.mapping.exportCsv(server.id);
        if (values.out) {
          writeFileSync(values.out, csv);
          console.error(`${rows} links written to ${values.out}`);
        } else process.stdout.write(csv);
        return 0;
      }
      let text: string;
      try {
        text = readFileSync(file!, 'utf8');
      } catch (err) {
        throw new Error(`cannot read ${file}: ${(err as Error).message}`);
      }
      const report = await engine.mapping.planImport(server.id, text);
      const blocked = report.rows.length - report.counts.link - report.counts.relink - report.counts.same;
      const apply = !values['dry-run'] && (blocked === 0 || values['skip-bad']);
      const final = apply ? await engine.mapping.applyImport(server.id, text, report.digest) : report;
      print(final, values.json, values['dry-run'] ? 'dry-run' : apply ? 'applied' : 'refused');
      return blocked > 0 && !(apply && values['skip-bad']) ? 3 : 0;
    } finally {
      await engine.close();
    }
  },
};

function print(report: MappingImportReport, json: boolean, outcome: 'dry-run' | 'applied' | 'refused'): void {
  if (json) {
    console.log(JSON.stringify({ outcome, ...report }));
    return;
  }
  for (const r of report.rows) {
    const what = [r.goodLabel, r.variantLabel].filter(Boolean).join(' -> ');
    console.log(`line ${String(r.line).padEnd(5)} ${r.verdict.padEnd(15)} ${what}${r.reason ? `: ${r.reason}` : ''}`);
  }
  const counts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(`${counts || 'no rows'}`);
  if (outcome === 'applied') console.log(`applied ${report.applied} links (run ${report.runId ?? '-'})`);
  else if (outcome === 'refused')
    console.log('nothing applied: some rows cannot be applied. Fix them, or pass --skip-bad to apply the others.');
  else console.log('dry run: nothing changed');
}
