/**
 * The demo: the embedded SQLite Warehouse Pro database of a Bulgarian shop, an in-process CloudCart
 * sandbox store, and a ready "Demo" server that syncs them, so a fresh machine shows something real.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SyncSettingsSchema } from '../../shared/types/server-profile';
import { startSandbox, type Sandbox } from '../cloudcart-sandbox/sandbox-server';
import type { Engine } from '../engine/engine';
import { createDemoSqlite } from './demo-databases';

export const DEMO_SERVER_NAME = 'Demo';

export interface Demo {
  sandbox: Sandbox;
  serverId: string;
  stop(): Promise<void>;
}

export async function startDemo(
  engine: Engine,
  options: { start?: boolean; sampleOrderAfterMs?: number } = {},
): Promise<Demo> {
  const dir = join(engine.options.dataDir, 'demo');
  const dbFile = join(dir, 'warehouse.sqlite3');
  if (!existsSync(dbFile)) await createDemoSqlite(dbFile, { goods: 300 });
  // The store's state is kept beside it, so the demo store remembers what earlier runs created.
  const sandbox = await startSandbox({ stateFile: join(dir, 'store.json'), rateLimit: 300, windowMs: 60_000 });
  if (sandbox.model.table('categories').size === 0)
    engine.sync.state.forgetServerLinks(engine.servers.list().find((s) => s.name === DEMO_SERVER_NAME)?.id ?? '');
  const existing = engine.servers.list().find((s) => s.name === DEMO_SERVER_NAME);
  const base = existing ?? {
    name: DEMO_SERVER_NAME,
    type: 'wp-import-export-cloudcart' as const,
    settings: {
      ...SyncSettingsSchema.parse({}),
      operationsObjectId: 2,
      operatorId: 2,
      exportTask: {
        enabled: true,
        startMode: { kind: 'interval' as const, minutes: 15 },
        exportGoods: true,
        exportQuantities: true,
        goodsGroups: [],
        objectGroups: ['AAA'],
        priceColumn: 2,
        quantityBuffer: 0,
        ownOrders: { mode: 'recent' as const, days: 30 },
      },
      importTask: {
        enabled: true,
        startMode: { kind: 'on-start' as const },
        pollMinutes: 1,
        downloadGoods: false,
        followOrders: true,
      },
    },
  };
  const server = engine.servers.save({
    ...base,
    id: existing?.id,
    store: { domain: sandbox.url },
    database: { kind: 'sqlite', host: '', port: null, database: '', user: '', instance: '', filePath: dbFile },
    secrets: { apiKey: sandbox.apiKey },
  });
  engine.emit('servers:changedEvent', { ids: [server.id] });
  if (options.start !== false) engine.sync.start(server.id);

  // A shopper buys something a little later, so the import has an order to bring in.
  let timer: NodeJS.Timeout | null = null;
  if (options.sampleOrderAfterMs !== undefined) {
    timer = setTimeout(() => {
      const variant = [...sandbox.model.table('variants').values()].find((v) => Number(v.attributes.quantity) > 1);
      if (variant)
        sandbox.placeOrder({
          email: 'demo.klient@example.bg',
          firstName: 'Димитър',
          lastName: 'Георгиев',
          phone: '0888000111',
          city: 'Бургас',
          lines: [{ variantId: variant.id, quantity: 1 }],
        });
    }, options.sampleOrderAfterMs);
    timer.unref();
  }
  return {
    sandbox,
    serverId: server.id,
    async stop() {
      if (timer) clearTimeout(timer);
      await engine.sync.stop(server.id);
      await sandbox.close();
    },
  };
}
