/**
 * `sklad-sync mapping export|import` (issue 17 point 5): the links as CSV, and a CSV of links
 * reported first (--dry-run changes nothing), refused whole while rows are bad, applied on a clean
 * file, with exit codes a script can test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { createDemoSqlite } from '../../electron/demo/demo-databases';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
let root: string;
let sandbox: Sandbox;
let profile: string;
let dataDir: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['electron/cli/main.ts', ...args, '--data-dir', dataDir], {
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
  root = mkdtempSync(join(tmpdir(), 'sklad-cli-mapping-'));
  dataDir = join(root, 'data');
  sandbox = await startSandbox({ rateLimit: 100_000 });
  const db = join(root, 'wp.sqlite3');
  await createDemoSqlite(db, { goods: 20, problems: false });
  profile = join(root, 'profile.json');
  writeFileSync(
    profile,
    JSON.stringify({
      name: 'Съответствия от файл',
      store: { domain: sandbox.url },
      database: { kind: 'sqlite', filePath: db },
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] } },
    }),
  );
  const first = await cli(['run', '--profile', profile, '--task', 'export', '--json']);
  expect(first.code, first.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

describe('sklad-sync mapping', () => {
  it('exports the links with a header row, one row per link', async () => {
    const out = join(root, 'links.csv');
    const r = await cli(['mapping', 'export', '--profile', profile, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('good_id;good_code;barcode;sku;store_product_id;store_variant_id;good_name');
    expect(lines.length - 1).toBe(sandbox.model.table('variants').size);
    expect(r.stderr).toContain(`${lines.length - 1} links written`);
    // To the standard output without --out.
    const std = await cli(['mapping', 'export', '--server', 'Съответствия от файл']);
    expect(
      std.stdout
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toEqual(lines);
  });

  it('import: a dry run reports and changes nothing; bad rows refuse the whole file; a clean file applies', async () => {
    const std = await cli(['mapping', 'export', '--server', 'Съответствия от файл']);
    const rows = std.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';'));
    const [a, b] = rows;
    // a and b swap variants, written as Excel would (`,`, quoted), plus one unknown good.
    const swap = ['good_id,store_variant_id', `"${a[0]}","${b[5]}"`, `"${b[0]}","${a[5]}"`].join('\r\n');
    const withBad = `${swap}\r\n999999,${a[5]}\r\n`;
    const file = join(root, 'import.csv');
    writeFileSync(file, withBad);

    const dry = await cli(['mapping', 'import', '--server', 'Съответствия от файл', file, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(3);
    const report = JSON.parse(dry.stdout);
    expect(report).toMatchObject({ outcome: 'dry-run', counts: { relink: 2, unknown_good: 1 }, applied: 0 });
    expect(report.rows[2]).toMatchObject({ line: 4, verdict: 'unknown_good' });

    const refused = await cli(['mapping', 'import', '--server', 'Съответствия от файл', file]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('nothing applied');
    const still = await cli(['mapping', 'export', '--server', 'Съответствия от файл']);
    expect(still.stdout).toBe(std.stdout);

    writeFileSync(file, swap);
    const applied = await cli(['mapping', 'import', '--server', 'Съответствия от файл', file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('applied 2 links');
    const after = await cli(['mapping', 'export', '--server', 'Съответствия от файл']);
    const moved = after.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';'));
    expect(moved.find((r) => r[0] === a[0])?.[5]).toBe(b[5]);
    expect(moved.find((r) => r[0] === b[0])?.[5]).toBe(a[5]);
  }, 60_000);

  it('says what is wrong with the arguments, with exit code 2', async () => {
    expect((await cli(['mapping', 'swap', '--server', 'x'])).code).toBe(2);
    expect((await cli(['mapping', 'import', '--server', 'Съответствия от файл'])).code).toBe(2);
    const help = await cli(['mapping', '--help']);
    expect(help.stdout).toContain('sklad-sync mapping import');
  });
});
