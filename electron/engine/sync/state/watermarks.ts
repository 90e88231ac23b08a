/** Named per-server values (how far a task got, when it last succeeded): table `watermarks` (migration 2). */
import type { StateDb } from '../../state/state-db';

const now = () => new Date().toISOString();

/** When the order import of a server last got to its end (the status view and the stale-orders notice read it). */
export const LAST_ORDER_IMPORT = 'import.lastSuccessAt';

export class Watermarks {
  constructor(private readonly db: StateDb) {}

  watermark(serverId: string, name: string): string | null {
    const row = this.db.prepare('SELECT value FROM watermarks WHERE server_id = ? AND name = ?').get(serverId, name) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setWatermark(serverId: string, name: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO watermarks (server_id, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (server_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(serverId, name, value, now());
  }

  forget(serverId: string, name: string): void {
    this.db.prepare('DELETE FROM watermarks WHERE server_id = ? AND name = ?').run(serverId, name);
  }

  lastOrderImportAt(serverId: string): string | null {
    return this.watermark(serverId, LAST_ORDER_IMPORT);
  }
}
