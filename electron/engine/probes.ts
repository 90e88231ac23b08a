/**
 * Connection checks and reference data for the editor: "Test store connection", "Test database
 * connection", and the lists and trees its pickers show. Implemented over the CloudCart client and
 * the Warehouse Pro data layer in `probes-impl.ts`.
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
