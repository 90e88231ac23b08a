/**
 * Channel names only, without schemas: the preload imports this file, so it stays tiny.
 * Invoke channels are `domain:verb`; event channels are pushed from the engine to the UI.
 * `contract.ts` checks at compile time that these lists and the schemas agree.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'settings:get',
  'settings:set',
  'servers:list',
  'servers:get',
  'servers:save',
  'servers:rename',
  'servers:delete',
  'servers:duplicate',
  'servers:status',
  'sync:start',
  'sync:stop',
  'sync:run',
  'sync:cancel',
  'runs:list',
  'runs:items',
  'runs:log',
  'attention:list',
  'attention:decide',
  'audit:exportCsv',
  'mapping:view',
  'mapping:link',
  'mapping:unlink',
  'mapping:release',
  'mapping:exportCsv',
  'mapping:importPlan',
  'mapping:importApply',
  'orders:reconcile',
  'orders:recover',
  'store:test',
  'store:check',
  'database:test',
  'database:reference',
  'demo:start',
  'updates:status',
  'updates:configure',
  'updates:check',
  'updates:restart',
  'support:saveFile',
] as const;

export const EVENT_CHANNELS = [
  'servers:changedEvent',
  'settings:changedEvent',
  'servers:stateEvent',
  'sync:progressEvent',
  'sync:logEvent',
  'sync:finishedEvent',
  'app:navigateEvent',
  'updates:stateEvent',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** `servers:list` -> `serversList`: the method name on `window.api`. */
export type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never;

export function methodName<C extends string>(channel: C): MethodName<C> {
  const [domain, verb] = channel.split(':');
  return `${domain}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}
