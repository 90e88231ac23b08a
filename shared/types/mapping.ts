/**
 * The mapping view (B9): every good <-> store variant link of a server, what is wrong with it, and
 * the CSV import's dry-run report. Pure types and schemas shared by the engine and the renderer.
 */
import { z } from 'zod';

/** What can be wrong with a row; one row may have several. `db_` is Warehouse Pro, `store_` CloudCart. */
export const MappingProblemSchema = z.enum([
  'db_duplicate_barcode',
  'db_duplicate_sku',
  'db_empty_barcode',
  'db_empty_sku',
  'store_duplicate_barcode',
  'store_duplicate_sku',
  'store_empty_barcode',
  'store_empty_sku',
  /** Linked, but the compare-by key (barcode or SKU) of the good and of the variant differ now. */
  'keys_differ',
  /** A good of the exported groups linked to no variant. */
  'good_unlinked',
  /** A store variant no good is linked to. */
  'store_unlinked',
  /** Linked to a variant the store no longer has (as of the newest catalog read). */
  'variant_gone',
  /** Linked, but the good is no longer among the exported goods (deleted or moved out of the groups). */
  'good_gone',
  /** Unlinked by hand: the export neither matches nor creates it until it is linked or released. */
  'kept_out',
]);
export type MappingProblem = z.infer<typeof MappingProblemSchema>;

export const MappingRowSchema = z.object({
  goodId: z.number().nullable(),
  goodCode: z.string(),
  goodName: z.string(),
  goodBarcode: z.string(),
  goodSku: z.string(),
  productId: z.string().nullable(),
  variantId: z.string().nullable(),
  productName: z.string(),
  variantOptions: z.string(),
  storeBarcode: z.string(),
  storeSku: z.string(),
  linked: z.boolean(),
  problems: z.array(MappingProblemSchema),
});
export type MappingRow = z.infer<typeof MappingRowSchema>;

/** The store catalog the view compares with: when it was read, by what, and what that cost. */
export const StoreSnapshotInfoSchema = z.object({
  takenAt: z.string(),
  source: z.enum(['export', 'download', 'mapping']),
  requests: z.number(),
  variants: z.number(),
});
export type StoreSnapshotInfo = z.infer<typeof StoreSnapshotInfoSchema>;

export const MappingViewSchema = z.object({
  compareBy: z.enum(['barcode', 'sku']),
  rows: z.array(MappingRowSchema),
  snapshot: StoreSnapshotInfoSchema.nullable(),
  /** Store requests this answer cost (0 unless the store was read for it). */
  requests: z.number(),
});
export type MappingView = z.infer<typeof MappingViewSchema>;

/** One row of an imported mapping CSV and what applying it would do. */
export const MappingImportVerdictSchema = z.enum([
  'link',
  'relink',
  'same',
  'conflict',
  'unknown_good',
  'unknown_variant',
  'bad_row',
]);
export type MappingImportVerdict = z.infer<typeof MappingImportVerdictSchema>;

export const MappingImportRowSchema = z.object({
  /** The line in the file (1 = the header). */
  line: z.number(),
  verdict: MappingImportVerdictSchema,
  goodId: z.number().nullable(),
  goodLabel: z.string(),
  variantId: z.string().nullable(),
  variantLabel: z.string(),
  /** Why a row cannot be applied, in both languages ("bg / en"). */
  reason: z.string(),
});
export type MappingImportRow = z.infer<typeof MappingImportRowSchema>;

export const MappingImportReportSchema = z.object({
  rows: z.array(MappingImportRowSchema),
  counts: z.record(MappingImportVerdictSchema, z.number()),
  /** Names this exact plan: applying checks that planning again gives the same one. */
  digest: z.string(),
  /** Set once applied: the audit run of the change. */
  runId: z.string().nullable(),
  applied: z.number(),
});
export type MappingImportReport = z.infer<typeof MappingImportReportSchema>;
