/** What needs the user's attention, per server: table `attention` (migration 2). */
import type { AttentionItem } from '../../../../shared/types/sync';
import type { AttentionReason, ItemKind } from '../../../../shared/types/vocabulary';
import type { StateDb } from '../../state/state-db';

const now = () => new Date().toISOString();

export class AttentionList {
  constructor(private readonly db: StateDb) {}

  flag(serverId: string, item: { kind: ItemKind; ref: string; reason: AttentionReason; detail?: string }): void {
    const at = now();
    this.db
      .prepare(
        `INSERT INTO attention (server_id, kind, ref, reason, detail, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (server_id, kind, ref) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
           last_seen = excluded.last_seen, resolved_at = NULL`,
      )
      .run(serverId, item.kind, item.ref, item.reason, item.detail ?? '', at, at);
  }

  resolve(serverId: string, kind: string, ref: string): void {
    this.db
      .prepare(
        'UPDATE attention SET resolved_at = ? WHERE server_id = ? AND kind = ? AND ref = ? AND resolved_at IS NULL',
      )
      .run(now(), serverId, kind, ref);
  }

  attention(serverId: string): AttentionItem[] {
    return this.db
      .prepare(
        'SELECT kind, ref, reason, detail, first_seen AS firstSeen, last_seen AS lastSeen FROM attention WHERE server_id = ? AND resolved_at IS NULL ORDER BY last_seen DESC',
      )
      .all(serverId) as AttentionItem[];
  }

  /** An item looked at again (still open): it moves to the back of the re-read queue. */
  touchAttention(serverId: string, kind: string, ref: string): void {
    this.db
      .prepare(
        'UPDATE attention SET last_seen = ? WHERE server_id = ? AND kind = ? AND ref = ? AND resolved_at IS NULL',
      )
      .run(now(), serverId, kind, ref);
  }
}
