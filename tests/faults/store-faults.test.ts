/**
 * Fault injection on the store side: each case runs the sync with the fault, then again without
 * it, and compares the store and the database with a fault-free run: same variants, prices and
 * quantities, every order exactly once. Prints a table: case, runs, lost, doubled, differing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Faults } from '../../electron/cloudcart-sandbox/sandbox-server';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { FaultTable } from './fault-table';
import { orderStamp } from '../../electron/engine/sync/order-stamp';

type StoreState = Map<string, { price: unknown; quantity: unknown; options: string }>;
const table = new FaultTable('Store faults');

function storeState(f: SyncFixture): StoreState {
  const s = f.sandbox.model.snapshot();
  return new Map(
    s.variants.map((v) => [
      String(v.barcode),
      { price: v.price, quantity: v.quantity, options: [v.v1, v.v2].join('/') },
    ]),
  );
}

async function scenario(
  name: string,
  faults: Faults,
): Promise<{ lost: number; doubled: number; differing: number; runs: number }> {
  const clean = await createSyncFixture('sqlite', { demo: { goods: 40 } });
  const faulty = await createSyncFixture('sqlite', { demo: { goods: 40 } });
  try {
    for (const f of [clean, faulty]) {
      if (f === faulty) Object.assign(f.sandbox.faults, faults);
      await f.t.engine.sync.runToEnd(f.server.id, 'export', false);
      for (const k of Object.keys(f.sandbox.faults)) delete f.sandbox.faults[k as keyof Faults];
      await f.t.engine.sync.runToEnd(f.server.id, 'export', false, true);
      // A shopper's order, imported with the same fault, then again without it.
      const v = [...f.sandbox.model.table('variants').values()].find((x) => Number(x.attributes.quantity) > 0)!;
      const order = f.sandbox.placeOrder({ email: 'fault@example.bg', lines: [{ variantId: v.id, quantity: 1 }] });
      if (f === faulty) Object.assign(f.sandbox.faults, faults);
      await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
      for (const k of Object.keys(f.sandbox.faults)) delete f.sandbox.faults[k as keyof Faults];
      await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
      (f as SyncFixture & { orderNote?: string }).orderNote = orderStamp(f.sandbox.url, order.id);
    }
    const a = storeState(clean);
    const b = storeState(faulty);
    const lost = [...a.keys()].filter((k) => !b.has(k)).length;
    const variantsDoubled = faulty.sandbox.model.table('variants').size - b.size;
    let differing = 0;
    for (const [k, v] of a) if (b.has(k) && JSON.stringify(b.get(k)) !== JSON.stringify(v)) differing++;
    const docs = await faulty.db.conn.query<{ n: number }>(
      "SELECT COUNT(DISTINCT Acct) AS n FROM operations WHERE Note LIKE 'CloudCart %#%'",
    );
    const ordersDoubled = Number(docs[0].n) - 1;
    const ordersLost = Number(docs[0].n) === 0 ? 1 : 0;
    const result = {
      lost: lost + ordersLost,
      doubled: variantsDoubled + Math.max(0, ordersDoubled),
      differing,
      runs: 4,
    };
    table.add({ case: name, ...result });
    return result;
  } finally {
    await clean.cleanup();
    await faulty.cleanup();
  }
}

describe('store faults: nothing lost, nothing doubled', () => {
  afterAll(() => table.print());

  const cases: [string, Faults][] = [
    ['5xx on 20% of requests', { failRate: 0.2 }],
    ['answers lost after the write (x5)', { dropAfterWrite: 5 }],
    ['truncated JSON answers (x5)', { malformed: 5 }],
    ['slow store (40 ms a request)', { latencyMs: 40 }],
  ];
  for (const [name, faults] of cases) {
    it(name, async () => {
      expect(await scenario(name, faults)).toEqual({ lost: 0, doubled: 0, differing: 0, runs: 4 });
    });
  }
});
