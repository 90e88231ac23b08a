/**
 * `sklad-sync check-store` as a real process, as a merchant or support person runs it: against
 * the sandbox in its default mode it prints the table (Bulgarian by default, English with the
 * app's language setting or --lang en), saves the report and exits 0; the next `sklad-sync run`
 * of the server starts from what it saw; a host that is not the primary domain (limit 0) exits 1
 * with the primary-domain message.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/cloudcart-sandbox/sandbox-server';
import { Engine } from '../../electron/engine/engine';
import { KeyFileSecretBox } from '../../electron/engine/secrets/key-file-secret-box';
import { createDemoSqlite } from '../../electron/demo/demo-databases';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
let root: string;
let db: string;
const sandboxes: Sandbox[] = [];

function cli(args: string[], apiKey: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['electron/cli/main.ts', ...args], {
      env: { ...process.env, SKLAD_SYNC_KEY_FILE: join(root, 'key', 'secret.key'), SKLAD_SYNC_API_KEY: apiKey },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function shop(name: string, options: SandboxOptions = {}, settings: Record<string, unknown> = {}) {
  const sandbox = await startSandbox({ rateLimit: 100_000, ...options });
  sandboxes.push(sandbox);
  const category = sandbox.model.insert('categories', { name: 'Всичко' });
  const product = sandbox.model.insert(
    'products',
    { name: 'Чаша', active: 'yes' },
    { category: ['categories', category.id] },
  );
  sandbox.model.insert(
    'variants',
    { sku: 'MUG-1', price: 500, quantity: 9, item_id: product.id },
    { product: ['products', product.id] },
  );
  sandbox.placeOrder({ email: 'ivan@example.bg', lines: [{ sku: 'MUG-1', quantity: 1 }] });
  const profile = join(root, `${name}.json`);
  writeFileSync(
    profile,
    JSON.stringify({
      name,
      store: { domain: sandbox.url },
      database: { kind: 'sqlite', filePath: db },
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] }, ...settings },
    }),
  );
  return { sandbox, profile, dataDir: join(root, `data-${name}`) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sklad-cli-check-'));
  db = join(root, 'wp.sqlite3');
  await createDemoSqlite(db, { goods: 12, problems: false });
});
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  rmSync(root, { recursive: true, force: true });
});

describe('sklad-sync check-store', () => {
  it('default mode: the table in Bulgarian, every row "да", the report saved, exit 0', async () => {
    const { sandbox, profile, dataDir } = await shop('Основен');
    const out = await cli(['check-store', '--profile', profile, '--write-test', '--data-dir', dataDir], sandbox.apiKey);
    expect(out.code, out.stderr + out.stdout).toBe(0);
    expect(out.stdout).toMatch(/^Проверка на магазина http:\/\/127\.0\.0\.1:\d+ /);
    expect(out.stdout).toMatch(/^поведение +\| документирано +\| видяно +\| ок$/m);
    const okColumn = out.stdout
      .split('\n')
      .filter((l) => / \| (да|не|—)$/.test(l))
      .map((l) => l.split(' | ').pop());
    expect(okColumn.length).toBe(23);
    expect(new Set(okColumn)).toEqual(new Set(['да']));
    expect(out.stdout).toMatch(/Всичко, на което разчита синхронизацията, е в ред \(23 проверки\)\./);
    const report = readdirSync(dataDir).find((n) => /^check-store-Основен-\d{4}-\d{2}-\d{2}\.json$/.test(n));
    expect(report).toBeDefined();
    expect(out.stdout).toContain(`Докладът е записан: ${join(dataDir, report!)}`);
    expect(sandbox.model.table('products').size).toBe(1);
  });

  it("English with the app's language setting or --lang en; --json prints the result", async () => {
    const { sandbox, profile, dataDir } = await shop('English');
    const engine = new Engine({
      dataDir,
      secrets: new KeyFileSecretBox(join(root, 'key', 'secret.key')),
      host: 'serve',
      version: 'test',
    });
    engine.settings.set({ locale: 'en' });
    await engine.close();
    const byApp = await cli(['check-store', '--profile', profile, '--data-dir', dataDir], sandbox.apiKey);
    expect(byApp.code, byApp.stderr).toBe(0);
    expect(byApp.stdout).toMatch(/^behaviour +\| documented +\| seen +\| ok$/m);
    expect(byApp.stdout).toMatch(
      /^Write test \(create, read back, +\| .+ \| not run \(--write-test: makes and deletes +\| —$/m,
    );
    const json = await cli(['check-store', '--server', 'English', '--json', '--data-dir', dataDir], sandbox.apiKey);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ ok: true, writeTest: 'not-run', domain: sandbox.url });
    expect(json.stdout).not.toContain(sandbox.apiKey);
  });

  it("the next run starts from the report: featured goes in the store's form the first time", async () => {
    const publish = { featured: true };
    const { sandbox, profile, dataDir } = await shop('Препоръчани', { featuredForm: 'yes-no' }, { publish });
    const check = await cli(
      ['check-store', '--profile', profile, '--write-test', '--json', '--data-dir', dataDir],
      sandbox.apiKey,
    );
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).observed.featuredForm).toBe('yes-no');
    const posts = sandbox.requests.byRoute['POST /api/v2/products'] ?? 0;
    const before = sandbox.model.table('products').size;
    const run = await cli(
      ['run', '--profile', profile, '--task', 'export', '--json', '--data-dir', dataDir],
      sandbox.apiKey,
    );
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toMatchObject({ state: 'succeeded' });
    const products = sandbox.model.table('products').size - before;
    expect(products).toBeGreaterThan(3);
    expect((sandbox.requests.byRoute['POST /api/v2/products'] ?? 0) - posts).toBe(products);
  });

  it('a host that is not the primary domain (limit 0): the primary-domain message, exit 1', async () => {
    const { sandbox, profile, dataDir } = await shop('Чужд домейн', { primaryHost: 'shop.example' });
    const bg = await cli(['check-store', '--profile', profile, '--data-dir', dataDir], sandbox.apiKey);
    expect(bg.code).toBe(1);
    expect(bg.stdout).toMatch(/^Достъп до API на този адрес +\| .+ \| 0 +\| не$/m);
    expect(bg.stdout).toMatch(/Използвайте основния домейн на магазина \(не www\., \*\.cloudcart\.net/);
    const en = await cli(
      ['check-store', '--server', 'Чужд домейн', '--lang', 'en', '--data-dir', dataDir],
      sandbox.apiKey,
    );
    expect(en.code).toBe(1);
    expect(en.stdout).toMatch(
      /Does not hold: API access at this address \(X-RateLimit-Limit\)\. The store 127\.0\.0\.1:\d+ gives no API access \(limit 0\)\. Use the store's primary domain/,
    );
    expect(existsSync(dataDir)).toBe(true);
  });

  it('wrong options exit 2', async () => {
    expect((await cli(['check-store'], 'x')).code).toBe(2);
    expect((await cli(['check-store', '--server', 'x', '--lang', 'de'], 'x')).code).toBe(2);
  });
});
