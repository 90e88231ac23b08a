/**
 * Registers one ipcMain handler per channel of the contract. Each checks that the call comes from
 * our own renderer frame, then hands the untrusted payload to the shared `dispatch`, which
 * validates it. Engine events go to every window as `webContents.send(channel, payload)`.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import type { IpcResult } from '../../shared/ipc/errors';
import type { Engine } from '../engine/engine';
import { dispatch } from '../engine/ipc/dispatch';
import { isAllowedNavigation } from './window-options';

export function registerIpc(
  ipcMain: IpcMain,
  engine: Engine,
  rendererUrl: string,
  windows: () => BrowserWindow[],
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcResult<unknown>> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAllowedNavigation(frameUrl, rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC from an unknown frame was refused' } };
      }
      return dispatch(engine, channel, payload);
    });
  }
  const unsubscribe = engine.onEvent(({ channel, payload }) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(channel, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
