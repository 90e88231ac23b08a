/**
 * Saved secrets stay with their host (`shared/types/secret-scope.ts` says what "their host" is).
 * A test, a reference read or a save that names a saved server but another store address, or
 * another database server, port, user or file, never gets the saved secret: the user types it
 * again. Otherwise anyone who can edit a field could send the saved key or password to a host of
 * their choosing (a rogue MySQL server can even read a password in clear).
 */
import type { Localized } from '../../../shared/i18n/localized';
import { databaseEndpointLabel, sameDatabaseEndpoint, sameStoreEndpoint } from '../../../shared/types/secret-scope';
import type { DatabaseConnection, ServerProfileView } from '../../../shared/types/server-profile';

/** Why the saved API key may not be used for `domain`, or null when it may. */
export function storeKeyMoved(saved: Pick<ServerProfileView, 'store'>, domain: string): Localized | null {
  if (sameStoreEndpoint(saved.store.domain, domain)) return null;
  const was = saved.store.domain;
  return {
    bg: `Адресът на магазина се промени (запазеният ключ е за ${was}). Въведете API ключа отново: запазен ключ се изпраща само на магазина, за който е въведен.`,
    en: `The store address changed (the saved key is for ${was}). Type the API key again: a saved key is only sent to the store it was typed for.`,
  };
}

/** Why the saved database password may not be used for `connection`, or null when it may. */
export function passwordMoved(
  saved: Pick<ServerProfileView, 'database'>,
  connection: DatabaseConnection,
): Localized | null {
  if (sameDatabaseEndpoint(saved.database, connection)) return null;
  const was = databaseEndpointLabel(saved.database);
  return {
    bg: `Връзката с базата данни се промени (запазената парола е за ${was}). Въведете паролата отново (или я изчистете, ако новата база няма парола): запазена парола се изпраща само там, за където е въведена.`,
    en: `The database connection changed (the saved password is for ${was}). Type the password again (or clear it if the new database has none): a saved password is only sent where it was typed for.`,
  };
}

/** Joins two texts (either may be absent) into one, language by language. */
export function joinTexts(a: Localized | null, b: Localized | null): Localized | null {
  if (!a) return b;
  if (!b) return a;
  return { bg: `${a.bg} ${b.bg}`, en: `${a.en} ${b.en}` };
}
