/**
 * `sklad-sync revert` as a script would use it: `run --json` reports the export's `runId`, the
 * revert's dry run lists what it would set back, and `--plan` applies exactly that plan.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { createDemoSqlite } from '../../electron/demo/demo-databases';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
let root: string;
let sandbox: Sandbox;
let profile: string;
let dbFile: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['electron/cli/main.ts', ...args], {
      env: { ...process.env, SKLAD_SYNC_KEY_FILE: join(root, 'key', 'secret.key'), SKLAD_SYNC_API_KEY: sandbox.apiKey },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sklad-cli-revert-'));
  sandbox = await startSandbox({ rateLimit: 100_000 });
  dbFile = join(root, 'wp.sqlite3');
  await createDemoSqlite(dbFile, { goods: 20, problems: false, variantShare: 0 });
  profile = join(root, 'profile.json');
  writeFileSync(
    profile,
    JSON.stringify({
      name: 'Връщане от файл',
      store: { domain: sandbox.url },
      database: { kind: 'sqlite', filePath: dbFile },
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] } },
    }),
  );
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

describe('sklad-sync revert', () => {
  it('reverts the export run named by "run --json": a dry run first, then exactly that plan', async () => {
    const dataDir = join(root, 'data');
    const base = ['--profile', profile, '--json', '--data-dir', dataDir];
    const first = await cli(['run', '--task', 'export', ...base]);
    expect(first.code, first.stderr).toBe(0);
    const priceOf = (barcode: string) =>
      [...sandbox.model.table('variants').values()].find((v) => v.attributes.barcode === barcode)!.attributes.price;
    const wp = new Database(dbFile);
    const { barcode } = wp.prepare('SELECT BarCode1 AS barcode FROM goods WHERE ID = 2').get() as { barcode: string };
    wp.prepare('UPDATE goods SET PriceOut2 = PriceOut2 + 2 WHERE ID = 2').run();
    wp.close();
    const before = priceOf(barcode);

    const pushed = await cli(['run', '--task', 'export', ...base]);
    const report = lastJson(pushed.stdout);
    expect(report).toMatchObject({ task: 'export', state: 'succeeded', counts: { prices: 1 } });
    expect(report.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(priceOf(barcode)).not.toBe(before);

    const dry = await cli(['revert', '--run', report.runId, '--dry-run', ...base]);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = lastJson(dry.stdout);
    expect(plan).toMatchObject({ task: 'revert', revertOf: report.runId, dryRun: true, state: 'succeeded' });
    expect(plan.items).toEqual([
      expect.objectContaining({
        kind: 'price',
        action: 'revert',
        status: 'planned',
        newValue: (Number(before) / 100).toFixed(2),
      }),
    ]);
    expect(priceOf(barcode)).not.toBe(before);

    const applied = await cli(['revert', '--plan', plan.runId, ...base]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(lastJson(applied.stdout)).toMatchObject({ revertOf: report.runId, dryRun: false, state: 'succeeded' });
    expect(priceOf(barcode)).toBe(before);
  });

  it('is listed in the help, and a run that is not an export fails with exit code 1', async () => {
    const help = await cli(['--help']);
    expect(help.stdout).toContain('revert');
    const dataDir = join(root, 'data');
    const imported = lastJson(
      (await cli(['run', '--task', 'import', '--profile', profile, '--json', '--data-dir', dataDir])).stdout,
    );
    const refused = await cli(['revert', '--run', imported.runId, '--profile', profile, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Only finished export runs');
    const usage = await cli(['revert', '--profile', profile]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--run RUN_ID');
  });
});
