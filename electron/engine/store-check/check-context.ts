/**
 * What every probe of the store check works with: the store client (the sync's own, so the check
 * exercises the code paths a run takes), the server's facts to compare with, a random stamp for
 * names that must not exist in the store, and the rows found so far.
 */
import type { Localized } from '../../../shared/i18n/localized';
import type { CheckRow, StoreFacts } from '../../../shared/types/store-check';
import type { CloudCartStore } from '../cloudcart-client/cloudcart-store';
import { AppError } from '../errors';
import { ROWS, type RowId } from './check-catalogue';

export interface Finding {
  seen: Localized;
  /** true: the sync works with it; false: it does not; null: not checked. */
  ok: boolean | null;
  advice?: Localized | null;
}

export const l = (bg: string, en: string): Localized => ({ bg, en });
/** A text that reads the same in both languages (a number, a status, a header value). */
export const same = (text: string): Localized => ({ bg: text, en: text });

export class CheckContext {
  private readonly found = new Map<RowId, CheckRow>();

  constructor(
    readonly store: CloudCartStore,
    readonly facts: StoreFacts,
    /** Random, so a name or SKU made from it exists nowhere in the store. */
    readonly stamp: string,
  ) {}

  get http() {
    return this.store.http;
  }

  record(id: RowId, finding: Finding): void {
    const spec = ROWS[id];
    this.found.set(id, {
      id,
      behaviour: spec.behaviour,
      documented: spec.documented,
      source: spec.source,
      seen: finding.seen,
      ok: finding.ok,
      advice: finding.advice ?? null,
    });
  }

  has(id: RowId): boolean {
    return this.found.has(id);
  }

  row(id: RowId): CheckRow | undefined {
    return this.found.get(id);
  }

  /** Runs one probe; anything it did not expect becomes that row's "does not hold", with the reason. */
  async probe(id: RowId, run: () => Promise<Finding>): Promise<void> {
    try {
      this.record(id, await run());
    } catch (err) {
      this.record(id, failure(err));
    }
  }
}

/** A row that could not be checked, and why. */
export function notChecked(why: Localized): Finding {
  return { seen: l(`не е проверено: ${why.bg}`, `not checked: ${why.en}`), ok: null };
}

/** A probe that failed: the store's refusal or the client's clear error, as the row's reason. */
export function failure(err: unknown): Finding {
  const status = (err as { status?: unknown } | null)?.status;
  const code = typeof status === 'number' ? ` (HTTP ${status})` : '';
  if (err instanceof AppError) return { seen: l(`грешка${code}`, `error${code}`), ok: false, advice: err.text };
  // Not one of the client's own errors: say what kind, never dump it (it could carry a URL with a key).
  const name = err instanceof Error ? err.name : typeof err;
  return {
    seen: l(`неочаквана грешка (${name})`, `unexpected error (${name})`),
    ok: false,
    advice: l(
      'Опитайте отново; ако се повтаря, изпратете доклада на поддръжката.',
      'Try again; if it repeats, send the report to support.',
    ),
  };
}

/** The HTTP status an error carries (the client's `clientError`), if any. */
export function statusOf(err: unknown): number | null {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}
