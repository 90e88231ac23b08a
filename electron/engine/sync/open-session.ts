/**
 * Opens what one run needs: the Warehouse Pro database of the profile and a store client, both
 * with the saved (decrypted) secrets, plus the lease on the server, renewed while the run goes on.
 * The store client starts from what the latest store check saw of that store, where the wiki is
 * open (`observedFor`), and the run's log says so.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Localized } from '../../../shared/i18n/localized';
import type { ServerProfileView } from '../../../shared/types/server-profile';
import type { RunRequest } from '../../../shared/types/sync';
import type { ObservedBehaviour } from '../cloudcart-client/observed-behaviour';
import { processGone } from '../process-gone';
import { openWarehouse } from '../wpdb/open-warehouse';
import type { StorePort } from './ports';
import type { RunContext } from './run-context';
import type { SyncState } from './sync-state';
import type { SyncSession } from './tasks/session';

/** What opening a session uses of its run: a run's context, or a read outside any run (reconciliation). */
export type SessionContext = Pick<RunContext, 'onRequest' | 'log'>;

/** Who holds a lease: readable for the person who sees "run by another copy". */
export const LEASE_HOLDER = `${hostname()} (pid ${process.pid}, ${randomUUID().slice(0, 8)})`;
const LEASE_TTL_MS = 120_000;

/** A lease held by a process of this PC that no longer exists (killed, crashed) need not expire first. */
export function isDeadLocalHolder(holder: string): boolean {
  const m = /^(.*) \(pid (\d+), [0-9a-f]+\)$/.exec(holder);
  return m !== null && m[1] === hostname() && processGone(Number(m[2]));
}
const LEASE_RENEW_MS = 30_000;

/**
 * The lease is named after the store, not after this PC's server profile: two PCs that set up the
 * same store and database each save a profile of their own (with its own id), and they must still
 * never run it at once (B6). The lease row lives in the shared database.
 */
export function leaseNameFor(profile: Pick<ServerProfileView, 'store'>): string {
  const domain = profile.store.domain
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return `store-${domain}`;
}

/**
 * The import and the export of one server run side by side under this process's one holder name;
 * the lease row is released only when the last of them ends, so no other copy slips in between.
 */
const heldHere = new Map<string, number>();

export type StoreFactory = (
  domain: string,
  apiKey: string,
  onRequest: () => void,
  /** What a store check saw this store do, for the client to start from. */
  observed?: Partial<ObservedBehaviour>,
) => StorePort;

/** What the latest store check of a profile's store observed, and the log line that says so. */
export type ObservedLookup = (
  profile: ServerProfileView,
) => { observed: Partial<ObservedBehaviour>; log: Localized } | null;

export function sessionOpener(
  readSecret: (serverId: string, name: 'apiKey' | 'dbPassword') => string | null,
  storeFor: StoreFactory,
  {
    leaseRenewMs = LEASE_RENEW_MS,
    observedFor,
  }: {
    /** How often the lease is renewed (default 30 s; tests shorten it to watch renewals). */
    leaseRenewMs?: number;
    observedFor?: ObservedLookup;
  } = {},
) {
  return async (
    profile: ServerProfileView,
    ctx: SessionContext,
    state: SyncState,
    request: RunRequest,
  ): Promise<SyncSession> => {
    // What the newest store check saw (read before the database opens, so nothing can leak).
    const seed = observedFor?.(profile) ?? null;
    // A run needs the whole schema: a missing table or column fails it here, naming them.
    const wp = await openWarehouse(profile.database, readSecret(profile.id, 'dbPassword'), { requireSchema: true });
    let store: StorePort;
    try {
      store = storeFor(profile.store.domain, readSecret(profile.id, 'apiKey') ?? '', ctx.onRequest, seed?.observed);
    } catch (err) {
      await wp.close().catch(() => undefined);
      throw err;
    }
    if (seed) ctx.log('info', `${seed.log.bg} / ${seed.log.en}`);
    const leaseName = leaseNameFor(profile);
    const heldKey = `${JSON.stringify(profile.database)}|${leaseName}`;
    let renew: NodeJS.Timeout | null = null;
    return {
      wp,
      store,
      state,
      request,
      async acquireLease() {
        const r = await wp.acquireLease(leaseName, LEASE_HOLDER, LEASE_TTL_MS, isDeadLocalHolder);
        if (!r.ok) return { ok: false, holder: r.holder };
        heldHere.set(heldKey, (heldHere.get(heldKey) ?? 0) + 1);
        renew = setInterval(
          () => void wp.renewLease(leaseName, LEASE_HOLDER, LEASE_TTL_MS).catch(() => undefined),
          leaseRenewMs,
        );
        renew.unref();
        return { ok: true };
      },
      stopLeaseRenewal() {
        if (renew) clearInterval(renew);
        renew = null;
      },
      async releaseLease() {
        if (renew) clearInterval(renew);
        renew = null;
        const left = (heldHere.get(heldKey) ?? 1) - 1;
        if (left > 0) {
          heldHere.set(heldKey, left);
          return;
        }
        heldHere.delete(heldKey);
        await wp.releaseLease(leaseName, LEASE_HOLDER);
      },
      close: () => wp.close(),
    };
  };
}
