/** Which screen is shown: the servers list, or one server with a tab. No router: two levels are enough. */
import { create } from 'zustand';

export type ServerTab = 'activity' | 'plan' | 'history' | 'attention' | 'mapping' | 'reconcile';

export type Screen = { kind: 'servers' } | { kind: 'server'; serverId: string; tab: ServerTab };

interface NavState {
  screen: Screen;
  openServer(serverId: string, tab?: ServerTab): void;
  setTab(tab: ServerTab): void;
  back(): void;
}

export const useNavStore = create<NavState>((set, get) => ({
  screen: { kind: 'servers' },
  openServer(serverId, tab = 'activity') {
    set({ screen: { kind: 'server', serverId, tab } });
  },
  setTab(tab) {
    const screen = get().screen;
    if (screen.kind === 'server') set({ screen: { ...screen, tab } });
  },
  back() {
    set({ screen: { kind: 'servers' } });
  },
}));
