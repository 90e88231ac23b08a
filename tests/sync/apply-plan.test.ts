/**
 * "Apply" runs exactly the plan the user read: the engine plans again under the lease and goes
 * ahead only if the changes are the same; otherwise it writes nothing and the new plan is the
 * newest dry run. Also the other UI-facing channels added with the screens: duplicate, demo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import { ServerProfileInputSchema } from '../../shared/types/server-profile';
import { planDifference } from '../../electron/engine/sync/server-runtime';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { createTempEngine, SAMPLE_PROFILE } from '../helpers/temp-engine';

describe('apply a plan', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 30, problems: false } });
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('counts changes added and dropped between two plans as multisets', () => {
    const a = { kind: 'price', ref: '1 A', action: 'update', newValue: '1.00' };
    const b = { kind: 'price', ref: '2 B', action: 'update', newValue: '2.00' };
    expect(planDifference([a, b], [b, a])).toEqual({ added: 0, removed: 0 });
    expect(planDifference([a, b], [a, { ...b, newValue: '2.50' }])).toEqual({ added: 1, removed: 1 });
    expect(planDifference([a, a], [a])).toEqual({ added: 0, removed: 1 });
  });

  it('refuses a plan the data no longer matches, writes nothing, and keeps the fresh plan as the newest', async () => {
    const sync = f.t.engine.sync;
    await sync.runToEnd(f.server.id, 'export', false);
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1 WHERE ID IN (2, 3)');
    const plan = await sync.runToEnd(f.server.id, 'export', true);
    expect(plan.counts.prices).toBe(2);
    // The data moves on after the plan was read.
    await f.db.conn.run('UPDATE goods SET PriceOut2 = PriceOut2 + 1 WHERE ID = 4');
    const before = f.sandbox.model.snapshot();

    const refused = await sync.runToEnd(f.server.id, 'export', false, false, plan.id);
    expect(refused.state).toBe('failed');
    expect(refused.error).toContain('1 нови и 0 отпаднали');
    expect(f.sandbox.model.snapshot().variants).toEqual(before.variants);
    const newest = sync.state.listRuns(f.server.id, 10).find((r) => r.dryRun && r.task === 'export')!;
    expect(newest.id).not.toBe(plan.id);
    expect(newest.counts.prices).toBe(3);

    const applied = await sync.runToEnd(f.server.id, 'export', false, false, newest.id);
    expect(applied.state, applied.error ?? '').toBe('succeeded');
    expect(applied.counts.prices).toBe(3);
    const updated = sync.state.runItems(applied.id).filter((i) => i.kind === 'price' && i.status === 'done');
    expect(updated.map((i) => i.newValue).sort()).toEqual(
      sync.state
        .runItems(newest.id)
        .filter((i) => i.kind === 'price')
        .map((i) => i.newValue)
        .sort(),
    );
  });

  it('keeps the latest log lines for a window opened later (runs:log)', async () => {
    const result = await dispatch(f.t.engine, 'runs:log', { serverId: f.server.id });
    expect(result.ok).toBe(true);
    const lines = (result as { ok: true; value: { message: string; level: string }[] }).value;
    const messages = lines.map((l) => l.message);
    expect(messages).toContain('export.read');
    expect(messages).toContain('end.succeeded');
    expect(lines.some((l) => l.level === 'error' && l.message.includes('1 нови и 0 отпаднали'))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(500);
  });

  it('refuses a plan of another task or server with a clear message', async () => {
    const importPlan = await f.t.engine.sync.runToEnd(f.server.id, 'import', true);
    const run = await f.t.engine.sync.runToEnd(f.server.id, 'export', false, false, importPlan.id);
    expect(run.state).toBe('failed');
    expect(run.error).toContain('Планът не е намерен');
  });
});

describe('servers:duplicate and demo:start', () => {
  it('copies a server with its secrets inside the engine, never returning them', async () => {
    const t = createTempEngine();
    try {
      const saved = t.engine.servers.save(
        ServerProfileInputSchema.parse({ ...SAMPLE_PROFILE, secrets: { apiKey: 'cc-secret-1', dbPassword: 'pw-2' } }),
      );
      const result = await dispatch(t.engine, 'servers:duplicate', { id: saved.id, name: 'Копие' });
      expect(result.ok).toBe(true);
      const copy = (result as { ok: true; value: { id: string; secrets: unknown; settings: typeof saved.settings } })
        .value;
      expect(JSON.stringify(copy)).not.toContain('cc-secret-1');
      expect(copy.secrets).toEqual({ apiKey: 'set', dbPassword: 'set' });
      // A copy is a new server: its first-import boundary is its own save.
      expect(copy.settings.orders.importOnSince).not.toBeNull();
      expect(copy.settings).toEqual({
        ...saved.settings,
        orders: { ...saved.settings.orders, importOnSince: copy.settings.orders.importOnSince },
      });
      expect(t.engine.servers.readSecret(copy.id, 'apiKey')).toBe('cc-secret-1');
      const again = await dispatch(t.engine, 'servers:duplicate', { id: saved.id, name: 'Копие' });
      expect(again).toMatchObject({ ok: false, error: { fields: { name: 'duplicate' } } });
    } finally {
      await t.cleanup();
    }
  });

  it('says the demo is not available when the host offers none', async () => {
    const t = createTempEngine();
    try {
      const result = await dispatch(t.engine, 'demo:start', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await t.cleanup();
    }
  });
});
