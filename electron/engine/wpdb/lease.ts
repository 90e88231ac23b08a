/**
 * The lease (B6): one row per server in our own table `sklad_sync_lease`, so two copies of the
 * program (on two PCs sharing the database) never run the same server at once. It expires when its
 * holder stops renewing it, so a killed process does not block the server for ever.
 */
import type { SqlConn } from './sql-conn';

export type LeaseResult = { ok: true } | { ok: false; holder: string; expiresAt: number };

export async function acquireLease(
  db: SqlConn,
  name: string,
  holder: string,
  ttlMs: number,
  /** A holder known to be dead (a killed process on this PC) is taken over before expiry. */
  isDead: (holder: string) => boolean = () => false,
  now = Date.now(),
): Promise<LeaseResult> {
  return db.withLock(`sklad_sync_lease_${name}`.slice(0, 64), () =>
    db.transaction(async (tx) => {
      const rows = await tx.query<{ holder: string; expiresAt: number }>(
        'SELECT Holder AS holder, ExpiresAt AS expiresAt FROM sklad_sync_lease WHERE Name = ?',
        [name],
      );
      const refused = refusal(rows[0], holder, now, isDead);
      if (refused) return refused;
      const row = rows[0];
      if (row)
        await tx.run('UPDATE sklad_sync_lease SET Holder = ?, ExpiresAt = ? WHERE Name = ?', [
          holder,
          now + ttlMs,
          name,
        ]);
      else
        await tx.run('INSERT INTO sklad_sync_lease (Name, Holder, ExpiresAt) VALUES (?, ?, ?)', [
          name,
          holder,
          now + ttlMs,
        ]);
      return { ok: true };
    }),
  );
}

/**
 * The lease rule, wherever the lease is kept: another holder's unexpired lease refuses, unless that
 * holder is known dead. Null when the lease may be taken.
 */
export function refusal(
  current: { holder: string; expiresAt: number } | undefined,
  holder: string,
  now: number,
  isDead: (holder: string) => boolean,
): Extract<LeaseResult, { ok: false }> | null {
  if (!current || current.holder === holder || Number(current.expiresAt) <= now || isDead(current.holder)) return null;
  return { ok: false, holder: current.holder, expiresAt: Number(current.expiresAt) };
}

export async function releaseLease(db: SqlConn, name: string, holder: string): Promise<void> {
  await db.run('DELETE FROM sklad_sync_lease WHERE Name = ? AND Holder = ?', [name, holder]);
}

/** One statement, no transaction: safe to run beside a run's own queries on the same connection. */
export async function renewLease(
  db: SqlConn,
  name: string,
  holder: string,
  ttlMs: number,
  now = Date.now(),
): Promise<boolean> {
  const r = await db.run('UPDATE sklad_sync_lease SET ExpiresAt = ? WHERE Name = ? AND Holder = ?', [
    now + ttlMs,
    name,
    holder,
  ]);
  return r.affected === 1;
}
