// `npm run package -- --win` (or `--linux`): the real installers with electron-builder. Needs the
// network: electron-builder downloads Electron, NSIS and the AppImage tools, and the native rebuild
// downloads better-sqlite3's prebuilt module for Electron (or compiles it).
//
// 1. `npm run build` (dist/electron, dist/renderer).
// 2. `electron-builder install-app-deps`: rebuilds the native modules in node_modules for Electron's
//    ABI and the target platform. Done here, never in postinstall, so `npm ci` stays offline-safe.
// 3. electron-builder with the given target flags (default: the current platform); output in release/.
// 4. `npm rebuild better-sqlite3`: back to Node's ABI, so the tests and the CLI work again.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const platform = args.includes('--win')
  ? 'win32'
  : args.includes('--linux')
    ? 'linux'
    : args.includes('--mac')
      ? 'darwin'
      : process.platform;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(label, command, commandArgs) {
  console.log(`\n== ${label}: ${command} ${commandArgs.join(' ')}`);
  // shell on Windows only: npm.cmd cannot be spawned without it since Node 20.12.
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status ?? result.signal})`);
    return false;
  }
  return true;
}

let ok =
  step('build', npm, ['run', 'build']) &&
  step('native rebuild for Electron', npx, [
    'electron-builder',
    'install-app-deps',
    '--platform',
    platform,
    '--arch',
    'x64',
  ]) &&
  step('package', npx, ['electron-builder', ...args, '--x64', '--publish', 'never']);
// Always: node_modules must hold Node's build of better-sqlite3 again, whatever happened above.
ok = step('native rebuild back for Node', npm, ['rebuild', 'better-sqlite3']) && ok;
if (ok) console.log('\nInstallers are in release/ (Windows: release/Sklad-Sync-Setup-<version>-x64.exe).');
process.exit(ok ? 0 : 1);
