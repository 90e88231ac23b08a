/**
 * The program killed (SIGKILL) at random points of an order import, 20 times, then started again:
 * no order lost, none doubled, no half-written document, no reserved number left dangling. And a
 * second copy of the program refused while the first holds the server's lease.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { leaseNameFor } from '../../electron/engine/sync/open-session';
import { createDemoMysql, dropMysqlDatabase } from '../../electron/engine/wpdb/demo-databases';
import { openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import { MARIADB } from '../helpers/warehouse-fixtures';
import { FaultTable } from './fault-table';
import { orderStamp } from '../../electron/engine/sync/order-stamp';

// One node process: the `tsx` wrapper would run the program in a child that a SIGKILL of the wrapper misses.
const node = [process.execPath, '--import', 'tsx'] as const;
const KILLS = 20;
const table = new FaultTable('Process killed during an order import');
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

/** A kill after `ms`, or once the store has seen `requests` more requests (the run is then mid-import). */
type Kill = { ms: number } | { requests: number } | null;

function run(task: string, kill: Kill): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      node[0],
      [
        ...node.slice(1),
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
    let timer: NodeJS.Timeout | undefined;
    if (kill && 'ms' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.ms);
    if (kill && 'requests' in kill) {
      const at = sandbox.requests.total + kill.requests;
      timer = setInterval(() => sandbox.requests.total >= at && child.kill('SIGKILL'), 1);
    }
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(timer);
      resolve({ code, stdout });
    });
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
  table.print();
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
    let rounds = 0;
    // Until the program has been killed KILLS times: on a loaded machine a run can end first.
    for (let i = 0; killed < KILLS && i < KILLS * 2; i++) {
      rounds++;
      for (let j = 0; j < 3; j++) {
        const lines = [0, 1, 2].map((k) => ({
          variantId: variants[(i * 3 + j + k * 5) % variants.length].id,
          quantity: 1,
        }));
        orderIds.push(
          sandbox.placeOrder({ email: `k${i}-${j}@example.bg`, firstName: 'Убит', lastName: String(i), lines }).id,
        );
      }
      // Half the kills after a random number of the run's store requests (between order writes),
      // half at a random time (starting, connecting, reading).
      const r = await run(
        'import',
        i % 2 === 0 ? { requests: 1 + Math.floor(Math.random() * 4) } : { ms: 300 + Math.floor(Math.random() * 700) },
      );
      if (r.code === null) killed++;
    }
    sandbox.faults.latencyMs = 0;
    // Some killed runs got far enough to write orders: the kills landed inside imports, not before them.
    const before = await openWarehouse(connection, null);
    const writtenBeforeFinal = Number(
      (
        await before.conn.query<{ n: number }>(
          "SELECT COUNT(DISTINCT Note) AS n FROM operations WHERE Note LIKE 'CloudCart %#%'",
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
        "SELECT Note AS note, COUNT(DISTINCT Acct) AS accts, COUNT(*) AS nlines FROM operations WHERE OperType = 19 AND Note LIKE 'CloudCart %#%' GROUP BY Note",
      );
      const byNote = new Map(docs.map((d) => [d.note, d]));
      const lost = orderIds.filter((id) => !byNote.has(orderStamp(sandbox.url, id))).length;
      const doubled = docs.filter((d) => Number(d.accts) !== 1).length;
      const halfWritten = docs.filter((d) => Number(d.nlines) !== 3).length;
      const dangling = await db.conn.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM nextacct n WHERE n.NextAcct LIKE 'OR%' AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.OperType = 19 AND CONCAT('OR', o.Acct) = n.NextAcct)",
      );
      table.add({
        case: `SIGKILL during import (${orderIds.length} orders)`,
        runs: rounds + 1,
        lost,
        doubled: doubled + Number(dangling[0].n),
        differing: halfWritten,
        note: `killed ${killed}; half-written ${halfWritten}, dangling numbers ${dangling[0].n}`,
      });
      expect({ lost, doubled, halfWritten, dangling: Number(dangling[0].n) }).toEqual({
        lost: 0,
        doubled: 0,
        halfWritten: 0,
        dangling: 0,
      });
      expect(killed).toBeGreaterThanOrEqual(KILLS);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('a second copy is refused while another PC holds the lease, and says who holds it', async () => {
    const lease = leaseNameFor({ store: { domain: sandbox.url } });
    const db = await openWarehouse(connection, null);
    try {
      expect(await db.acquireLease(lease, 'КАСА-2 (pid 4242, abcd1234)', 60_000)).toEqual({ ok: true });
      const refused = JSON.parse((await run('export', null)).stdout.trim());
      expect(refused.state).toBe('failed');
      expect(refused.error).toMatch(/друго копие на програмата \(КАСА-2/);
      await db.releaseLease(lease, 'КАСА-2 (pid 4242, abcd1234)');
      expect(JSON.parse((await run('export', null)).stdout.trim()).state).toBe('succeeded');
    } finally {
      await db.close();
    }
  }, 60_000);
});
