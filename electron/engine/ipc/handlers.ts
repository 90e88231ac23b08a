/**
 * One handler per invoke channel of the contract, grouped per domain in `handlers/` (the app,
 * the servers, runs and their results, connection tests, updates, the mapping view). The request arrives already
 * validated; the compiler insists that every channel has a handler and that each returns the
 * contract's type.
 */
import type { InvokeChannel } from '../../../shared/ipc/channels';
import { appHandlers } from './handlers/app-handlers';
import { connectionHandlers } from './handlers/connection-handlers';
import type { Handler } from './handlers/domain';
import { mappingHandlers } from './handlers/mapping-handlers';
import { serverHandlers } from './handlers/server-handlers';
import { syncHandlers } from './handlers/sync-handlers';
import { updateHandlers } from './handlers/update-handlers';

export type Handlers = { [C in InvokeChannel]: Handler<C> };

export const handlers: Handlers = {
  ...appHandlers,
  ...serverHandlers,
  ...syncHandlers,
  ...connectionHandlers,
  ...updateHandlers,
  ...mappingHandlers,
};
