/**
 * The packaging smoke test: scripts/package-smoke.mjs runs electron-builder with the real config
 * (Linux `dir` target, a stand-in Electron distribution, no downloads) on a fresh build in a temp
 * folder, then checks the app.asar. The script prints each check; this test repeats them as its own
 * output and fails on any failed check. Where it cannot run (no electron-builder, Windows), the
 * script exits 77 with a reason and the test is skipped with that reason, never passed.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface SmokeResult {
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
  checks: { name: string; ok: boolean; detail: string }[];
  files?: number;
  packages?: number;
  asarMB?: number;
}

describe('packaging smoke (electron-builder, Linux dir target, stand-in Electron)', () => {
  it('packs the entry point, preload and renderer, production packages only, no tests', { timeout: 120_000 }, (ctx) => {
    const run = spawnSync(process.execPath, ['scripts/package-smoke.mjs'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 110_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('SMOKE_RESULT '));
    if (!line) {
      console.log(run.stdout, run.stderr);
      throw new Error(`package-smoke.mjs printed no result (exit ${run.status ?? run.signal})`);
    }
    const result = JSON.parse(line.slice('SMOKE_RESULT '.length)) as SmokeResult;
    if (result.status === 'skipped') {
      console.log(`packaging smoke skipped: ${result.reason}`);
      ctx.skip(result.reason);
      return;
    }
    console.log(
      [
        `packaging smoke: ${result.files} files, ${result.packages} packages, app.asar ${result.asarMB} MB`,
        ...result.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? `: ${c.detail}` : ''}`),
      ].join('\n'),
    );
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.length).toBeGreaterThanOrEqual(15);
    expect(result.status).toBe('passed');
    expect(run.status).toBe(0);
  });
});
