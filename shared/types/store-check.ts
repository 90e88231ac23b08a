/**
 * The store conformance check (B20, issue 12 point 10): one line per behaviour the sync relies on,
 * with what CloudCart's knowledge base documents and what this store was seen to do. The same
 * shape goes to the CLI's table, the editor's table (through `store:check`) and the JSON report
 * saved in the data folder. Texts are in both languages, so the editor can switch language
 * without checking again and support can read a merchant's report.
 */
import { z } from 'zod';
import { CurrencySchema } from './server-profile';

export const LocalizedSchema = z.object({ bg: z.string(), en: z.string() });

export const CheckRowSchema = z.object({
  /** A stable name of the behaviour (`primary-domain`, `default-variant`, ...). */
  id: z.string(),
  behaviour: LocalizedSchema,
  documented: LocalizedSchema,
  seen: LocalizedSchema,
  /** true: the sync works with what was seen; false: it does not (see `advice`); null: not checked. */
  ok: z.boolean().nullable(),
  /** What to do when it does not hold, or what the sync does differently because of it. */
  advice: LocalizedSchema.nullable(),
  /** Where the documented behaviour is written (a cloudcart/platform-wiki page, or our own reference). */
  source: z.string(),
});
export type CheckRow = z.infer<typeof CheckRowSchema>;

/** What the check saw where the wiki is open; the sync starts from it (`ObservedBehaviour`). */
export const ObservedSchema = z.object({
  featuredForm: z.enum(['tinyint', 'yes-no']).nullable(),
  defaultVariant: z.enum(['created-with-product', 'none']).nullable(),
  defaultVariantRefusal: z.number().int().nullable(),
  variantsInPlan: z.boolean().nullable(),
});

/** Settings of the server the store's answers are compared with (they are not in the API). */
export const StoreFactsSchema = z
  .object({
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(isTimeZone, { message: 'invalid_time_zone' })
      .default('Europe/Sofia'),
    pricesIncludeVat: z.boolean().default(true),
    storeCurrency: CurrencySchema.default('EUR'),
  })
  .strict();
export type StoreFacts = z.infer<typeof StoreFactsSchema>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const StoreCompatibilitySchema = z.object({
  /** Everything the sync relies on holds (the CLI exits 0). */
  ok: z.boolean(),
  domain: z.string(),
  checkedAt: z.string(),
  /** `done`: the product was created, checked and deleted; `not-run`: not asked for. */
  writeTest: z.enum(['done', 'failed', 'not-run']),
  rows: z.array(CheckRowSchema),
  /** One sentence: all holds, or which rows do not and what to do. */
  summary: LocalizedSchema,
  observed: ObservedSchema,
  /** A throwaway product the write test could not delete: delete it by hand. */
  leftBehind: z.object({ productId: z.string(), name: z.string() }).nullable(),
  /** Requests the check sent to the store. */
  requests: z.number().int(),
  /** Where the report was saved in the data folder (null when it was not saved). */
  reportFile: z.string().nullable(),
});
export type StoreCompatibility = z.infer<typeof StoreCompatibilitySchema>;
