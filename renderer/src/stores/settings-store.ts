/**
 * App settings (for now: the UI language). Read once at start, written through `settings:set`,
 * and kept current by `settings:changedEvent` (another window may change it).
 */
import { create } from 'zustand';
import type { Locale } from '../../../shared/ipc/contract';
import { api, toApiError } from '../api';
import { useNoticeStore } from './notice-store';

interface SettingsState {
  locale: Locale;
  loaded: boolean;
  load(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  locale: 'bg',
  loaded: false,
  async load() {
    try {
      const settings = await api.settingsGet({});
      set({ locale: settings.locale, loaded: true });
    } catch (err) {
      set({ loaded: true });
      useNoticeStore.getState().showError(toApiError(err));
    }
  },
  async setLocale(locale) {
    const previous = get().locale;
    if (locale === previous) return;
    set({ locale }); // switch at once; the engine confirms (and its errors follow the new locale)
    try {
      const saved = await api.settingsSet({ locale });
      set({ locale: saved.locale });
    } catch (err) {
      set({ locale: previous });
      useNoticeStore.getState().showError(toApiError(err));
    }
  },
}));

/** Subscribes the store to the engine's settings events; returns the unsubscribe. */
export function connectSettingsEvents(): () => void {
  return api.on('settings:changedEvent', (settings) => useSettingsStore.setState({ locale: settings.locale }));
}
