/**
 * Benchmark: the sync on the demo shop against the sandbox: the first export, an unchanged second
 * run, a run with 1% of prices and quantities changed (and the same done as a naive full push, as
 * Utility Center does), and an idle order poll. Requests are the real cost (CloudCart allows 50-800
 * a minute); the sandbox's limit is lifted here so the seconds show the program's own cost.
 * "run-row writes": UPDATEs of the run's row in the state database (progress lives in memory and
 * is written at phase boundaries and every 2 s), counted by a temporary trigger.
 * Run: npx tsx bench/sync-export.bench.ts   (BENCH_GOODS=10000 BENCH_DB=mysql for the large case)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { Engine } from '../electron/engine/engine';
import { KeyFileSecretBox } from '../electron/engine/secrets/key-file-secret-box';
import { createDemoMysql, createDemoSqlite, dropMysqlDatabase } from '../electron/demo/demo-databases';
import { openWarehouse } from '../electron/engine/wpdb/open-warehouse';
import { ServerProfileInputSchema, SyncSettingsSchema, type DatabaseConnection } from '../shared/types/server-profile';

const GOODS = Number(process.env.BENCH_GOODS ?? 300);
const KIND = (process.env.BENCH_DB ?? 'sqlite') as 'sqlite' | 'mysql';
const root = mkdtempSync(join(tmpdir(), 'sklad-bench-'));
const mysqlName = `sklad_bench_${process.pid}`;

async function main() {
  let connection: DatabaseConnection;
  if (KIND === 'mysql') {
    await createDemoMysql({ host: '127.0.0.1', user: 'root' }, mysqlName, { goods: GOODS, variantShare: 0.2 });
    connection = {
      kind: 'mysql',
      host: '127.0.0.1',
      port: 3306,
      database: mysqlName,
      user: 'root',
      instance: '',
      filePath: '',
    };
  } else {
    const file = join(root, 'wp.sqlite3');
    await createDemoSqlite(file, { goods: GOODS, variantShare: 0.2 });
    connection = { kind: 'sqlite', host: '', port: null, database: '', user: '', instance: '', filePath: file };
  }
  const sandbox = await startSandbox({ rateLimit: 1_000_000 });
  const engine = new Engine({
    dataDir: join(root, 'data'),
    secrets: new KeyFileSecretBox(join(root, 'key')),
    host: 'serve',
    version: 'bench',
  });
  const settings = SyncSettingsSchema.parse({
    operationsObjectId: 2,
    operatorId: 2,
    exportTask: { objectGroups: ['AAA'] },
  });
  const server = engine.servers.save(
    ServerProfileInputSchema.parse({
      name: 'Bench',
      store: { domain: sandbox.url },
      database: connection,
      settings,
      secrets: { apiKey: sandbox.apiKey },
    }),
  );
  // Counts the UPDATEs of each run's row, on the engine's own connection (nothing is left in the file).
  engine.db.exec(`CREATE TEMP TABLE run_row_writes (run_id TEXT);
    CREATE TEMP TRIGGER count_run_row_writes AFTER UPDATE ON main.runs
    BEGIN INSERT INTO run_row_writes VALUES (new.id); END;`);
  const rowWrites = (runId: string) =>
    (engine.db.prepare('SELECT COUNT(*) AS n FROM run_row_writes WHERE run_id = ?').get(runId) as { n: number }).n;
  const rows: string[] = [];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const measure = async (label: string, task: 'export' | 'import') => {
    const t0 = performance.now();
    const run = await engine.sync.runToEnd({ serverId: server.id, task });
    const s = (performance.now() - t0) / 1000;
    const at300 = run.requests / 300;
    rows.push(
      `| ${label} | ${run.state} | ${run.requests} | ${s.toFixed(2)} | ${at300.toFixed(1)} | ${rowWrites(run.id)} | ${(peak / 1048576).toFixed(0)} |`,
    );
    return run;
  };

  await measure(`first export (${GOODS} goods, ${KIND})`, 'export');
  await measure('second export, nothing changed', 'export');
  const db = await openWarehouse(connection, null);
  const changed = Math.max(1, Math.round(GOODS / 100));
  await db.conn.run(
    `UPDATE goods SET PriceOut2 = PriceOut2 + 1 WHERE ID IN (SELECT ID FROM (SELECT ID FROM goods WHERE ID > 1 ORDER BY ID LIMIT ${changed}) x)`,
  );
  await db.close();
  const delta = await measure(`export with ${changed} prices changed (1%)`, 'export');
  const variants = sandbox.model.table('variants').size;
  rows.push(
    `| the same as a naive full push (every variant re-sent) | - | ${variants} | - | ${(variants / 300).toFixed(1)} | - | - |`,
  );
  await measure('idle order poll', 'import');
  clearInterval(sampler);

  console.log('| run | state | store requests | seconds | minutes at 300 req/min | run-row writes | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(
    `\nrequests, delta vs naive full push: ${delta.requests} vs ${variants} (${(variants / Math.max(1, delta.requests)).toFixed(0)}x fewer)`,
  );
  await engine.close();
  await sandbox.close();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    rmSync(root, { recursive: true, force: true });
    if (KIND === 'mysql') await dropMysqlDatabase({ host: '127.0.0.1', user: 'root' }, mysqlName);
  });
