/**
 * The renderer's single entry to the engine. In the Electron window the preload provides
 * `window.api`; in a browser (serve mode) the same `Api` is built over HTTP and a WebSocket.
 * Every method rejects with an `ApiError`.
 */
import type { Api } from '../../../shared/ipc/contract';
import { toApiError } from './api-error';
import { createHttpApi } from './http-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in serve mode. */
    api?: Api;
  }
}

/** Wraps the preload's methods so their errors, too, arrive as `ApiError`. */
function normaliseErrors(raw: Api): Api {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(raw)) {
    if (typeof fn !== 'function') continue;
    wrapped[name] =
      name === 'on'
        ? fn.bind(raw)
        : async (request: unknown) => {
            try {
              return await (fn as (r: unknown) => Promise<unknown>).call(raw, request);
            } catch (err) {
              throw toApiError(err);
            }
          };
  }
  return wrapped as Api;
}

export const api: Api = window.api ? normaliseErrors(window.api) : createHttpApi();
export { ApiError, toApiError } from './api-error';
