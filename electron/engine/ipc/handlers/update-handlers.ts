/** IPC handlers: Updates of the desktop program and the support file. */
import { AppError } from '../../errors';
import type { Engine } from '../../engine';
import { buildSupportFile } from '../../support/support-file';
import { unsupportedStatus, type UpdatesHost } from '../../updates-host';
import type { DomainHandlers } from './domain';

/** The shell's updater, or the answer that this copy (serve mode) does not update itself. */
function updatesHost(engine: Engine): UpdatesHost {
  const host = engine.options.updates;
  if (host) return host;
  throw new AppError('unavailable', {
    bg: 'Тук програмата не се обновява сама: обновява се настолната програма. Инсталирайте новата версия на този компютър.',
    en: 'This copy does not update itself: the desktop app does. Install the new version on this computer.',
  });
}

export const updateHandlers = {
  'updates:status': (engine) => engine.options.updates?.status() ?? unsupportedStatus(engine.options.version, 'serve'),
  'updates:configure': (engine, patch) => updatesHost(engine).configure(patch),
  'updates:check': (engine) => updatesHost(engine).check(),
  'updates:restart': (engine) => updatesHost(engine).restart(),
  'support:saveFile': async (engine) => {
    const file = buildSupportFile(engine);
    const save = engine.options.saveFile;
    if (!save) {
      // Serve mode: the browser, maybe on another PC, downloads it and asks where to keep it.
      return {
        delivery: 'download' as const,
        filename: file.filename,
        base64: file.zip.toString('base64'),
        bytes: file.zip.length,
        files: file.files,
      };
    }
    const path = await save(file.filename, file.zip);
    if (path === null) return { delivery: 'cancelled' as const };
    return { delivery: 'saved' as const, path, bytes: file.zip.length, files: file.files };
  },
} satisfies DomainHandlers;
