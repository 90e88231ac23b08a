/** `sklad-sync run` as a shop's scheduled job would call it: a profile file, a task, a JSON report. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { createDemoSqlite } from '../../electron/demo/demo-databases';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
let root: string;
let sandbox: Sandbox;
let profile: string;

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

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sklad-cli-run-'));
  sandbox = await startSandbox({ rateLimit: 100_000 });
  const db = join(root, 'wp.sqlite3');
  await createDemoSqlite(db, { goods: 40 });
  profile = join(root, 'profile.json');
  writeFileSync(
    profile,
    JSON.stringify({
      name: 'Магазин от файл',
      store: { domain: sandbox.url },
      database: { kind: 'sqlite', filePath: db },
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] } },
    }),
  );
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

describe('sklad-sync run', () => {
  it('exports with a JSON report, then an unchanged run costs no request; the key is stored encrypted', async () => {
    const dataDir = join(root, 'data');
    const first = await cli(['run', '--profile', profile, '--task', 'export', '--json', '--data-dir', dataDir]);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout.trim().split('\n').pop()!);
    expect(report).toMatchObject({ task: 'export', state: 'succeeded', dryRun: false });
    expect(report.counts.variantsCreated).toBeGreaterThan(30);
    expect(sandbox.model.table('variants').size).toBe(report.counts.variantsCreated);

    const second = JSON.parse(
      (await cli(['run', '--profile', profile, '--task', 'export', '--json', '--data-dir', dataDir])).stdout.trim(),
    );
    expect(second).toMatchObject({ state: 'succeeded', requests: 0 });

    for (const f of readdirSync(dataDir))
      expect(readFileSync(join(dataDir, f)).includes(Buffer.from(sandbox.apiKey))).toBe(false);
  });

  it('a dry run of the import plans the order and writes nothing; exit code 1 on a failed run', async () => {
    const dataDir = join(root, 'data');
    const variant = [...sandbox.model.table('variants').values()][0];
    sandbox.placeOrder({ email: 'cli@example.bg', lines: [{ variantId: variant.id, quantity: 1 }] });
    const plan = JSON.parse(
      (
        await cli([
          'run',
          '--server',
          'Магазин от файл',
          '--task',
          'import',
          '--dry-run',
          '--json',
          '--data-dir',
          dataDir,
        ])
      ).stdout.trim(),
    );
    expect(plan).toMatchObject({ dryRun: true, state: 'succeeded', counts: { ordersToWrite: 1 } });
    const real = JSON.parse(
      (
        await cli(['run', '--server', 'Магазин от файл', '--task', 'import', '--json', '--data-dir', dataDir])
      ).stdout.trim(),
    );
    expect(real.counts.ordersImported).toBe(1);

    await sandbox.close();
    const down = await cli(['run', '--server', 'Магазин от файл', '--task', 'export', '--json', '--data-dir', dataDir]);
    expect(down.code).toBe(1);
    expect(JSON.parse(down.stdout.trim())).toMatchObject({ state: 'failed' });
    sandbox = await startSandbox();
  });

  it('names a bad profile file clearly', async () => {
    writeFileSync(join(root, 'bad.json'), JSON.stringify({ name: '', store: { domain: 'x' } }));
    const r = await cli([
      'run',
      '--profile',
      join(root, 'bad.json'),
      '--task',
      'export',
      '--data-dir',
      join(root, 'd2'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not valid: name: required; database/);
  });
});
