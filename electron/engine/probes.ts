/**
 * Connection checks and reference data for the editor: "Test store connection", "Test database
 * connection", and the lists and trees its pickers show. The live ones are in `live.ts` (the store
 * test over the CloudCart client) and `probes-db.ts` (the database test and reference data over the
 * Warehouse Pro data layer); tests may pass their own to the engine.
 */
import type { DatabaseCheck, DatabaseReference, StoreCheck } from '../../shared/types/reference';
import type { DatabaseConnection } from '../../shared/types/server-profile';

export interface Probes {
  testStore(domain: string, apiKey: string, locale: 'bg' | 'en'): Promise<StoreCheck>;
  /** With `orderTarget`, also that the order documents' operations object and operator exist. */
  testDatabase(
    connection: DatabaseConnection,
    password: string | null,
    locale: 'bg' | 'en',
    orderTarget?: { objectId: number | null; operatorId: number | null },
  ): Promise<DatabaseCheck>;
  reference(connection: DatabaseConnection, password: string | null): Promise<DatabaseReference>;
}
