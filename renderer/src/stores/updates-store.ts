/**
 * The updater's state as the shell reports it (`updates:status`, kept current by
 * `updates:stateEvent`), and the user's actions on it. In serve mode the engine answers
 * `supported: false` and the UI only shows the version.
 */
import { create } from 'zustand';
import type { UpdateSettingsPatch, UpdateStatus } from '../../../shared/types/updates';
import { api, toApiError } from '../api';
import { useNoticeStore } from './notice-store';

interface UpdatesState {
  status: UpdateStatus | null;
  load(): Promise<void>;
  configure(patch: UpdateSettingsPatch): Promise<boolean>;
  check(): Promise<void>;
  restart(): Promise<void>;
}

async function act(run: () => Promise<UpdateStatus>): Promise<boolean> {
  try {
    useUpdatesStore.setState({ status: await run() });
    return true;
  } catch (err) {
    useNoticeStore.getState().showError(toApiError(err));
    return false;
  }
}

export const useUpdatesStore = create<UpdatesState>(() => ({
  status: null,
  async load() {
    try {
      useUpdatesStore.setState({ status: await api.updatesStatus({}) });
    } catch {
      // An older engine without the channel: the dialog shows no update section.
    }
  },
  configure: (patch) => act(() => api.updatesConfigure(patch)),
  check: async () => void (await act(() => api.updatesCheck({}))),
  restart: async () => void (await act(() => api.updatesRestart({}))),
}));

export function connectUpdateEvents(): () => void {
  return api.on('updates:stateEvent', (status) => useUpdatesStore.setState({ status }));
}
