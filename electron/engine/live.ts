/**
 * The live adapters: run sessions and connection probes over the real Warehouse Pro data layer
 * and the real CloudCart client. Hosts (serve mode, the Electron shell, tests) pass them to the engine.
 */
import { CloudCartStore } from './cloudcart-client/cloudcart-store';
import type { Probes } from './probes';
import { reference, testDatabase } from './probes-db';
import { sessionOpener, type ObservedLookup } from './sync/open-session';
import { describeSeed, observedForStore } from './store-check/check-report';
import type { SessionFactory } from './sync/sync-service';
import type { ServerProfiles } from './state/server-profiles';
import type { MappingSources } from './sync/mapping/mapping-service';
import { openWarehouse } from './wpdb/open-warehouse';

export function liveProbes(): Probes {
  return {
    testStore: (domain, apiKey, locale) =>
      // One 429 is the answer: a test should not sit out Retry-After (60 s).
      new CloudCartStore({
        domain,
        apiKey,
        maxRetries: 1,
        maxThrottled: 1,
        timeoutMs: 15_000,
        deadlineMs: 20_000,
      }).testConnection(locale),
    testDatabase,
    reference,
  };
}

/**
 * The session factory needs the saved secrets, so it is bound to the engine's profiles once they
 * exist; its store clients start from the newest store check of their store in the data folder.
 */
export function liveSessions(profiles: () => ServerProfiles, dataDir: string): SessionFactory {
  return sessionOpener(
    (serverId, name) => profiles().readSecret(serverId, name),
    (domain, apiKey, onRequest, observed) => new CloudCartStore({ domain, apiKey, onRequest, observed }),
    { observedFor: storeCheckSeed(dataDir) },
  );
}

/** The behaviour the newest `check-store` report of a profile's store saw, for its runs. */
export function storeCheckSeed(dataDir: string): ObservedLookup {
  return (profile) => {
    const seed = observedForStore(dataDir, profile.store.domain);
    return seed ? { observed: seed.observed, log: describeSeed(seed) } : null;
  };
}

/** The mapping view's reads: the profile's database, and its store only when the user asks. */
export function liveMappingSources(profiles: () => ServerProfiles, dataDir: string): MappingSources {
  const seed = storeCheckSeed(dataDir);
  return {
    warehouse: (profile) =>
      openWarehouse(profile.database, profiles().readSecret(profile.id, 'dbPassword'), { requireSchema: true }),
    store: (profile, onRequest) =>
      new CloudCartStore({
        domain: profile.store.domain,
        apiKey: profiles().readSecret(profile.id, 'apiKey') ?? '',
        onRequest,
        observed: seed(profile)?.observed,
      }),
  };
}
