/** `sklad-sync check-store`: the store conformance check (B20) of a server's CloudCart store. */
import { parseArgs } from 'node:util';
import { AppError } from '../../engine/errors';
import { checkAndSave } from '../../engine/store-check/run-check';
import { checkTable } from '../../engine/store-check/check-table';
import { createHeadlessEngine } from '../../headless/headless-engine';
import type { CliCommand } from '../command';
import { findServer, saveProfileFile } from '../server-arg';

const usage = `Usage: sklad-sync check-store (--profile FILE | --server NAME) [--write-test] [--json] [--lang bg|en]

Checks the server's CloudCart store for every behaviour the sync relies on and prints, line by
line, what CloudCart documents and what the store does: the API key, the primary domain and the
rate-limit headers, paging and the largest page, the catalog page the export reads, the filters
the sync uses, a lookup that finds nothing, the order listing, draft orders, VAT and currency of
the orders, variants in the plan. Read-only, unless --write-test is given.

The report is saved in the data folder as check-store-<server>-<date>.json (the support file
takes the newest one), and the server's next runs start from what it saw (e.g. whether the store
makes a simple product's variant itself) instead of guessing.

Exit code 0 when everything the sync relies on holds, 1 when something does not (the table
names it and says what to do), 2 on wrong options.

Options:
  --profile FILE    a server profile as JSON (as for \`run\`; docs/profile-file.md); it is saved by name
  --server NAME     a server already saved in the program (name or id)
  --write-test      also create one inactive throwaway product with one variant in the store, read
                    it back, change it and delete it (always deleted, also when a step fails; if
                    even that fails, the product to delete by hand is named). CloudCart sends its
                    product.deleted webhook for it.
  --json            print the result as one JSON object instead of the table
  --lang bg|en      the table's language (default: the program's language setting, Bulgarian)
  --data-dir DIR    where the state database and the reports live
  -h, --help        this help`;

export const checkStoreCommand: CliCommand = {
  name: 'check-store',
  summary: "check the server's CloudCart store against what the sync relies on (B20)",
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        server: { type: 'string' },
        'write-test': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    });
    if (!values.profile === !values.server) {
      console.error('sklad-sync check-store: give either --profile FILE or --server NAME');
      return 2;
    }
    if (values.lang !== undefined && values.lang !== 'bg' && values.lang !== 'en') {
      console.error('sklad-sync check-store: --lang must be bg or en');
      return 2;
    }
    const engine = createHeadlessEngine({ dataDir: values['data-dir'] });
    try {
      const locale = (values.lang as 'bg' | 'en' | undefined) ?? engine.locale;
      const server = values.profile ? saveProfileFile(engine, values.profile) : findServer(engine, values.server!);
      const apiKey = engine.servers.readSecret(server.id, 'apiKey');
      if (!apiKey) {
        const text = new AppError('invalid_payload', {
          bg: `Сървърът „${server.name}“ няма запазен API ключ. Дайте го в "secrets" на профила или в $SKLAD_SYNC_API_KEY.`,
          en: `The server "${server.name}" has no saved API key. Give it in the profile's "secrets" or in $SKLAD_SYNC_API_KEY.`,
        }).text;
        console.error(`sklad-sync check-store: ${text[locale]}`);
        return 1;
      }
      const s = server.settings;
      const result = await checkAndSave(
        engine.options.dataDir,
        {
          domain: server.store.domain,
          apiKey,
          facts: {
            timeZone: s.store.timeZone,
            pricesIncludeVat: s.store.pricesIncludeVat,
            storeCurrency: s.currency.store,
          },
          writeTest: values['write-test'],
        },
        { id: server.id, name: server.name },
      );
      console.log(values.json ? JSON.stringify(result) : checkTable(result, locale));
      return result.ok ? 0 : 1;
    } finally {
      await engine.close();
    }
  },
};
