// The packaging smoke test (`npm run package:smoke`): electron-builder with the project's real
// config, Linux `dir` target, against a stand-in Electron distribution, since Electron and its zips
// cannot be downloaded on the build machines. Then it opens the produced app.asar and checks what
// a user would get: the entry point, the preload, the renderer bundle, the production packages and
// the native module, and nothing of the dev side (devDependencies, tests, sources, source maps).
//
// It builds the app into a temp folder (never into dist/, which other commands may be rebuilding)
// and sets a dead proxy and mirror, so any download electron-builder attempted would fail loudly.
// Exit codes: 0 all checks passed, 1 a check failed, 77 cannot run here (the reason is printed).
// `--keep` leaves the temp folder for inspection; the last line is `SMOKE_RESULT {json}`.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const keep = process.argv.includes('--keep');
const checks = [];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function finish(status, extra = {}) {
  console.log(`SMOKE_RESULT ${JSON.stringify({ status, checks, ...extra })}`);
  process.exit(status === 'passed' ? 0 : status === 'skipped' ? 77 : 1);
}

function skip(reason) {
  console.log(`SKIP: ${reason}`);
  finish('skipped', { reason });
}

function check(name, ok, detail = '') {
  checks.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

function run(label, command, args, options) {
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.log(result.stdout);
    console.log(result.stderr);
    check(label, false, `exit ${result.status ?? result.signal} after ${seconds} s`);
    finish('failed');
  }
  console.log(`${label}: done in ${seconds} s`);
  return result;
}

// --- can it run here? ---
let builderCli;
let asar;
try {
  builderCli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  asar = require('@electron/asar');
} catch {
  skip('electron-builder is not installed (run npm ci)');
}
if (process.platform === 'win32') skip('the stand-in Electron distribution is a Linux one; run this on Linux');
const electronVersion = (() => {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
})();
if (!electronVersion) skip('the electron package is not installed, so its version is unknown');

// --- stage the app in a temp folder ---
const temp = mkdtempSync(join(tmpdir(), 'sklad-sync-package-smoke-'));
const app = join(temp, 'app');
const out = join(temp, 'out');
const electronDist = join(temp, 'electron-dist');
mkdirSync(app);
for (const name of ['package.json', 'package-lock.json', 'electron-builder.yml'])
  cpSync(join(root, name), join(app, name));
