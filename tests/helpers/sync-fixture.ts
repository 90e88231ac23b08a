/** A whole sync set-up on real parts: an engine, the CloudCart sandbox over HTTP, a Warehouse Pro database. */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/cloudcart-sandbox/sandbox-server';
import type { ServerProfileView, SyncSettings } from '../../shared/types/server-profile';
import type { DemoOptions } from '../../electron/demo/demo-data';
import { openWarehouse } from '../../electron/engine/wpdb/open-warehouse';
import type { WarehouseDb } from '../../electron/engine/wpdb/warehouse-db';
import { createTempEngine, type TempEngine } from './temp-engine';
import { createTestDatabase, type TestDatabase } from './warehouse-fixtures';

export interface SyncFixture {
  t: TempEngine;
  sandbox: Sandbox;
  wpdb: TestDatabase;
  server: ServerProfileView;
  /** A direct connection to the Warehouse Pro database, for checks and changes made "in Warehouse Pro". */
  db: WarehouseDb;
  cleanup(): Promise<void>;
}

export async function createSyncFixture(
  kind: 'mysql' | 'sqlite',
  opts: { demo?: DemoOptions; sandbox?: SandboxOptions; settings?: Partial<SyncSettings> } = {},
): Promise<SyncFixture> {
  const t = createTempEngine();
  const sandbox = await startSandbox({ rateLimit: 100_000, windowMs: 60_000, ...opts.sandbox });
  const wpdb = await createTestDatabase(kind, { goods: 60, ...opts.demo });
  const server = t.engine.servers.save({
    name: `Тест ${kind}`,
    type: 'wp-import-export-cloudcart',
    store: { domain: sandbox.url },
    database: wpdb.connection,
    settings: {
      compareBy: 'barcode',
      operationsObjectId: 2,
      documentType: 'order',
      operatorId: 2,
      partner: { mode: 'by-email' },
      importTask: {
        enabled: true,
        startMode: { kind: 'on-start' },
        pollMinutes: 5,
        downloadGoods: false,
        followOrders: true,
      },
      exportTask: {
        enabled: true,
        startMode: { kind: 'interval', minutes: 15 },
        exportGoods: true,
        exportQuantities: true,
        goodsGroups: [],
        objectGroups: ['AAA'],
        priceColumn: 2,
        quantityBuffer: 0,
        ownOrders: { mode: 'recent', days: 30 },
      },
      publish: {
        active: true,
        featured: false,
        isNew: false,
        weightSource: 'none',
        weightCatalogField: 3,
        trackQuantity: true,
        continueSelling: false,
      },
      overwrite: { name: false, description: false, category: false, tracking: true, continueSelling: true },
      currency: { database: 'EUR', store: 'EUR' },
      ...opts.settings,
    } as SyncSettings,
    secrets: { apiKey: sandbox.apiKey },
  });
  const db = await openWarehouse(wpdb.connection, null);
  return {
    t,
    sandbox,
    wpdb,
    server,
    db,
    async cleanup() {
      await db.close();
      await t.cleanup();
      await sandbox.close();
      await wpdb.drop();
    },
  };
}
