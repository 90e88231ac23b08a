/**
 * One handler per invoke channel of the contract. The request arrives already validated; the
 * compiler insists that every channel has a handler and that each returns the contract's type.
 */
import type { InvokeChannel } from '../../../shared/ipc/channels';
import type { ParsedRequest, Response } from '../../../shared/ipc/contract';
import type { Engine } from '../engine';

export type Handlers = {
  [C in InvokeChannel]: (engine: Engine, request: ParsedRequest<C>) => Promise<Response<C>> | Response<C>;
};

export const handlers: Handlers = {
  'app:info': (engine) => ({
    name: 'Sklad Sync',
    version: engine.options.version,
    host: engine.options.host,
    dataDir: engine.options.dataDir,
  }),
  'settings:get': (engine) => engine.settings.get(),
  'settings:set': (engine, patch) => {
    const settings = engine.settings.set(patch);
    engine.emit('settings:changedEvent', settings);
    return settings;
  },
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
};