cpSync(join(root, 'build'), join(app, 'build'), { recursive: true });
// A hard-linked copy of the real node_modules (a second or so, no extra disk): electron-builder
// asks `npm list` for the production packages, and npm mistakes a symlinked node_modules for
// extraneous packages, which would leave every transitive dependency out of the asar.
const link = spawnSync('cp', ['-al', join(root, 'node_modules'), join(app, 'node_modules')], { encoding: 'utf8' });
if (link.status !== 0) {
  rmSync(temp, { recursive: true, force: true });
  skip(
    `cannot hard-link node_modules into ${tmpdir()} (${link.stderr.trim()}); set TMPDIR to a folder on the same disk`,
  );
}
process.on('exit', () => {
  if (keep) console.log(`kept ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
});

run(
  'build the main process and preload',
  process.execPath,
  ['scripts/build-node.mjs', '--out-dir', join(app, 'dist')],
  {
    cwd: root,
  },
);
run(
  'build the renderer',
  process.execPath,
  [
    join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
    'build',
    '--outDir',
    join(app, 'dist', 'renderer'),
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ],
  { cwd: root },
);

// The stand-in Electron: electron-builder copies the folder and renames the `electron` executable;
// it needs nothing else from it for the `dir` target.
mkdirSync(electronDist);
writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron for the packaging smoke test"\n');
chmodSync(join(electronDist, 'electron'), 0o755);
writeFileSync(join(electronDist, 'version'), electronVersion);

const deadProxy = 'http://127.0.0.1:9';
run(
  'electron-builder --linux dir',
  process.execPath,
  [
    builderCli,
    '--linux',
    'dir',
    '--x64',
    '--projectDir',
    app,
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${out}`,
    '-c.npmRebuild=false',
  ],
  {
    cwd: app,
    env: {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      ELECTRON_MIRROR: `${deadProxy}/`,
      ELECTRON_BUILDER_BINARIES_MIRROR: `${deadProxy}/`,
      HTTP_PROXY: deadProxy,
      HTTPS_PROXY: deadProxy,
      http_proxy: deadProxy,
      https_proxy: deadProxy,
      NO_PROXY: '',
      no_proxy: '',
    },
  },
);

// --- check what was produced ---
const unpackedApp = join(out, 'linux-unpacked');
const resources = join(unpackedApp, 'resources');
const asarPath = join(resources, 'app.asar');
check(
  'the Linux executable is named after the config',
  existsSync(join(unpackedApp, 'sklad-sync')),
  'linux-unpacked/sklad-sync',
);
check('resources/app.asar exists', existsSync(asarPath));
if (!existsSync(asarPath)) finish('failed');

const entries = asar.listPackage(asarPath).map((p) => p.split(sep).join('/'));
const files = new Set(entries);
const read = (path) => asar.extractFile(asarPath, path.replace(/^\//, '')).toString('utf8');

const packed = JSON.parse(read('/package.json'));
check('package.json has the version of the project', packed.version === pkg.version, packed.version);
check(`the main entry (${packed.main}) is in the asar`, files.has(`/${packed.main}`));
check('the main entry is the Electron main bundle', packed.main === 'dist/electron/main.mjs');
check('the preload bundle is in the asar', files.has('/dist/electron/preload.cjs'));
check('the renderer index.html is in the asar', files.has('/dist/renderer/index.html'));
const scripts = [...read('/dist/renderer/index.html').matchAll(/<script[^>]+src="\.?\/?([^"]+\.js)"/g)].map(
  (m) => m[1],
);
check(
  'every script index.html loads is in the asar',
  scripts.length > 0 && scripts.every((s) => files.has(`/dist/renderer/${s}`)),
  scripts.join(', '),
);
const bundle = scripts[0] ? read(`/dist/renderer/${scripts[0]}`) : '';
check(
  'the renderer bundle is built code, not a stub',
  bundle.length > 100_000,
  `${Math.round(bundle.length / 1024)} kB`,
);

const ownFiles = entries.filter((p) => !p.startsWith('/node_modules'));
const devPaths = ownFiles.filter((p) =>
  /^\/(tests|e2e|renderer|electron|scripts|shared|bench|docs|build)(\/|$)/.test(p),
);
check('no sources, tests or e2e files of the project', devPaths.length === 0, devPaths.slice(0, 5).join(', '));
const testFiles = entries.filter((p) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(p) && !p.includes('/node_modules/'));
check('no *.test / *.spec files', testFiles.length === 0, testFiles.slice(0, 5).join(', '));
const maps = ownFiles.filter((p) => p.endsWith('.map'));
check('no source maps', maps.length === 0, maps.slice(0, 5).join(', '));

// Every package in the asar and beside it (unpacked) must be a production package of the lock, by
// name and version: electron-builder may hoist a nested package, so its folder differs from the lock's.
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
const production = new Set(
  Object.entries(lock)
    .filter(([path, entry]) => path.includes('node_modules/') && entry.dev !== true)
    .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version}`),
);
const packageDirs = new Map(); // folder -> name@version
const manifest = /^\/?((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/((?:@[^/]+\/)?[^/]+))\/package\.json$/;
for (const p of entries) {
  const m = p.match(manifest);
  if (m) packageDirs.set(m[1], `${m[2]}@${JSON.parse(read(p)).version}`);
}
const unpackedRoot = join(resources, 'app.asar.unpacked');
const walk = (dir) => {
  for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    const m = relative(unpackedRoot, full).split(sep).join('/').match(manifest);
    if (m) packageDirs.set(m[1], `${m[2]}@${JSON.parse(readFileSync(full, 'utf8')).version}`);
  }
};
walk(unpackedRoot);
const notProduction = [...packageDirs.values()].filter((id) => !production.has(id));
check(
  `no devDependencies among the ${packageDirs.size} packages (each is a production entry of package-lock.json)`,
  notProduction.length === 0,
  notProduction.slice(0, 8).join(', '),
);
const packaged = new Set(packageDirs.values());
const installed = Object.entries(lock)
  .filter(([path, entry]) => path.includes('node_modules/') && entry.dev !== true && existsSync(join(root, path)))
  .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version}`);
const left = [...new Set(installed)].filter((id) => !packaged.has(id));
check(
  `every installed production package of package-lock.json is packaged (${new Set(installed).size})`,
  left.length === 0,
  left.slice(0, 8).join(', '),
);
const named = [
  'vitest',
  'typescript',
  '@playwright/test',
  'playwright',
  'vite',
  'eslint',
  'electron',
  'electron-builder',
  'esbuild',
  'tsx',
  'react',
  '@mui/material',
];
const present = named.filter((n) => packageDirs.has(`node_modules/${n}`));
check(
  'none of the named dev tools (vitest, typescript, @playwright/test, vite, electron, ...)',
  present.length === 0,
  present.join(', '),
);
const missing = Object.keys(pkg.dependencies).filter((n) => !packageDirs.has(`node_modules/${n}`));
check(
  'every production dependency is packaged',
  missing.length === 0,
  missing.join(', ') || Object.keys(pkg.dependencies).join(', '),
);
const nativeModule = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
check(
  'the native SQLite module is unpacked beside the asar',
  existsSync(join(unpackedRoot, nativeModule)),
  nativeModule,
);

// The updater's half of the release: electron-builder writes the `publish` feed into the app
// (resources/app-update.yml, read by electron-updater), and the NSIS target's latest.yml comes
// from the same config. NSIS itself cannot run here, so its latest.yml is checked as config.
const builderConfig = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const feedUrl = builderConfig.match(/^publish:\s*\n\s*-\s*provider:\s*generic\s*\n\s*url:\s*(\S+)/m)?.[1];
check('electron-builder.yml publishes to a generic feed', Boolean(feedUrl), feedUrl ?? 'no generic publish entry');
const appUpdate = join(resources, 'app-update.yml');
const appUpdateText = existsSync(appUpdate) ? readFileSync(appUpdate, 'utf8') : '';
check(
  'resources/app-update.yml names the feed and the updater cache',
  Boolean(feedUrl) &&
    appUpdateText.includes('provider: generic') &&
    appUpdateText.includes(`url: ${feedUrl}`) &&
    appUpdateText.includes('updaterCacheDirName: sklad-sync-updater'),
  appUpdateText.trim().replace(/\n/g, ' | '),
);
check(
  'the Windows target is NSIS (electron-builder writes latest.yml for it from `publish`)',
  /^win:[\s\S]*?target:\s*\n\s*-\s*target:\s*nsis/m.test(builderConfig),
);
check('electron-updater is packaged', packageDirs.has('node_modules/electron-updater'));

const asarBytes = readFileSync(asarPath).length;
finish(checks.every((c) => c.ok) ? 'passed' : 'failed', {
  files: entries.length,
  packages: packageDirs.size,
  asarMB: Math.round(asarBytes / 1e5) / 10,
});
