/** IPC handlers: The program itself: what it is, its settings, the demo. */
import { AppError } from '../../errors';
import type { DomainHandlers } from './domain';

export const appHandlers = {
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
  'demo:start': async (engine) => {
    if (!engine.options.startDemo) {
      throw new AppError('unavailable', {
        bg: 'Демото не е налично в тази версия. Създайте нов сървър.',
        en: 'The demo is not available in this build. Create a new server.',
      });
    }
    return engine.options.startDemo(engine);
  },
} satisfies DomainHandlers;
