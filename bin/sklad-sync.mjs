#!/usr/bin/env node
// Entry point of the `sklad-sync` command: the bundled CLI in dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('sklad-sync: the program is not built yet. Run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
