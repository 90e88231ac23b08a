/**
 * One handler per invoke channel of the contract. The request arrives already validated; the
 * compiler insists that every channel has a handler and that each returns the contract's type.
 */
import type { InvokeChannel } from '../../../shared/ipc/channels';
import type { ParsedRequest, Response } from '../../../shared/ipc/contract';
import type { Localized } from '../../../shared/i18n/localized';
import { pick } from '../../../shared/i18n/localized';
import type { DatabaseConnection } from '../../../shared/types/server-profile';
import { AppError } from '../errors';
import { passwordMoved, storeKeyMoved } from '../secrets/secret-scope';
import type { Engine } from '../engine';
import { checkAndSave } from '../store-check/run-check';
import { buildSupportFile } from '../support/support-file';
import { proposedProductId } from '../sync/tasks/possible-matches';
import { unsupportedStatus, type UpdatesHost } from '../updates-host';

/**
 * The secret to test with: the one typed in the request, else the saved one of the server, but
 * only while the address is the one it was saved for (`secrets/secret-scope.ts`). `moved` says
 * why the saved one was not used.
 */
function secretFor(
  engine: Engine,
  serverId: string | undefined,
  typed: string | undefined,
  target: { name: 'apiKey'; domain: string } | { name: 'dbPassword'; connection: DatabaseConnection },
): { secret: string | null; moved: Localized | null } {
  if (typed) return { secret: typed, moved: null };
  if (!serverId) return { secret: null, moved: null };
  const saved = engine.servers.get(serverId);
  const moved =
    target.name === 'apiKey' ? storeKeyMoved(saved, target.domain) : passwordMoved(saved, target.connection);
  if (moved) return { secret: null, moved: engine.servers.readSecret(serverId, target.name) ? moved : null };
  return { secret: engine.servers.readSecret(serverId, target.name), moved: null };
}

/** The shell's updater, or the answer that this copy (serve mode) does not update itself. */
function updatesHost(engine: Engine): UpdatesHost {
  const host = engine.options.updates;
  if (host) return host;
  throw new AppError('unavailable', {
    bg: 'Тук програмата не се обновява сама: обновява се настолната програма. Инсталирайте новата версия на този компютър.',
    en: 'This copy does not update itself: the desktop app does. Install the new version on this computer.',
  });
}

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
  'servers:status': (engine) => engine.sync.statuses(),
  'sync:start': (engine, { serverId }) => engine.sync.start(serverId),
  'sync:stop': (engine, { serverId }) => engine.sync.stop(serverId),
  'sync:run': (engine, { serverId, task, dryRun, fullCompare, planRunId, ordersFrom }) =>
    engine.sync.run(serverId, task, dryRun, fullCompare, planRunId, ordersFrom),
  'sync:cancel': (engine, { runId }) => ({ cancelled: engine.sync.cancel(runId) }),
  'runs:list': (engine, { serverId, limit }) => engine.sync.state.listRuns(serverId ?? null, limit),
  'runs:items': (engine, { runId, limit }) => {
    const run = engine.sync.state.getRun(runId);
    if (!run) {
      throw new AppError('not_found', { bg: 'Изпълнението не е намерено.', en: 'Run not found.' });
    }
    return { run, items: engine.sync.state.runItems(runId, limit) };
  },
  'runs:log': (engine, { serverId }) => {
    engine.servers.get(serverId);
    return engine.sync.recentLog(serverId);
  },
  'attention:list': (engine, { serverId }) => {
    engine.servers.get(serverId);
    return engine.sync.state.attention(serverId);
  },
  'attention:decide': (engine, { serverId, kind, ref, decision }) => {
    engine.servers.get(serverId);
    const state = engine.sync.state;
    const item = state.attention(serverId).find((a) => a.kind === kind && a.ref === ref);
    const productId = item ? proposedProductId(item.detail) : null;
    if (!item || (decision === 'link' && !productId)) {
      throw new AppError('not_found', {
        bg: 'Този възможен съвпадащ продукт вече не чака решение. Обновете списъка.',
        en: 'This possible match is no longer waiting for a decision. Refresh the list.',
      });
    }
    state.saveMatchDecision(
      serverId,
      ref,
      decision === 'link' ? { decision: 'link', productId: productId! } : { decision: 'create' },
    );
    state.resolve(serverId, kind, ref);
    return { resolved: true };
  },
  'audit:exportCsv': (engine, { serverId }) => engine.sync.auditCsv(serverId ?? null),
  'orders:reconcile': (engine, { serverId, from, to }) => engine.sync.reconcile(serverId, from, to),
  'orders:recover': (engine, { serverId, orderId }) => engine.sync.recoverOrder(serverId, orderId),
  'store:test': async (engine, { serverId, domain, apiKey }) => {
    const { secret, moved } = secretFor(engine, serverId, apiKey, { name: 'apiKey', domain });
    if (!secret) {
      return {
        ok: false,
        message: moved
          ? pick(moved, engine.locale)
          : engine.locale === 'bg'
            ? 'Въведете ключа на API.'
            : 'Enter the API key.',
        storeName: null,
        rateLimit: null,
      };
    }
    return engine.probes.testStore(domain, secret, engine.locale);
  },
  'store:check': async (engine, { serverId, domain, apiKey, writeTest, facts }) => {
    const { secret, moved } = secretFor(engine, serverId, apiKey, { name: 'apiKey', domain });
    if (!secret) {
      throw new AppError(
        moved ? 'conflict' : 'invalid_payload',
        moved ?? { bg: 'Въведете ключа на API.', en: 'Enter the API key.' },
        { 'secrets.apiKey': moved ? 'retype' : 'required' },
      );
    }
    // The report carries the server's name while the address is the one it was saved for.
    const saved = serverId ? engine.servers.get(serverId) : null;
    const server = saved && !storeKeyMoved(saved, domain) ? { id: saved.id, name: saved.name } : null;
    return checkAndSave(engine.options.dataDir, { domain, apiKey: secret, facts, writeTest }, server);
  },
  'database:test': async (engine, { serverId, connection, password, orderTarget }) => {
    // Moved: tested without any password (a database may need none), never with the saved one.
    const { secret, moved } = secretFor(engine, serverId, password, { name: 'dbPassword', connection });
    const check = await engine.probes.testDatabase(connection, secret, engine.locale, orderTarget);
    if (!moved || check.ok) return check;
    return { ...check, message: `${pick(moved, engine.locale)} ${check.message}` };
  },
  'database:reference': async (engine, { serverId, connection, password }) => {
    const { secret, moved } = secretFor(engine, serverId, password, { name: 'dbPassword', connection });
    try {
      return await engine.probes.reference(connection, secret);
    } catch (err) {
      if (!moved) throw err;
      throw new AppError('conflict', moved, { 'secrets.dbPassword': 'retype' });
    }
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
};
