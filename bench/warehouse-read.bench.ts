/**
 * Benchmark: reading 100,000 goods with their available quantities over a 10-object group on
 * MariaDB (goal: under 2 s). Prints a table; asserts nothing. Run: npx tsx bench/warehouse-read.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { createDemoMysql, dropMysqlDatabase } from '../electron/demo/demo-databases';
import { openWarehouse } from '../electron/engine/wpdb/open-warehouse';

const GOODS = Number(process.env.BENCH_GOODS ?? 100_000);
const server = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const name = `sklad_bench_${randomBytes(4).toString('hex')}`;

async function main() {
  const t0 = performance.now();
  await createDemoMysql(server, name, { goods: GOODS, problems: false });
  const db = await openWarehouse(
    { kind: 'mysql', host: server.host, port: server.port, database: name, user: 'root', instance: '', filePath: '' },
    null,
  );
  try {
    // Ten objects in one object group: seven more shops beside the demo's three objects.
    const extra = Array.from({ length: 7 }, (_, i) => 5 + i);
    await db.conn.run(
      `INSERT INTO objects (ID, Code, Name, Name2, PriceGroup, IsVeryUsed, GroupID, Deleted) VALUES ${extra.map(() => '(?, ?, ?, ?, 1, 0, 2, 0)').join(', ')}`,
      extra.flatMap((id) => [id, String(id), `Обект ${id}`, `Обект ${id}`]),
    );
    await db.conn.run('UPDATE objects SET GroupID = 2 WHERE ID = 4');
    await db.conn.run(
      'INSERT INTO store (ObjectID, GoodID, Qtty, Price, Lot, LotID, LotOrder) SELECT o.ID, s.GoodID, s.Qtty, 0, s.Lot, 1, 1 FROM store s JOIN objects o ON o.ID BETWEEN 5 AND 11 WHERE s.ObjectID = 2',
    );
    const setup = (performance.now() - t0) / 1000;

    const runs: number[] = [];
    let count = 0;
    let rss = process.memoryUsage().rss;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const goods = await db.goodsForExport([], 2);
      const q = await db.availability(
        goods.map((g) => g.id),
        { objectGroupCodes: ['AAA'], operationsObjectId: 2 },
      );
      runs.push((performance.now() - t) / 1000);
      count = q.size;
      rss = Math.max(rss, process.memoryUsage().rss);
    }
    const objects = await db.conn.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM objects o JOIN objectsgroups g ON g.ID = o.GroupID WHERE g.Code = 'AAA'",
    );
    console.log('| benchmark | goods | objects in group | best s | worst s | peak RSS MB | setup s |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(
      `| read goods + available quantities (MariaDB) | ${count} | ${objects[0].n} | ${Math.min(...runs).toFixed(2)} | ${Math.max(...runs).toFixed(2)} | ${(rss / 1048576).toFixed(0)} | ${setup.toFixed(1)} |`,
    );
  } finally {
    await db.close();
    await dropMysqlDatabase(server, name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
