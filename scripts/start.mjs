// `npm start`: builds, then opens the Electron window; where no Electron binary exists (it cannot
// be downloaded on the build machines) it says so in one line and serves the same UI in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  const dir = join('node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const extra = process.argv.slice(2);
const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...extra], { stdio: 'inherit' })
  : (console.log(
      'No Electron binary on this machine (it cannot be downloaded here): serving the same UI in a browser.',
    ),
    spawn(process.execPath, ['bin/sklad-sync.mjs', 'serve', '--demo-if-empty', ...extra], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
