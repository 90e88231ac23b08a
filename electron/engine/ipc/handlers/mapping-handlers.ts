/** The handlers of the mapping view's channels (B9): thin calls into the engine's mapping service. */
import type { DomainHandlers } from './domain';

export const mappingHandlers = {
  'mapping:view': (engine, { serverId, readStore }) => engine.mapping.view(serverId, readStore),
  'mapping:link': (engine, { serverId, goodId, variantId }) => engine.mapping.link(serverId, goodId, variantId),
  'mapping:unlink': (engine, { serverId, goodId }) => engine.mapping.unlink(serverId, goodId),
  'mapping:release': (engine, { serverId, goodId }) => engine.mapping.release(serverId, goodId),
  'mapping:exportCsv': (engine, { serverId }) => engine.mapping.exportCsv(serverId),
  'mapping:importPlan': (engine, { serverId, csv }) => engine.mapping.planImport(serverId, csv),
  'mapping:importApply': (engine, { serverId, csv, digest }) => engine.mapping.applyImport(serverId, csv, digest),
} satisfies DomainHandlers;
