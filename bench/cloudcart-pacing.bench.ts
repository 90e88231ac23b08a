/**
 * Benchmark: how close a 1,000-variant price update comes to the store's allowed rate, against the
 * sandbox with a short rate window (so it runs in seconds). Goal: >= 95% of the allowed rate,
 * zero failed requests, no 429 storms. Run: npx tsx bench/cloudcart-pacing.bench.ts
 */
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../electron/engine/cloudcart-client/cloudcart-store';

const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 1000);
const LIMIT = 100;
const WINDOW_MS = 1000;

async function main() {
  const sandbox = await startSandbox({ rateLimit: LIMIT, windowMs: WINDOW_MS });
  const cat = sandbox.model.insert('categories', { name: 'Bench' });
  for (let i = 0; i < VARIANTS; i++) {
    const p = sandbox.model.insert('products', { name: `P${i}` }, { category: ['categories', cat.id] });
    sandbox.model.insert(
      'variants',
      { item_id: p.id, sku: `S${i}`, price: 100, quantity: 1 },
      { product: ['products', p.id] },
    );
  }
  let failed = 0;
  let throttled = 0;
  const store = new CloudCartStore({
    domain: sandbox.url,
    apiKey: sandbox.apiKey,
    onRequest: (r) => {
      if (r.status === 429) throttled++;
      else if (r.status >= 400 || r.status === 0) failed++;
    },
  });
  const ids = [...sandbox.model.table('variants').keys()];
  const t0 = performance.now();
  for (const id of ids) await store.updateVariant(String(id), { price: 199 });
  const seconds = (performance.now() - t0) / 1000;
  const allowed = (LIMIT / WINDOW_MS) * 1000;
  const achieved = VARIANTS / seconds;
  // The floor: the first window's budget is free, every further LIMIT requests wait one window.
  const floor = (Math.ceil(VARIANTS / LIMIT) - 1) * (WINDOW_MS / 1000);
  console.log(
    '| benchmark | requests | seconds | floor s | achieved req/s | allowed req/s | of allowed | failed | 429s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${VARIANTS}-variant price update, limit ${LIMIT}/${WINDOW_MS} ms | ${VARIANTS} | ${seconds.toFixed(2)} | ${floor.toFixed(1)} | ${achieved.toFixed(1)} | ${allowed.toFixed(0)} | ${((floor / seconds) * 100).toFixed(1)}% | ${failed} | ${throttled} |`,
  );
  await sandbox.close();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
