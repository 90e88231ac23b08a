/**
 * AppError: an expected failure with a code and a message in both languages. Anything else that
 * escapes a handler is reported as `internal` with a generic message, so raw driver errors (which
 * may include connection strings) never reach the UI.
 */
import type { ErrorCode, IpcError } from '../../shared/ipc/errors';
import type { Localized } from '../../shared/i18n/localized';
import { pick } from '../../shared/i18n/localized';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Localized,
    readonly fields?: Record<string, string>,
  ) {
    super(text.en);
    this.name = 'AppError';
  }

  toIpc(locale: 'bg' | 'en'): IpcError {
    return { code: this.code, message: pick(this.text, locale), ...(this.fields ? { fields: this.fields } : {}) };
  }
}

export const INTERNAL_ERROR: Localized = {
  bg: 'Вътрешна грешка в програмата. Опитайте отново; ако се повтаря, изпратете дневника на поддръжката.',
  en: 'Internal error in the program. Try again; if it repeats, send the log to support.',
};

export function toIpcError(err: unknown, locale: 'bg' | 'en'): IpcError {
  if (err instanceof AppError) return err.toIpc(locale);
  return { code: 'internal', message: pick(INTERNAL_ERROR, locale) };
}
