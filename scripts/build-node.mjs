// Bundles the node side with esbuild: the CLI, the Electron main process and the preload.
// Packages stay external (resolved from node_modules at run time); the preload is bundled whole,
// as a sandboxed preload cannot require anything but electron.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

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
    outfile: 'dist/cli.mjs',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron/main.mjs',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
]);
console.log(`built dist/cli.mjs, dist/electron/main.mjs, dist/electron/preload.cjs (version ${version})`);
