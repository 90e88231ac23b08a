/**
 * Serve mode's transport: the same `Api` as Electron's preload, over HTTP (`POST /api/<channel>`)
 * and a WebSocket (`/events`). The page was opened with `?token=`; the host traded it for an
 * HttpOnly cookie, so requests only need `credentials: 'same-origin'`.
 */
import { INVOKE_CHANNELS, methodName, type InvokeChannel } from '../../../shared/ipc/channels';
import type { Api } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/errors';
import { ApiError, toApiError } from './api-error';
import { EventSocket } from './event-socket';

async function invoke(channel: InvokeChannel, request: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request ?? {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (err) {
    throw toApiError(err);
  }
  let result: IpcResult<unknown>;
  try {
    result = (await response.json()) as IpcResult<unknown>;
  } catch {
    throw new ApiError(response.ok ? 'internal' : 'unavailable', '');
  }
  if (result && result.ok === true) return result.value;
  throw toApiError(result?.error);
}

export function createHttpApi(): Api {
  const events = new EventSocket(eventsUrl, (emit) => {
    // Events may have been missed while the socket was down: have listeners reload.
    emit('servers:changedEvent', { ids: [] });
    invoke('settings:get', {}).then(
      (settings) => emit('settings:changedEvent', settings),
      () => undefined,
    );
  });
  const api: Record<string, unknown> = {
    on: events.on.bind(events),
  };
  for (const channel of INVOKE_CHANNELS) {
    api[methodName(channel)] = (request: unknown) => invoke(channel, request);
  }
  return api as Api;
}

function eventsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/events`;
}
