/**
 * `sklad-sync reconcile` as a real process (issue 15 point 9): against the sandbox and a SQLite
 * Warehouse Pro database whose orders were imported and one document then deleted, it prints the
 * missing order, writes the CSV and exits 3 (an order needs action); wrong options exit 2.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncSettings } from '../../shared/types/server-profile';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
let f: SyncFixture | null = null;
let root = '';
afterEach(async () => {
  await f?.cleanup();
  f = null;
  if (root) rmSync(root, { recursive: true, force: true });
});

function cli(args: string[], apiKey: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['electron/cli/main.ts', ...args, '--data-dir', join(root, 'data')], {
      env: { ...process.env, SKLAD_SYNC_KEY_FILE: join(root, 'key', 'secret.key'), SKLAD_SYNC_API_KEY: apiKey },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sklad-sync reconcile', () => {
  it('prints the missing order, writes the CSV and exits 3; wrong options exit 2', async () => {
    root = mkdtempSync(join(tmpdir(), 'sklad-cli-reconcile-'));
    f = await createSyncFixture('sqlite', {
      demo: { goods: 12, problems: false },
      // Orders dated in 2026 before the server was saved: "import orders from" the year's start.
      settings: {
        orders: {
          statuses: ['authorized', 'paid', 'completed'],
          cashOnDelivery: true,
          from: '2026-01-01',
          importOnSince: null,
        },
      } as Partial<SyncSettings>,
    });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
    const variants = [...f.sandbox.model.table('variants').values()];
    const ids = [1, 2].map((n) => {
      const order = f!.sandbox.placeOrder({
        email: `cli${n}@example.bg`,
        lines: [{ barcode: String(variants[n].attributes.barcode), quantity: 1 }],
      });
      order.attributes.date_added = `2026-11-0${n} 12:00:00`;
      return String(order.id);
    });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' })).counts.ordersImported).toBe(2);
    await f.db.conn.run('DELETE FROM operations WHERE OperType = 19 AND Note LIKE ?', [`CloudCart%#${ids[1]}`]);

    const profile = join(root, 'shop.json');
    writeFileSync(
      profile,
      JSON.stringify({ name: 'CLI', store: f.server.store, database: f.server.database, settings: f.server.settings }),
    );
    const csv = join(root, 'out.csv');
    const run = await cli(
      ['reconcile', '--profile', profile, '--from', '2026-11-01', '--to', '2026-11-30', '--csv', csv],
      f.sandbox.apiKey,
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toMatch(new RegExp(`#${ids[0]}\\s.*imported`));
    expect(run.stdout).toMatch(new RegExp(`#${ids[1]}\\s.*missing`));
    expect(run.stdout).toContain('imported 1, missing 1');
    expect(existsSync(csv)).toBe(true);
    expect(readFileSync(csv, 'utf8')).toContain(`${ids[1]},2026-11-02 12:00:00,pending`);

    const json = await cli(
      ['reconcile', '--server', 'CLI', '--from', '2026-11-01', '--to', '2026-11-01', '--json'],
      f.sandbox.apiKey,
    );
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ counts: { imported: 1, missing: 0 } });

    const wrong = await cli(['reconcile', '--server', 'CLI', '--from', '1.11.2026', '--to', '2026-11-30'], '');
    expect(wrong.code).toBe(2);
  });
});
