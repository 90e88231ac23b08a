/**
 * A failure of one item never stops the others (a 422 on one variant, say), but a failure of the
 * store or the database as a whole ends the run: wrong key, unreachable host, lost connection.
 */
import { AppError } from '../../errors';

const FATAL_CODES = new Set(['unauthorized', 'forbidden', 'unavailable', 'database_error']);

export function isFatal(err: unknown): boolean {
  if (err instanceof AppError) {
    if (FATAL_CODES.has(err.code)) return true;
    return (err as AppError & { fatal?: boolean }).fatal === true;
  }
  return false;
}

export function describe(err: unknown): string {
  if (err instanceof AppError) return err.text.bg;
  return err instanceof Error ? err.message : String(err);
}

/** A store plan feature a failure was refused for (e.g. `multi_variants`), or null. */
export function missingPlanFeature(err: unknown): string | null {
  const feature = (err as { planFeature?: unknown } | null)?.planFeature;
  return typeof feature === 'string' ? feature : null;
}

/**
 * The id of an object the store says it created. An answer without one (a redirect that turned
 * the POST into a GET of a list, a proxy's own page) created nothing we can link: that item
 * fails instead of being counted as created, and the next run tries it again.
 */
export function createdId(id: unknown, what: { bg: string; en: string }): string {
  if (typeof id === 'string' && id.trim() !== '') return id;
  throw new AppError('store_error', {
    bg: `Магазинът не потвърди създаването на ${what.bg}: в отговора му няма номер на нов обект (пренасочена ли е заявката?). Не е отчетено като създадено; ще бъде опитано отново при следващото изпълнение.`,
    en: `The store did not confirm creating the ${what.en}: its answer carries no id of a new object (was the request redirected?). It is not counted as created and will be tried again on the next run.`,
  });
}
