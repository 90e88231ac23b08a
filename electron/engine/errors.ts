/**
 * AppError: an expected failure with a code and a message in both languages. Anything else that
 * escapes a handler is a bug or a surprise: the UI gets `internal` with a short id and no detail
 * (a raw driver error may carry a connection string), and the log gets the id with the stack, so
 * support can find the one from the other (`ipc/dispatch.ts`).
 */
import { randomBytes } from 'node:crypto';
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

/** What the user reads for an unexpected error: only the id, which the log line carries too. */
export function internalErrorText(id: string): Localized {
  return {
    bg: `Вътрешна грешка, номер ${id}; подробностите са в дневника.`,
    en: `Internal error, id ${id}; the log has the details.`,
  };
}

/** Eight hex digits: short enough to read out on the phone, enough that two never meet in one log. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** The whole story of an unexpected error for the log: the stack, and each cause's stack under it. */
export function describeUnexpected(err: unknown): string {
  const lines: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (depth > 0) lines.push('caused by:');
    if (current instanceof Error) {
      lines.push(current.stack ?? `${current.name}: ${current.message}`);
      current = (current as { cause?: unknown }).cause;
    } else {
      lines.push(typeof current === 'string' ? current : safeJson(current));
      current = undefined;
    }
  }
  return lines.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function toIpcError(err: unknown, locale: 'bg' | 'en', id: string = newErrorId()): IpcError {
  if (err instanceof AppError) return err.toIpc(locale);
  return { code: 'internal', message: pick(internalErrorText(id), locale), id };
}
