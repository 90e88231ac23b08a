/**
 * Issue 12 point 6: a store whose plan has no variants (the `multi_variants` gate). The connection
 * test says so; an export creates the simple products, and every product with variants fails with
 * the same clear message after one refused request, with one "needs attention" item.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/cloudcart-sandbox/sandbox-server';
import { CloudCartStore } from '../../electron/engine/cloudcart-client/cloudcart-store';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

let sandbox: Sandbox | null = null;
let fixture: SyncFixture | null = null;
afterEach(async () => {
  await sandbox?.close();
  await fixture?.cleanup();
  sandbox = null;
  fixture = null;
});

describe('a plan without variants', () => {
  it.each([true, false])(
    'the store connection test says whether the plan has variants (%s)',
    async (variantsInPlan) => {
      sandbox = await startSandbox({ rateLimit: 100_000, variantsInPlan });
      for (const locale of ['bg', 'en'] as const) {
        const check = await new CloudCartStore({ domain: sandbox.url, apiKey: sandbox.apiKey }).testConnection(locale);
        expect(check.ok).toBe(true);
        expect(check.variantsInPlan).toBe(variantsInPlan);
        const note = locale === 'bg' ? /не включва варианти/ : /does not include variants/;
        if (variantsInPlan) expect(check.message).not.toMatch(note);
        else expect(check.message).toMatch(note);
      }
    },
  );

  it('an export syncs the simple products and fails each product with variants with one message', async () => {
    fixture = await createSyncFixture('sqlite', {
      demo: { goods: 40, problems: false, variantShare: 0.5 },
      sandbox: { variantsInPlan: false },
    });
    const run = await fixture.t.engine.sync.runToEnd({ serverId: fixture.server.id, task: 'export' });
    // Some changes written, the products with variants not: "with errors", naming the plan.
    expect(run.state).toBe('partial');
    expect(run.error).toMatch(/не включва варианти \(multi_variants\)/);
    const items = fixture.t.engine.sync.state.runItems(run.id);
    const created = items.filter((i) => i.kind === 'product' && i.action === 'create' && i.status === 'done');
    const failed = items.filter((i) => i.kind === 'product' && i.status === 'failed');
    expect(created.every((i) => /^simple; CloudCart #\d+$/.test(i.newValue ?? ''))).toBe(true);
    expect(created.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(1);
    expect(new Set(failed.map((i) => i.message)).size).toBe(1);
    expect(failed[0].message).toMatch(/не включва варианти \(multi_variants\)/);
    // The simple products are in the store with their variants; nothing with parameters is.
    const snap = fixture.sandbox.model.snapshot();
    expect(snap.products).toHaveLength(created.length);
    expect(snap.products.every((p) => !p.p1)).toBe(true);
    expect(snap.variants).toHaveLength(created.length);
    // One refused request taught the client; the other products with variants cost none.
    const refused = Object.entries(fixture.sandbox.requests.byRoute)
      .filter(([route]) => /variant-(parameters|options)/.test(route))
      .reduce((n, [, count]) => n + count, 0);
    expect(refused).toBe(1);
    const attention = fixture.t.engine.sync.state.attention(fixture.server.id);
    expect(attention.filter((a) => a.kind === 'store_plan')).toEqual([
      expect.objectContaining({ ref: 'multi_variants', reason: 'plan_without_variants' }),
    ]);
  });
});
