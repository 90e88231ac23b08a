/**
 * The live adapters: sessions and probes over the real Warehouse Pro data layer and CloudCart
 * client. (Wired in the next commit, once the data layer and the client have landed.)
 */
import { AppError } from './errors';
import type { Probes } from './probes';
import type { SessionFactory } from './sync/sync-service';

const notYet = () =>
  new AppError('unavailable', {
    bg: 'Връзката с базата данни и магазина още не е включена в тази версия.',
    en: 'The database and store connections are not wired in this build yet.',
  });

export function liveAdapters(): { openSession: SessionFactory; probes: Probes } {
  return {
    openSession: async () => {
      throw notYet();
    },
    probes: {
      testStore: async () => {
        throw notYet();
      },
      testDatabase: async () => {
        throw notYet();
      },
      reference: async () => {
        throw notYet();
      },
    },
  };
}
