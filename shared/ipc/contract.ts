/**
 * The one typed IPC contract: for every invoke channel a request and a response schema, for every
 * event channel a payload schema. Both transports (Electron IPC and the serve mode's HTTP/WebSocket)
 * validate against these before the engine or the UI sees a value.
 *
 * To add a channel: add its name to `channels.ts`, its schemas here, its handler in
 * `electron/engine/ipc/handlers.ts`; the compiler points at whatever is missing.
 */
import { z } from 'zod';
import { DatabaseCheckSchema, DatabaseReferenceSchema, StoreCheckSchema } from '../types/reference';
import { DatabaseConnectionSchema, ServerProfileInputSchema, ServerProfileViewSchema } from '../types/server-profile';
import {
  AttentionItemSchema,
  LogLineSchema,
  RunItemSchema,
  RunSummarySchema,
  ServerStatusSchema,
  TaskKindSchema,
} from '../types/sync';
import { MappingImportReportSchema, MappingViewSchema } from '../types/mapping';
import { StoreCompatibilitySchema, StoreFactsSchema } from '../types/store-check';
import { DaySchema, ReconcileReportSchema, RecoverResultSchema } from '../types/reconcile';
import { SupportFileResultSchema } from '../types/support';
import { UpdateSettingsPatchSchema, UpdateStatusSchema } from '../types/updates';
import type { EventChannel, InvokeChannel, MethodName } from './channels';

