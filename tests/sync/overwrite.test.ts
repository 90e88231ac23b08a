/**
 * "Which store fields later syncs may overwrite": an unticked field is never sent, so a merchant's
 * edit in CloudCart stays; a ticked one follows Warehouse Pro, one request when it changes and
 * none while it does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSettings } from '../../shared/types/server-profile';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';

describe('later syncs overwrite only the fields the merchant allowed', () => {
  let f: SyncFixture;
  const productOf = (goodId: number) => {
    const link = f.t.engine.sync.state.links(f.server.id).get(goodId)!;
    return f.sandbox.model.table('products').get(Number(link.productId))!;
  };
  const setOverwrite = (overwrite: Partial<SyncSettings['overwrite']>) => {
    const saved = f.t.engine.servers.get(f.server.id);
    f.t.engine.servers.save({
      ...saved,
      settings: { ...saved.settings, overwrite: { ...saved.settings.overwrite, ...overwrite } },
      secrets: {},
    });
  };
  const exportNow = async () => {
    const before = f.sandbox.requests.byRoute['PATCH /api/v2/products/{id}'] ?? 0;
    const run = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
    expect(run.state, run.error ?? '').toBe('succeeded');
    return { run, productPatches: (f.sandbox.requests.byRoute['PATCH /api/v2/products/{id}'] ?? 0) - before };
  };
  let goodId = 0;

  beforeAll(async () => {
    f = await createSyncFixture('sqlite', { demo: { goods: 30, problems: false } });
    await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
    // A simple product (one good, no variant parameters) to rename.
    const goods = await f.db.goodsForExport([], 2);
    const simple = goods.find((g) => !g.catalogs.some((c) => c.includes('-')))!;
    goodId = simple.id;
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('sends nothing while nothing changed (defaults: tracking and continue selling owned)', async () => {
    const { productPatches, run } = await exportNow();
    expect(productPatches).toBe(0);
    expect(run.counts.productsUpdated ?? 0).toBe(0);
  });

  it('keeps the store name when "name" is not ticked, even after a rename in Warehouse Pro', async () => {
    productOf(goodId).attributes.name = 'Името от търговеца';
    await f.db.conn.run("UPDATE goods SET Name = 'Ново име от склада' WHERE ID = ?", [goodId]);
    const { productPatches } = await exportNow();
    expect(productPatches).toBe(0);
    expect(productOf(goodId).attributes.name).toBe('Името от търговеца');
  });

  it('sends the new name once when "name" is ticked, then nothing', async () => {
    setOverwrite({ name: true });
    // Ticking it now: the record of what was sent is from the product's creation, so the rename shows.
    const first = await exportNow();
    expect(first.productPatches).toBe(1);
    expect(first.run.counts.productsUpdated).toBe(1);
    expect(productOf(goodId).attributes.name).toBe('Ново име от склада');
    const items = f.t.engine.sync.state
      .runItems(first.run.id)
      .filter((i) => i.action === 'update' && i.kind === 'product');
    expect(items[0].newValue).toBe('name=Ново име от склада');
    expect((await exportNow()).productPatches).toBe(0);
  });

  it('moves the product to the category of its new group when "category" is ticked', async () => {
    setOverwrite({ category: true });
    const [other] = await f.db.conn.query<{ ID: number; Name: string }>(
      "SELECT ID, Name FROM goodsgroups WHERE Code = 'AAD'",
    );
    await f.db.conn.run('UPDATE goods SET GroupID = ? WHERE ID = ?', [other.ID, goodId]);
    const { productPatches } = await exportNow();
    expect(productPatches).toBe(1);
    const category = f.sandbox.model.table('categories').get(Number(productOf(goodId).attributes.category_id));
    expect(category?.attributes.name).toBe(other.Name);
  });
});
