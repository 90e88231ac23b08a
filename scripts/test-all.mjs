// `npm test`: every check and every suite, in order, then one closing line `N passed, N failed`.
// Static checks (types, lint, format, build) count as one test each; vitest and Playwright count
// their tests from their JSON reports. A failed step does not stop the later ones.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
mkdirSync('.tmp', { recursive: true });

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function check(name, command, args) {
  const { ok, seconds } = run(name, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  rows.push([name, ok ? '1 passed' : 'FAILED', seconds]);
  return ok;
}

function suite(name, command, args, report, count) {
  rmSync(report, { force: true });
  const { ok, seconds } = run(name, command, args);
  if (!existsSync(report)) {
    totals.failed += 1;
    rows.push([name, 'FAILED (no report)', seconds]);
    return;
  }
  const c = count(JSON.parse(readFileSync(report, 'utf8')));
  // A runner that failed without any failing test (a crash, a failed hook) still counts as a failure.
  if (!ok && c.failed === 0) c.failed = 1;
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  rows.push([name, `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`, seconds]);
}

// What the suites talk to (Chromium, MariaDB): installed and started when missing, so `npm test`
// works on a fresh machine as the README says; a no-op when all is in place (as after .ci/run).
if (process.platform === 'linux') {
  const services = spawnSync('bash', ['scripts/ensure-services.sh'], { stdio: 'inherit' });
  if (services.status !== 0)
    console.log('[test] scripts/ensure-services.sh failed: the suites that need MariaDB or Chromium will fail.');
}

const npx = 'npx';
check('typecheck', npx, ['tsc', '-p', 'tsconfig.node.json']);
check('typecheck (web)', npx, ['tsc', '-p', 'tsconfig.web.json']);
check('lint', npx, ['eslint', '.']);
check('format', npx, ['prettier', '--check', '.']);
const built = check('build', 'npm', ['run', 'build', '--silent']);

suite(
  'unit and integration (vitest)',
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json'],
  '.tmp/vitest.json',
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + (r.numTodoTests ?? 0),
  }),
);

if (!existsSync('playwright.config.ts')) {
  console.log('\nskipped: end-to-end suite: no playwright.config.ts yet');
} else if (!built) {
  totals.failed += 1;
  rows.push(['end-to-end (Playwright)', 'FAILED (build failed)', '0']);
} else {
  suite('end-to-end (Playwright, Chromium)', npx, ['playwright', 'test'], '.tmp/playwright.json', (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }));
}

console.log('\nSummary');
for (const [name, result, seconds] of rows) console.log(`  ${name.padEnd(36)} ${result.padEnd(36)} ${seconds}s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed === 0 ? 0 : 1;
