/**
 * Admin draft orders (`is_draft = 1`, order-state-machine.md: not shown to the customer, no stock
 * taken), listed by the store (the sandbox's default reading, `--draft-orders listed`): the
 * import never writes a draft, and the watermark stays below it, so the order is imported once
 * the merchant places it (it keeps its number), and only then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { orderStamp } from '../../electron/engine/sync/order-stamp';

let sandbox: Sandbox | null = null;
let fixture: SyncFixture | null = null;
afterEach(async () => {
  await sandbox?.close();
  await fixture?.cleanup();
  sandbox = null;
  fixture = null;
});

describe('draft orders listed by the store', () => {
  it('are never returned, and hold the watermark below them until placed', async () => {
    sandbox = await startSandbox({ rateLimit: 100_000 });
    const product = sandbox.model.insert('products', { name: 'Чаша' });
    sandbox.model.insert('variants', { sku: 'MUG-1', price: 500, quantity: 9, item_id: product.id });
    const line = [{ sku: 'MUG-1', quantity: 1 }];
    const first = sandbox.placeOrder({ email: 'a@example.bg', lines: line }).id;
    const draft = sandbox.placeOrder({ draft: true, email: 'phone@example.bg', lines: line }).id;
    const third = sandbox.placeOrder({ email: 'c@example.bg', lines: line }).id;
    const store = new CloudCartStore({ domain: sandbox.url, apiKey: sandbox.apiKey });

    const all = await store.ordersSince(null);
    expect(all.orders.map((o) => Number(o.id))).toEqual([first, third]);
    expect(all.watermark).toBe(String(draft - 1));

    const again = await store.ordersSince(all.watermark);
    expect(again.orders.map((o) => Number(o.id))).toEqual([third]);
    expect(again.watermark).toBe(String(draft - 1));

    sandbox.placeDraft(draft);
    const placed = await store.ordersSince(again.watermark);
    expect(placed.orders.map((o) => Number(o.id))).toEqual([draft, third]);
    expect(placed.watermark).toBe(String(third));
  });

  it('the import writes a draft only once it is placed, and every order once', async () => {
    fixture = await createSyncFixture('sqlite', { demo: { goods: 10, problems: false } });
    const f = fixture;
    const run = async (task: 'export' | 'import') => {
      const summary = await f.t.engine.sync.runToEnd(f.server.id, task, false);
      expect(summary.state, summary.error ?? '').toBe('succeeded');
      return summary;
    };
    await run('export');
    const variant = [...f.sandbox.model.table('variants').values()][0];
    const lines = [{ variantId: variant.id, quantity: 1 }];
    const order = f.sandbox.placeOrder({ email: 'web@example.bg', lines }).id;
    const draft = f.sandbox.placeOrder({ draft: true, email: 'phone@example.bg', lines }).id;
    const later = f.sandbox.placeOrder({ email: 'web2@example.bg', lines }).id;
    const documents = async (id: number) =>
      (await readOrder(f.db.conn, { note: orderStamp(f.sandbox.url, id) })).length;

    expect((await run('import')).counts.ordersImported).toBe(2);
    expect([await documents(order), await documents(draft), await documents(later)]).toEqual([1, 0, 1]);
    expect((await run('import')).counts.ordersImported ?? 0).toBe(0);

    f.sandbox.placeDraft(draft);
    expect((await run('import')).counts.ordersImported).toBe(1);
    expect([await documents(order), await documents(draft), await documents(later)]).toEqual([1, 1, 1]);
    expect((await run('import')).counts.ordersImported ?? 0).toBe(0);
  });
});
