/** IPC handlers: Running servers and what their runs left: status, start/stop/run/cancel, runs, log, attention, audit. */
import { AppError } from '../../errors';
import { proposedProductId } from '../../sync/tasks/possible-matches';
import type { DomainHandlers } from './domain';

export const syncHandlers = {
  'servers:status': (engine) => engine.sync.statuses(),
  'sync:start': (engine, { serverId }) => engine.sync.start(serverId),
  'sync:stop': (engine, { serverId }) => engine.sync.stop(serverId),
  'sync:run': (engine, request) => engine.sync.run({ ...request, trigger: 'manual' }),
  'sync:cancel': (engine, { runId }) => ({ cancelled: engine.sync.cancel(runId) }),
  'runs:list': (engine, { serverId, limit }) => engine.sync.listRuns(serverId ?? null, limit),
  'runs:items': (engine, { runId, limit }) => {
    const run = engine.sync.getRun(runId);
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
  'audit:exportCsv': (engine, { serverId }) => engine.sync.auditCsv(serverId ?? null, engine.locale),
  'orders:reconcile': (engine, { serverId, from, to }) => engine.sync.reconcile(serverId, from, to),
  'orders:recover': (engine, { serverId, orderId }) => engine.sync.recoverOrder(serverId, orderId),
} satisfies DomainHandlers;
