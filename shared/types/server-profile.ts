/**
 * The server profile: one saved configuration of type "Warehouse Pro Import Export CloudCart".
 * Pure zod schemas, shared by the engine (validation at the boundary) and the renderer (forms).
 * Secrets (API key, database password) are write-only: they appear in the input, never in the view.
 * Every object a profile is read with is strict: an unknown or misspelt field is an error that
 * names it (`strict-fields.ts`), never a silently applied default.
 */
import { z } from 'zod';

export const SERVER_TYPE = 'wp-import-export-cloudcart' as const;

export const DatabaseKindSchema = z.enum(['mysql', 'mssql', 'access', 'sqlite']);
export type DatabaseKind = z.infer<typeof DatabaseKindSchema>;

/** A store's primary domain, e.g. "shop.example.bg" (no scheme, no path). */
const domainPattern =
  /^(?=.{1,253}$)(localhost|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)(:\d{1,5})?$/i;

export const StoreSchema = z.strictObject({
  /** API Identifier: the store's primary domain. `http://host:port` is allowed for the sandbox. */
  domain: z
    .string()
    .trim()
    .transform((s) => s.replace(/\/+$/, ''))
    .refine((s) => s === '' || domainPattern.test(s.replace(/^https?:\/\//, '')), {
      message: 'invalid_domain',
    }),
});

export const DatabaseConnectionSchema = z
  .strictObject({
    kind: DatabaseKindSchema,
    host: z.string().trim().max(255).default(''),
    port: z.number().int().min(0).max(65535).nullable().default(null),
    database: z.string().trim().max(128).default(''),
    user: z.string().trim().max(128).default(''),
    /** SQL Server named instance, e.g. "SQLEXPRESS". */
    instance: z.string().trim().max(128).default(''),
    /** Access .mdb/.accdb path, or the SQLite file of the embedded demo. */
    filePath: z.string().trim().max(1024).default(''),
  })
  .superRefine((db, ctx) => {
    const need = (field: 'host' | 'database' | 'filePath') => {
      if (!db[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
    };
    if (db.kind === 'mysql' || db.kind === 'mssql') {
      need('host');
      need('database');
    } else {
      need('filePath');
    }
  });
export type DatabaseConnection = z.infer<typeof DatabaseConnectionSchema>;

export const StartModeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('on-start') }),
  z.strictObject({ kind: z.literal('daily'), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time') }),
  z.strictObject({
    kind: z.literal('interval'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
]);
export type StartMode = z.infer<typeof StartModeSchema>;

export const CurrencySchema = z.enum(['BGN', 'EUR']);

/**
 * The store's negative statuses: the order is not (or no longer) a sale (cloudcart-api.md "Status
 * codes", from wiki/entities/order-status/order-status-entity-canonical-values.md).
 */
export const NEGATIVE_ORDER_STATUSES = [
  'voided',
  'timeouted',
  'cancelled',
  'failed',
  'refunded',
  'chargebacked',
  'disputed',
] as const;
/** The store's statuses (order-entity-lifecycle.md), positive flow first. */
export const ORDER_STATUSES = ['authorized', 'pending', 'paid', 'completed', ...NEGATIVE_ORDER_STATUSES] as const;
/** Imported by default: payment authorised, paid, completed; "awaiting payment" only on cash on delivery. */
export const DEFAULT_IMPORT_STATUSES = ['authorized', 'paid', 'completed'] as const;

/** Task settings of the seed's server type (S4-S18); defaults follow the seed. */
export const SyncSettingsSchema = z.strictObject({
  compareBy: z.enum(['barcode', 'sku']).default('barcode'),
  operationsObjectId: z.number().int().positive().nullable().default(null),
  documentType: z.literal('order').default('order'),
  operatorId: z.number().int().positive().nullable().default(null),
  partner: z
    .discriminatedUnion('mode', [
      z.strictObject({
        mode: z.literal('by-email'),
        /** The partner group (partnersgroups.ID) new customers go into; 1, the default group, when unset. */
        groupId: z.number().int().positive().optional(),
      }),
      z.strictObject({ mode: z.literal('fixed'), partnerId: z.number().int().positive() }),
    ])
    .default({ mode: 'by-email' }),
  importTask: z
    .strictObject({
      enabled: z.boolean().default(true),
      startMode: StartModeSchema.default({ kind: 'on-start' }),
      /** Poll interval after the first run when the start mode is "on start". */
      pollMinutes: z.number().int().min(1).max(240).default(5),
      downloadGoods: z.boolean().default(false),
      /**
       * Follow imported orders while they are open in the store (issue 15): a cancelled, refunded or
       * voided order's document is annulled, changed lines update it, fulfilment ends its reservation.
       */
      followOrders: z.boolean().default(true),
    })
    .default({
      enabled: true,
      startMode: { kind: 'on-start' },
      pollMinutes: 5,
      downloadGoods: false,
      followOrders: true,
    }),
  exportTask: z
    .strictObject({
      enabled: z.boolean().default(true),
      startMode: StartModeSchema.default({ kind: 'interval', minutes: 15 }),
      exportGoods: z.boolean().default(true),
      exportQuantities: z.boolean().default(true),
      goodsGroups: z.array(z.string().max(255)).default([]),
      objectGroups: z.array(z.string().max(255)).default([]),
      priceColumn: z.number().int().min(1).max(10).default(2),
      quantityBuffer: z.number().min(0).max(1_000_000).default(0),
      /**
       * Which of Warehouse Pro's own client orders (OperType 19 not imported by us) reserve stock:
       * all, those dated within `days`, or none (issue 15 point 8). Our imported orders reserve
       * while they are open in the store, whatever this says.
       */
      ownOrders: z
        .strictObject({
          mode: z.enum(['all', 'recent', 'none']).default('recent'),
          days: z.number().int().min(1).max(3650).default(30),
        })
        .default({ mode: 'recent', days: 30 }),
    })
    .default({
      enabled: true,
      startMode: { kind: 'interval', minutes: 15 },
      exportGoods: true,
      exportQuantities: true,
      goodsGroups: [],
      objectGroups: [],
      priceColumn: 2,
      quantityBuffer: 0,
      ownOrders: { mode: 'recent', days: 30 },
    }),
  publish: z
    .strictObject({
      active: z.boolean().default(true),
      featured: z.boolean().default(false),
      isNew: z.boolean().default(false),
      weightSource: z.enum(['none', 'catalog-kg', 'measure-kg']).default('none'),
      weightCatalogField: z.number().int().min(1).max(3).default(3),
      trackQuantity: z.boolean().default(true),
      continueSelling: z.boolean().default(false),
      /** CloudCart's `shipping`: the product needs delivery. CloudCart's POST default is "no" (a service). */
      needsShipping: z.boolean().default(true),
    })
    .default({
      active: true,
      featured: false,
      isNew: false,
      weightSource: 'none',
      weightCatalogField: 3,
      trackQuantity: true,
      continueSelling: false,
      needsShipping: true,
    }),
  /** Which store fields later syncs may overwrite, so a merchant can keep editing texts in CloudCart. */
  overwrite: z
    .strictObject({
      name: z.boolean().default(false),
      description: z.boolean().default(false),
      category: z.boolean().default(false),
      tracking: z.boolean().default(true),
      continueSelling: z.boolean().default(true),
    })
    .default({ name: false, description: false, category: false, tracking: true, continueSelling: true }),
  currency: z
    .strictObject({ database: CurrencySchema.default('EUR'), store: CurrencySchema.default('EUR') })
    .default({ database: 'EUR', store: 'EUR' }),
  /**
   * Facts about the store the API does not always tell: the zone its order times are in
   * (`date_added` carries none) and whether its prices include VAT (an order's own
   * `vat_included`, when the store sends it, wins for that order).
   */
  store: z
    .strictObject({
      timeZone: z.string().trim().refine(isTimeZone, { message: 'invalid_time_zone' }).default('Europe/Sofia'),
      pricesIncludeVat: z.boolean().default(true),
    })
    .default({ timeZone: 'Europe/Sofia', pricesIncludeVat: true }),
  /**
   * Which store orders become Warehouse Pro documents, and from when (docs/sync-engine.md, from
   * cloudcart/platform-wiki wiki/entities/order/order-entity-lifecycle.md):
   * - `statuses`: the store statuses (codes) imported; by default the positive flow without
   *   "awaiting payment" (`pending`); drafts never; a custom status's code can be added;
   * - `cashOnDelivery`: a `pending` order paid on delivery (payment provider `cod`) is a sale now;
   * - `from`: "import orders from" a day (store time), chosen by the user; without it, the orders
   *   placed after `importOnSince`;
   * - `importOnSince`: when this server was saved with its import switched on (set by the engine).
   */
  orders: z
    .strictObject({
      statuses: z
        .array(z.string().trim().min(1).max(64))
        .max(50)
        .default([...DEFAULT_IMPORT_STATUSES]),
      cashOnDelivery: z.boolean().default(true),
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
        .nullable()
        .default(null),
      importOnSince: z.string().nullable().default(null),
    })
    .default({ statuses: [...DEFAULT_IMPORT_STATUSES], cashOnDelivery: true, from: null, importOnSince: null }),
  /**
   * "Longest run": a run still going after this many minutes is stopped and counted as failed, so
   * a store or database that stops answering cannot hold the lease for ever; the next run resumes.
   * Two hours fit a first export of 10,000 goods at a 300-a-minute plan (about an hour).
   */
  runDeadlineMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
});

/** An IANA zone name the platform's Intl knows ("Europe/Sofia"). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
export type SyncSettings = z.infer<typeof SyncSettingsSchema>;

/** A secret in a save request: a new value, `null` to clear it, or absent to keep what is stored. */
const SecretInputSchema = z.string().max(4096).nullable().optional();

export const ServerProfileInputSchema = z.strictObject({
  id: z.string().uuid().optional(),
  name: z.string().trim().min(1, 'required').max(80),
  type: z.literal(SERVER_TYPE).default(SERVER_TYPE),
  store: StoreSchema,
  database: DatabaseConnectionSchema,
  settings: SyncSettingsSchema.default(SyncSettingsSchema.parse({})),
  secrets: z.strictObject({ apiKey: SecretInputSchema, dbPassword: SecretInputSchema }).default({}),
});
export type ServerProfileInput = z.input<typeof ServerProfileInputSchema>;
export type ServerProfileParsed = z.output<typeof ServerProfileInputSchema>;

export const SecretStateSchema = z.enum(['set', 'unset']);

/** What the renderer sees: never a secret, only whether one is set. */
export const ServerProfileViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.literal(SERVER_TYPE),
  store: z.object({ domain: z.string() }),
  database: z.object({
    kind: DatabaseKindSchema,
    host: z.string(),
    port: z.number().nullable(),
    database: z.string(),
    user: z.string(),
    instance: z.string(),
    filePath: z.string(),
  }),
  settings: SyncSettingsSchema,
  secrets: z.object({ apiKey: SecretStateSchema, dbPassword: SecretStateSchema }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServerProfileView = z.infer<typeof ServerProfileViewSchema>;

export const SECRET_NAMES = ['apiKey', 'dbPassword'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
