/**
 * "Run now" from anywhere in the UI: starts the run and, when asked, shows the server's run view;
 * a refusal (the task already runs, the server is gone) goes to the snackbar.
 */
import type { Request } from '../../../shared/ipc/contract';
import { api, toApiError } from '../api';
import { useNavStore } from './nav-store';
import { useNoticeStore } from './notice-store';

export async function startRun(request: Request<'sync:run'>, showActivity = true): Promise<void> {
  try {
    await api.syncRun(request);
    if (showActivity) useNavStore.getState().openServer(request.serverId, 'activity');
  } catch (err) {
    useNoticeStore.getState().showError(toApiError(err));
  }
}
