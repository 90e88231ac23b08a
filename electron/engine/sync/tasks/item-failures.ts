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
