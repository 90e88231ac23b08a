/**
 * Errors that cross a process boundary: always plain `{ code, message }` (plus optional field
 * issues), never a raw driver error, which can carry connection strings or keys.
 */
export interface IpcError {
  code: ErrorCode;
  message: string;
  /** Field-level problems of an invalid payload, as `path -> message code`. */
  fields?: Record<string, string>;
  /** An unexpected (`internal`) error's id, which the log line with its stack carries too. */
  id?: string;
}

export const ERROR_CODES = [
  'invalid_payload',
  'unknown_channel',
  'not_found',
  'conflict',
  'unauthorized',
  'forbidden',
  'internal',
  'unavailable',
  'store_error',
  'database_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The result envelope both transports carry, so a thrown error never crosses as a crash. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}
