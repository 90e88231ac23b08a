/**
 * The one error type the UI handles. Both transports reject with something shaped like
 * `IpcError` (`code`, `message`, optional `fields`); anything else (a network failure, a bug)
 * becomes `unavailable` or `internal` with an empty message, and the UI supplies its own text.
 */
import { ERROR_CODES, type ErrorCode, type IpcError } from '../../../shared/ipc/errors';

export class ApiError extends Error implements IpcError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const knownCodes = new Set<string>(ERROR_CODES);

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (typeof err === 'object' && err !== null) {
    const { code, message, fields } = err as Partial<IpcError>;
    if (typeof code === 'string' && knownCodes.has(code)) {
      return new ApiError(
        code as ErrorCode,
        typeof message === 'string' ? message : '',
        fields && typeof fields === 'object' ? fields : undefined,
      );
    }
  }
  // A fetch that never reached the host throws a TypeError: the host is gone or restarting.
  if (err instanceof TypeError) return new ApiError('unavailable', '');
  // Electron's contextBridge copies a thrown Error's message but drops custom properties such as
  // `code`: keep the (already localised, already sanitised) message.
  return new ApiError('internal', err instanceof Error ? err.message : '');
}
