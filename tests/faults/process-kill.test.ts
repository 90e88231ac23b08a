/**
 * The program killed (SIGKILL) at random points of an order import, 20 times, then started again:
 * no order lost, none doubled, no half-written document, no reserved number left dangling. And a
 * second copy of the program refused while the first holds the server's lease.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { createDemoMysql, dropMysqlDatabase } from '../../electron/engine/wpdb/demo-databases';
import { openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import { MARIADB } from '../helpers/warehouse-fixtures';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const KILLS = 20;
let root: string;
let sandbox: Sandbox;
const dbName = `sklad_kill_${process.pid}`;
const connection = {
  kind: 'mysql' as const,
  host: MARIADB.host,
  port: MARIADB.port,
  database: dbName,
  user: 'root',
  instance: '',
  filePath: '',
};

function run(task: string, killAfterMs: number | null): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      tsx,
      [
        'electron/cli/main.ts',
        'run',
        '--profile',
        join(root, 'profile.json'),
        '--task',
        task,
        '--json',
        '--data-dir',
        join(root, 'data'),
      ],
      {
        env: { ...process.env, SKLAD_SYNC_KEY_FILE: join(root, 'key'), SKLAD_SYNC_API_KEY: sandbox.apiKey },
      },
    );
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sklad-kill-'));
  sandbox = await startSandbox({ rateLimit: 100_000 });
  await createDemoMysql(MARIADB, dbName, { goods: 40 });
  writeFileSync(
    join(root, 'profile.json'),
    JSON.stringify({
      name: 'Kill',
      store: { domain: sandbox.url },
      database: connection,
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] } },
    }),
  );
  expect((await run('export', null)).code).toBe(0);
});
afterAll(async () => {
  await sandbox.close();
  await dropMysqlDatabase(MARIADB, dbName);
  rmSync(root, { recursive: true, force: true });
});

describe('process killed during an order import', () => {
  it(`SIGKILL ${KILLS} times at random points: every order exactly once, no dangling number`, async () => {
    const variants = [...sandbox.model.table('variants').values()];
    const orderIds: number[] = [];
    sandbox.faults.latencyMs = 15; // widen the window in which a kill lands mid-import
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      for (let j = 0; j < 3; j++) {
        const lines = [0, 1, 2].map((k) => ({
          variantId: variants[(i * 3 + j + k * 5) % variants.length].id,
          quantity: 1,
        }));
        orderIds.push(
          sandbox.placeOrder({ email: `k${i}-${j}@example.bg`, firstName: 'Убит', lastName: String(i), lines }).id,
        );
      }
      const r = await run('import', 700 + Math.floor(Math.random() * 900));
      if (r.code === null) killed++;
    }
    sandbox.faults.latencyMs = 0;
    // Some killed runs got far enough to write orders: the kills landed inside imports, not before them.
    const before = await openWarehouse(connection, null);
    const writtenBeforeFinal = Number(
      (
        await before.conn.query<{ n: number }>(
          "SELECT COUNT(DISTINCT Note) AS n FROM operations WHERE Note LIKE 'CloudCart #%'",
        )
      )[0].n,
    );
    await before.close();
    expect(writtenBeforeFinal).toBeGreaterThan(0);
    const final = await run('import', null);
    expect(final.code).toBe(0);

    const db = await openWarehouse(connection, null);
    try {
      const docs = await db.conn.query<{ note: string; accts: number; nlines: number }>(
        "SELECT Note AS note, COUNT(DISTINCT Acct) AS accts, COUNT(*) AS nlines FROM operations WHERE OperType = 19 AND Note LIKE 'CloudCart #%' GROUP BY Note",
      );
      const byNote = new Map(docs.map((d) => [d.note, d]));
      const lost = orderIds.filter((id) => !byNote.has(`CloudCart #${id}`)).length;
      const doubled = docs.filter((d) => Number(d.accts) !== 1).length;
      const halfWritten = docs.filter((d) => Number(d.nlines) !== 3).length;
      const dangling = await db.conn.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM nextacct n WHERE n.NextAcct LIKE 'OR%' AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.OperType = 19 AND CONCAT('OR', o.Acct) = n.NextAcct)",
      );
      console.log(
        `| case | runs | killed | lost | doubled | half-written | dangling numbers |\n|---|---|---|---|---|---|---|\n| SIGKILL during import (${orderIds.length} orders) | ${KILLS + 1} | ${killed} | ${lost} | ${doubled} | ${halfWritten} | ${dangling[0].n} |`,
      );
      expect({ lost, doubled, halfWritten, dangling: Number(dangling[0].n) }).toEqual({
        lost: 0,
        doubled: 0,
        halfWritten: 0,
        dangling: 0,
      });
      expect(killed).toBeGreaterThan(KILLS / 2);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('a second copy is refused while another PC holds the lease, and says who holds it', async () => {
    const state = new Database(join(root, 'data', 'state.sqlite3'), { readonly: true });
    const { id } = state.prepare("SELECT id FROM servers WHERE name = 'Kill'").get() as { id: string };
    state.close();
    const db = await openWarehouse(connection, null);
    try {
      expect(await db.acquireLease(`server-${id}`, 'КАСА-2 (pid 4242, abcd1234)', 60_000)).toEqual({ ok: true });
      const refused = JSON.parse((await run('export', null)).stdout.trim());
      expect(refused.state).toBe('failed');
      expect(refused.error).toMatch(/друго копие на програмата \(КАСА-2/);
      await db.releaseLease(`server-${id}`, 'КАСА-2 (pid 4242, abcd1234)');
      expect(JSON.parse((await run('export', null)).stdout.trim()).state).toBe('succeeded');
    } finally {
      await db.close();
    }
  }, 60_000);
});
