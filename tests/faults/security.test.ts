/** Secrets never leak, and hostile text goes through every write path as data, not SQL. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrder } from '../../electron/engine/wpdb/order-writer';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { orderStamp } from '../../electron/engine/sync/order-stamp';

const HOSTILE = `Robert'); DROP TABLE goods; -- "Иван" \\ 😀 ${'дълго'.repeat(80)}`;

describe('security', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await createSyncFixture('mysql', { demo: { goods: 30 } });
    await f.db.conn.run('UPDATE goods SET Name = ? WHERE ID = 20', [HOSTILE.slice(0, 200)]);
  });
  afterAll(async () => f?.cleanup());

  it('hostile text in goods, customer names and e-mails is stored and sent as text', async () => {
    expect((await f.t.engine.sync.runToEnd(f.server.id, 'export', false)).state).toBe('succeeded');
    const variant = [...f.sandbox.model.table('variants').values()][0];
    const order = f.sandbox.placeOrder({
      email: "o'brien+x@example.bg",
      firstName: HOSTILE,
      lastName: "O'Brien",
      lines: [{ variantId: variant.id, quantity: 1 }],
    });
    const run = await f.t.engine.sync.runToEnd(f.server.id, 'import', false);
    expect(run.state, run.error ?? '').toBe('succeeded');
    const rows = await readOrder(f.db.conn, { note: orderStamp(f.sandbox.url, order.id) });
    expect(rows).toHaveLength(1);
    const partner = await f.db.conn.query<{ c: string; e: string }>(
      'SELECT Company AS c, eMail AS e FROM partners WHERE ID = ?',
      [rows[0].partnerId],
    );
    expect(partner[0].e).toBe("o'brien+x@example.bg");
    expect(partner[0].c.startsWith("Robert'); DROP TABLE goods; --")).toBe(true);
    expect((await f.db.goodsForExport([], 2)).length).toBeGreaterThan(0);
    const product = f.sandbox.model.snapshot().products.find((p) => String(p.name).startsWith("Robert'); DROP"));
    expect(product).toBeTruthy();
  });

  it('the API key appears in no state file, run item, log line or CSV', async () => {
    const key = f.sandbox.apiKey;
    const logs: string[] = [];
    const off = f.t.engine.onEvent((e) => logs.push(JSON.stringify(e)));
    await f.t.engine.sync.runToEnd(f.server.id, 'export', false, true);
    off();
    const csv = f.t.engine.sync.auditCsv(null);
    expect(csv.rows).toBeGreaterThan(0);
    expect(csv.csv).not.toContain(key);
    expect(logs.join('\n')).not.toContain(key);
    for (const run of f.t.engine.sync.state.listRuns(null))
      expect(JSON.stringify(f.t.engine.sync.state.runItems(run.id))).not.toContain(key);
    for (const file of readdirSync(f.t.dataDir))
      expect(readFileSync(join(f.t.dataDir, file)).includes(Buffer.from(key))).toBe(false);
  });

  it('a CSV cell that looks like a formula is defused', () => {
    const csv = f.t.engine.sync.auditCsv(null).csv;
    expect(csv.startsWith('\uFEFFat,server,task')).toBe(true);
    expect(csv).not.toMatch(/,=/);
  });
});
