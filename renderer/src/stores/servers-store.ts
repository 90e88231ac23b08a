/**
 * Server profiles as the engine reports them (never a secret: only "set"/"unset"). The list is
 * reloaded on every `servers:changedEvent`, so this window also follows changes made elsewhere.
 * Mutations return the saved view or throw an `ApiError` for the caller to show at the fields.
 */
import { create } from 'zustand';
import type { ServerProfileInput, ServerProfileView } from '../../../shared/types/server-profile';
import { api, toApiError, type ApiError } from '../api';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ServersState {
  servers: ServerProfileView[];
  status: LoadStatus;
  loadError: ApiError | null;
  load(): Promise<void>;
  save(input: ServerProfileInput): Promise<ServerProfileView>;
  rename(id: string, name: string): Promise<ServerProfileView>;
  remove(id: string): Promise<boolean>;
}

const byName = (a: ServerProfileView, b: ServerProfileView) => a.name.localeCompare(b.name, 'bg');

/** Drops answers of a load that a newer load has overtaken. */
let loadGeneration = 0;

export const useServersStore = create<ServersState>((set, get) => ({
  servers: [],
  status: 'idle',
  loadError: null,
  async load() {
    const generation = ++loadGeneration;
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const servers = await api.serversList({});
      if (generation === loadGeneration) set({ servers: [...servers].sort(byName), status: 'ready', loadError: null });
    } catch (err) {
      if (generation === loadGeneration) set({ status: 'error', loadError: toApiError(err) });
    }
  },
  async save(input) {
    const saved = await call(() => api.serversSave(input));
    upsert(saved);
    return saved;
  },
  async rename(id, name) {
    const saved = await call(() => api.serversRename({ id, name }));
    upsert(saved);
    return saved;
  },
  async remove(id) {
    const { deleted } = await call(() => api.serversDelete({ id }));
    set({ servers: get().servers.filter((s) => s.id !== id) });
    return deleted;
  },
}));

/** Applies a saved profile at once, without waiting for the change event's reload. */
function upsert(saved: ServerProfileView): void {
  const { servers } = useServersStore.getState();
  const others = servers.filter((s) => s.id !== saved.id);
  useServersStore.setState({ servers: [...others, saved].sort(byName) });
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toApiError(err);
  }
}

export function connectServerEvents(): () => void {
  return api.on('servers:changedEvent', () => {
    void useServersStore.getState().load();
  });
}
