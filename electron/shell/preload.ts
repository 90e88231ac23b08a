/**
 * The preload: exposes exactly one object, `window.api`, with a method per channel of the contract
 * and `on` for the contract's events. It forwards nothing else: no generic invoke, no ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, methodName, type EventChannel } from '../../shared/ipc/channels';
import type { IpcResult } from '../../shared/ipc/errors';

const events = new Set<string>(EVENT_CHANNELS);
const api: Record<string, unknown> = {};

for (const channel of INVOKE_CHANNELS) {
  api[methodName(channel)] = async (request: unknown) => {
    const result = (await ipcRenderer.invoke(channel, request ?? {})) as IpcResult<unknown>;
    if (result.ok) return result.value;
    // A plain object, not an Error: contextBridge copies only the message of an Error, and the
    // renderer needs `code` and `fields` too.
    throw { ...result.error };
  };
}

api.on = (event: EventChannel, listener: (payload: unknown) => void) => {
  if (!events.has(event)) throw new Error(`unknown event "${event}"`);
  const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => ipcRenderer.removeListener(event, wrapped);
};

contextBridge.exposeInMainWorld('api', api);
