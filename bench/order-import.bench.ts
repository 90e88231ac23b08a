/**
 * Benchmark: 1,000 store orders of 5 lines each imported as OperType 19 documents into MariaDB
 * (goal: under 10 s here), through the whole engine: sandbox reads, matching, exactly-once writes.
 * Run: npx tsx bench/order-import.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { Engine } from '../electron/engine/engine';
import { KeyFileSecretBox } from '../electron/engine/secrets/key-file-secret-box';
import { createDemoMysql, dropMysqlDatabase } from '../electron/demo/demo-databases';
import { ServerProfileInputSchema } from '../shared/types/server-profile';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const root = mkdtempSync(join(tmpdir(), 'sklad-bench-orders-'));
const name = `sklad_bench_orders_${process.pid}`;
const server = { host: '127.0.0.1', user: 'root' };

async function main() {
  await createDemoMysql(server, name, { goods: 300 });
  const sandbox = await startSandbox({ rateLimit: 1_000_000 });
  const engine = new Engine({
    dataDir: join(root, 'data'),
    secrets: new KeyFileSecretBox(join(root, 'key')),
    host: 'serve',
    version: 'bench',
  });
  const profile = engine.servers.save(
    ServerProfileInputSchema.parse({
      name: 'Bench',
      store: { domain: sandbox.url },
      database: { kind: 'mysql', host: '127.0.0.1', port: 3306, database: name, user: 'root' },
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] } },
      secrets: { apiKey: sandbox.apiKey },
    }),
  );
  await engine.sync.runToEnd({ serverId: profile.id, task: 'export' });
  await engine.sync.runToEnd({ serverId: profile.id, task: 'import' });
  const variants = [...sandbox.model.table('variants').values()];
  for (let i = 0; i < ORDERS; i++) {
    const lines = Array.from({ length: 5 }, (_, j) => ({
      variantId: variants[(i * 7 + j * 13) % variants.length].id,
      quantity: 1 + (j % 2),
    }));
    sandbox.placeOrder({ email: `client${i % 200}@example.bg`, firstName: 'Клиент', lastName: String(i), lines });
  }
  const t0 = performance.now();
  const run = await engine.sync.runToEnd({ serverId: profile.id, task: 'import' });
  const seconds = (performance.now() - t0) / 1000;
  console.log('| benchmark | orders | lines | imported | store requests | seconds | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| import of ${ORDERS} orders into MariaDB | ${ORDERS} | ${ORDERS * 5} | ${run.counts.ordersImported ?? 0} | ${run.requests} | ${seconds.toFixed(2)} | ${(process.memoryUsage().rss / 1048576).toFixed(0)} |`,
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
    await dropMysqlDatabase(server, name);
  });
