/** IPC handlers: The saved servers (profiles): list, read, save, rename, delete, duplicate. */
import type { DomainHandlers } from './domain';

export const serverHandlers = {
  'servers:list': (engine) => engine.servers.list(),
  'servers:get': (engine, { id }) => engine.servers.get(id),
  'servers:save': (engine, input) => {
    const saved = engine.servers.save(input);
    engine.emit('servers:changedEvent', { ids: [saved.id] });
    return saved;
  },
  'servers:rename': (engine, { id, name }) => {
    const saved = engine.servers.rename(id, name);
    engine.emit('servers:changedEvent', { ids: [id] });
    return saved;
  },
  'servers:delete': (engine, { id }) => {
    const deleted = engine.servers.delete(id);
    if (deleted) engine.emit('servers:changedEvent', { ids: [id] });
    return { deleted };
  },
  'servers:duplicate': (engine, { id, name }) => {
    const source = engine.servers.get(id);
    const saved = engine.servers.save({
      name,
      type: source.type,
      store: source.store,
      database: source.database,
      settings: source.settings,
      secrets: {
        apiKey: engine.servers.readSecret(id, 'apiKey'),
        dbPassword: engine.servers.readSecret(id, 'dbPassword'),
      },
    });
    engine.emit('servers:changedEvent', { ids: [saved.id] });
    return saved;
  },
} satisfies DomainHandlers;
