/**
 * The one typed IPC contract: for every invoke channel a request and a response schema, for every
 * event channel a payload schema. Both transports (Electron IPC and the serve mode's HTTP/WebSocket)
 * validate against these before the engine or the UI sees a value.
 *
 * To add a channel: add its name to `channels.ts`, its schemas here, its handler in
 * `electron/engine/ipc/handlers.ts`; the compiler points at whatever is missing.
 */
import { z } from 'zod';
import { ServerProfileInputSchema, ServerProfileViewSchema } from '../types/server-profile';
import type { EventChannel, InvokeChannel, MethodName } from './channels';

export const LocaleSchema = z.enum(['bg', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

const Empty = z.object({}).strict();
const ById = z.object({ id: z.string().uuid() }).strict();

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'serve']),
  dataDir: z.string(),
});

export const AppSettingsSchema = z.object({ locale: LocaleSchema });
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const invokeContract = {
  'app:info': { request: Empty, response: AppInfoSchema },
  'settings:get': { request: Empty, response: AppSettingsSchema },
  'settings:set': { request: AppSettingsSchema.partial().strict(), response: AppSettingsSchema },
  'servers:list': { request: Empty, response: z.array(ServerProfileViewSchema) },
  'servers:get': { request: ById, response: ServerProfileViewSchema },
  'servers:save': { request: ServerProfileInputSchema, response: ServerProfileViewSchema },
  'servers:rename': {
    request: z.object({ id: z.string().uuid(), name: z.string().trim().min(1, 'required').max(80) }).strict(),
    response: ServerProfileViewSchema,
  },
  'servers:delete': { request: ById, response: z.object({ deleted: z.boolean() }) },
} as const satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export const eventContract = {
  'servers:changedEvent': z.object({ ids: z.array(z.string()) }),
  'settings:changedEvent': AppSettingsSchema,
} as const satisfies Record<EventChannel, z.ZodType>;

export type Request<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>;
export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>;
export type Response<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

/** `window.api`: one method per invoke channel, plus `on` for the events of the contract. */
export type Api = {
  [C in InvokeChannel as MethodName<C>]: (request: Request<C>) => Promise<Response<C>>;
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

// Compile-time check that channels.ts and this contract list the same names.
type Missing = Exclude<InvokeChannel, keyof typeof invokeContract>;
const _allInvokeChannelsHaveSchemas: Missing extends never ? true : never = true;
void _allInvokeChannelsHaveSchemas;
