// Bundles the node side with esbuild: the CLI, the Electron main process and the preload.
// Packages stay external (resolved from node_modules at run time); the preload is bundled whole,
// as a sandboxed preload cannot require anything but electron.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// `--out-dir DIR` builds elsewhere than dist/ (the packaging smoke test builds into a temp folder).
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
const out = values['out-dir'];

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { 'process.env.SKLAD_SYNC_VERSION': JSON.stringify(version) },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: `${out}/cli.mjs`,
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/shell/main.ts'],
    outfile: `${out}/electron/main.mjs`,
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/shell/preload.ts'],
    outfile: `${out}/electron/preload.cjs`,
    format: 'cjs',
    external: ['electron'],
  }),
]);
console.log(`built ${out}/cli.mjs, ${out}/electron/main.mjs, ${out}/electron/preload.cjs (version ${version})`);