export const LocaleSchema = z.enum(['bg', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

const Empty = z.object({}).strict();
const ById = z.object({ id: z.string().uuid() }).strict();
const ByServer = z.object({ serverId: z.string().uuid() }).strict();
const ByGood = z.object({ serverId: z.string().uuid(), goodId: z.number().int().positive() }).strict();
const ByRun = z.object({ runId: z.string() });
/** A mapping CSV of 10,000 links is about 1 MB (the serve mode takes bodies up to 4 MiB). */
const MAPPING_CSV_MAX = 3 * 1024 * 1024;
/** A connection being edited: the typed password, or the saved one of `serverId` when absent. */
const DatabaseProbe = z
  .object({
    serverId: z.string().uuid().optional(),
    connection: DatabaseConnectionSchema,
    password: z.string().max(4096).optional(),
    /** The test also checks that the order documents' operations object and operator exist. */
    orderTarget: z
      .object({ objectId: z.number().int().nullable(), operatorId: z.number().int().nullable() })
      .strict()
      .optional(),
  })
  .strict();

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
  /** A copy under a new name, with its secrets copied inside the engine (they never reach the UI). */
  'servers:duplicate': {
    request: z.object({ id: z.string().uuid(), name: z.string().trim().min(1, 'required').max(80) }).strict(),
    response: ServerProfileViewSchema,
  },
  'servers:status': { request: Empty, response: z.array(ServerStatusSchema) },
  'sync:start': { request: ByServer, response: ServerStatusSchema },
  'sync:stop': { request: ByServer, response: ServerStatusSchema },
  'sync:run': {
    request: z
      .object({
        serverId: z.string().uuid(),
        task: TaskKindSchema,
        dryRun: z.boolean().default(false),
        fullCompare: z.boolean().default(false),
        /** "Apply": run for real only if planning again gives exactly this dry run's changes. */
        planRunId: z.string().uuid().optional(),
        /** Task `revert`: the export run to set back (B10). Its "Apply" takes it from the plan. */
        revertOf: z.string().uuid().optional(),
        /** Import only: "fetch orders from this store day" (`YYYY-MM-DD`), not from the watermark. */
        ordersFrom: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .strict(),
    response: z.object({ runId: z.string() }),
  },
  'sync:cancel': {
    request: z.object({ runId: z.string().uuid() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'runs:list': {
    request: z
      .object({ serverId: z.string().uuid().optional(), limit: z.number().int().min(1).max(1000).default(100) })
      .strict(),
    response: z.array(RunSummarySchema),
  },
  'runs:items': {
    request: z.object({ runId: z.string().uuid(), limit: z.number().int().min(1).max(20000).default(5000) }).strict(),
    response: z.object({ run: RunSummarySchema, items: z.array(RunItemSchema) }),
  },
  /** The latest log lines of a server's runs since the program started (at most 500). */
  'runs:log': { request: ByServer, response: z.array(LogLineSchema) },
  'attention:list': { request: ByServer, response: z.array(AttentionItemSchema) },
  /** The user's answer to a possible match: take that store product over, or create a new one. */
  'attention:decide': {
    request: z
      .object({
        serverId: z.string().uuid(),
        kind: z.literal('possible_match'),
        ref: z.string().min(1).max(255),
        decision: z.enum(['link', 'create']),
      })
      .strict(),
    response: z.object({ resolved: z.boolean() }),
  },
  'audit:exportCsv': {
    request: z.object({ serverId: z.string().uuid().optional() }).strict(),
    response: z.object({ filename: z.string(), csv: z.string(), rows: z.number() }),
  },
  /** The mapping view (B9): the links and their problems; `readStore` reads the store's catalog first. */
  'mapping:view': {
    request: z.object({ serverId: z.string().uuid(), readStore: z.boolean().default(false) }).strict(),
    response: MappingViewSchema,
  },
  /** Links a good to a store variant by hand (or moves its link): audited, used by the next export. */
  'mapping:link': {
    request: z
      .object({
        serverId: z.string().uuid(),
        goodId: z.number().int().positive(),
        variantId: z.string().min(1).max(64),
      })
      .strict(),
    response: ByRun,
  },
  /** Unlinks a good and keeps it out of the export until it is linked again or released. */
  'mapping:unlink': { request: ByGood, response: ByRun },
  /** Lets a kept-out good be matched by key (or created) by the next export again. */
  'mapping:release': { request: ByGood, response: ByRun },
  'mapping:exportCsv': {
    request: ByServer,
    response: z.object({ filename: z.string(), csv: z.string(), rows: z.number() }),
  },
  /** The dry-run report of a mapping CSV: nothing changes. */
  'mapping:importPlan': {
    request: z.object({ serverId: z.string().uuid(), csv: z.string().max(MAPPING_CSV_MAX) }).strict(),
    response: MappingImportReportSchema,
  },
  /** Applies a mapping CSV, only if planning it again gives the report the user saw (`digest`). */
  'mapping:importApply': {
    request: z
      .object({ serverId: z.string().uuid(), csv: z.string().max(MAPPING_CSV_MAX), digest: z.string().min(1).max(64) })
      .strict(),
    response: MappingImportReportSchema,
  },
  /**
   * Reconciliation (B4): the store's orders placed on the store's days [from, to] against the
   * Warehouse Pro documents with their stamps; reads only. The CSV of the rows comes along.
   */
  'orders:reconcile': {
    request: z.object({ serverId: z.string().uuid(), from: DaySchema, to: DaySchema }).strict(),
    response: ReconcileReportSchema,
  },
  /** "Recover this order": an import run of that one order, written exactly once (stamp check). */
  'orders:recover': {
    request: z.object({ serverId: z.string().uuid(), orderId: z.string().regex(/^\d{1,18}$/) }).strict(),
    response: RecoverResultSchema,
  },
  'store:test': {
    request: z
      .object({
        serverId: z.string().uuid().optional(),
        domain: z.string().trim().min(1).max(255),
        apiKey: z.string().max(4096).optional(),
      })
      .strict(),
    response: StoreCheckSchema,
  },
  /**
   * "Check compatibility" (B20): the store conformance check, read-only unless `writeTest` (one
   * inactive product made and deleted). The key: typed, or the saved one while the address is
   * the one it was saved for. The report is saved in the data folder for the server's runs.
   */
  'store:check': {
    request: z
      .object({
        serverId: z.string().uuid().optional(),
        domain: z.string().trim().min(1).max(255),
        apiKey: z.string().max(4096).optional(),
        writeTest: z.boolean().default(false),
        /** The editor's settings the answers are compared with (time zone, VAT, currency). */
        facts: StoreFactsSchema.default({ timeZone: 'Europe/Sofia', pricesIncludeVat: true, storeCurrency: 'EUR' }),
      })
      .strict(),
    response: StoreCompatibilitySchema,
  },
  'database:test': { request: DatabaseProbe, response: DatabaseCheckSchema },
  'database:reference': { request: DatabaseProbe, response: DatabaseReferenceSchema },
  /** First start: sets up the embedded demo shop, a sandbox store and a started "Demo" server. */
  'demo:start': { request: Empty, response: z.object({ serverId: z.string() }) },
  /** The desktop app's updater: the version, what was found, "update ready" and its notes. */
  'updates:status': { request: Empty, response: UpdateStatusSchema },
  /** Turn automatic updates on or off, or point them at another feed. */
  'updates:configure': { request: UpdateSettingsPatchSchema, response: UpdateStatusSchema },
  'updates:check': { request: Empty, response: UpdateStatusSchema },
  /** "Restart now": quits (the servers stop after their in-flight batch), installs, starts again. */
  'updates:restart': { request: Empty, response: UpdateStatusSchema },
  /** "Save a support file": a zip of logs, versions, settings, runs and attention, without secrets. */
  'support:saveFile': { request: Empty, response: SupportFileResultSchema },
} as const satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export const eventContract = {
  'servers:changedEvent': z.object({ ids: z.array(z.string()) }),
  'settings:changedEvent': AppSettingsSchema,
  'servers:stateEvent': ServerStatusSchema,
  'sync:progressEvent': RunSummarySchema,
  'sync:logEvent': LogLineSchema,
  'sync:finishedEvent': RunSummarySchema,
  /** The desktop shell points the window at a server's tab (a notification or the tray was clicked). */
  'app:navigateEvent': z.object({
    serverId: z.string(),
    tab: z.enum(['activity', 'plan', 'history', 'attention']),
  }),
  'updates:stateEvent': UpdateStatusSchema,
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
