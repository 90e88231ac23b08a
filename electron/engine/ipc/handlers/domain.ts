/** The shape every domain's handlers share: some channels of the contract, each with its own types. */
import type { InvokeChannel } from '../../../../shared/ipc/channels';
import type { ParsedRequest, Response } from '../../../../shared/ipc/contract';
import type { Engine } from '../../engine';

export type Handler<C extends InvokeChannel> = (
  engine: Engine,
  request: ParsedRequest<C>,
) => Promise<Response<C>> | Response<C>;

export type DomainHandlers = { [C in InvokeChannel]?: Handler<C> };
