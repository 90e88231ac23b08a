/** `sklad-sync support-file`: the same support zip as the app's "Save a support file" button. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPaths } from '../../engine/paths';
import { buildSupportFile } from '../../engine/support/support-file';
import { createHeadlessEngine } from '../../headless/headless-engine';
import type { CliCommand } from '../command';

const usage = `Usage: sklad-sync support-file --out FILE.zip [--data-dir DIR]

Writes one zip for support: the logs (secrets masked), the program and OS versions, each
server's settings without secrets, the latest runs and their errors, the attention list and the
latest check-store report, if any. No API key, password or token goes in.

Options:
  --out FILE.zip    where to write the zip
  --data-dir DIR    the data folder to read (default: the user's data folder, or
                    $SKLAD_SYNC_DATA_DIR); the desktop app's is its userData folder
  --json            print one JSON line {"path","bytes","files"} instead of text
  -h, --help        this help`;

export const supportFileCommand: CliCommand = {
  name: 'support-file',
  summary: 'write a support zip (logs, versions, settings, runs) without secrets',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    if (!values.out) {
      console.error('sklad-sync support-file: give --out FILE.zip / посочете --out ФАЙЛ.zip');
      return 2;
    }
    const dataDir = values['data-dir'] ?? defaultPaths().dataDir;
    if (!existsSync(dataDir)) {
      console.error(
        `sklad-sync support-file: няма папка с данни ${dataDir}; посочете я с --data-dir. / ` +
          `There is no data folder ${dataDir}; give it with --data-dir.`,
      );
      return 1;
    }
    const engine = createHeadlessEngine({ dataDir });
    try {
      const file = buildSupportFile(engine, { madeBy: 'cli' });
      const out = resolve(values.out);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, file.zip);
      if (values.json) {
        console.log(JSON.stringify({ path: out, bytes: file.zip.length, files: file.files }));
      } else {
        console.log(`Wrote ${out} (${file.zip.length} bytes, ${file.files.length} files):`);
        for (const name of file.files) console.log(`  ${name}`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
