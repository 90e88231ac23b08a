/** Reconciliation (B4): store orders against Warehouse Pro documents, as the UI and the CLI see it. */
import { z } from 'zod';
import { RunStateSchema } from './sync';

/**
 * - imported: one document with the order's stamp, totals agree;
 * - missing: a sale in the store with no document (the one class "recover" acts on);
 * - doubled: two or more documents carry the order's stamp;
 * - totals_differ: one document, but its total is not what the import writes for the order;
 * - cancelled_open: cancelled (or refunded, voided ...) in the store, its document still there;
 * - cancelled: cancelled in the store and no document: nothing to do;
 * - not_imported: no document, and the server's settings do not import orders in its status
 *   (e.g. awaiting payment): nothing to do until the status changes.
 */
export const ReconcileClassSchema = z.enum([
  'imported',
  'missing',
  'doubled',
  'totals_differ',
  'cancelled_open',
  'cancelled',
  'not_imported',
]);
export type ReconcileClass = z.infer<typeof ReconcileClassSchema>;
export const RECONCILE_CLASSES = ReconcileClassSchema.options;

export const ReconcileDocumentSchema = z.object({
  acct: z.number(),
  objectId: z.number(),
  date: z.string(),
  note: z.string(),
  /** On the basis the order is compared on (with or without VAT), in the database's currency. */
  total: z.number(),
});
export type ReconcileDocument = z.infer<typeof ReconcileDocumentSchema>;

export const ReconcileRowSchema = z.object({
  orderId: z.string(),
  /** `date_added`: the store's wall clock. */
  placedAt: z.string(),
  status: z.string(),
  customer: z.string(),
  class: ReconcileClassSchema,
  documents: z.array(ReconcileDocumentSchema),
  /** What the import writes for the order's lines, converted to the database's currency. */
  storeTotal: z.number(),
  /** The order's own line total before conversion, in its currency. */
  storeAmount: z.number(),
  storeCurrency: z.string(),
  /** The first document's total (same basis and currency as storeTotal), or null without one. */
  documentTotal: z.number().nullable(),
  /** Whether the totals compare with VAT (the order's prices carry it) or without. */
  basis: z.enum(['with_vat', 'without_vat']),
  /** How the store's total became the database's: the conversion the import uses. */
  conversion: z.string(),
  /** Why the import holds this order back ("needs attention"), if it does. */
  attention: z.string().nullable(),
});
export type ReconcileRow = z.infer<typeof ReconcileRowSchema>;

export const ReconcileReportSchema = z.object({
  serverId: z.string(),
  from: z.string(),
  to: z.string(),
  readAt: z.string(),
  databaseCurrency: z.string(),
  /** Requests sent to the store for this view. */
  requests: z.number(),
  counts: z.record(ReconcileClassSchema, z.number()),
  rows: z.array(ReconcileRowSchema),
  /** The same rows as CSV (formula cells defused), for "Download CSV". */
  csv: z.object({ filename: z.string(), csv: z.string() }),
});
export type ReconcileReport = z.infer<typeof ReconcileReportSchema>;

export const RecoverResultSchema = z.object({
  runId: z.string(),
  state: RunStateSchema,
  /** True when this run wrote the document; false when it was there already (the stamp was found). */
  created: z.boolean().nullable(),
  acct: z.number().nullable(),
  /** What the run said about the order (written, found, held back and why), in both languages. */
  message: z.string().nullable(),
});
export type RecoverResult = z.infer<typeof RecoverResultSchema>;

/** A store calendar day, YYYY-MM-DD. */
export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date');
