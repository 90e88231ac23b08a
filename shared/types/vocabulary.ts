/**
 * The words the engine and the UI share: run phases, count keys, attention reasons, item kinds and
 * actions. The engine may only use these (its calls are typed with them), and the renderer's
 * dictionaries must translate every one (`renderer/src/i18n/vocabulary-check.ts` fails the type
 * check when a word has no text), so a new phase cannot reach a user as a bare key.
 */

export const PHASES = [
  'connect',
  'plan.check',
  'export.read',
  'export.compare',
  'export.create',
  'export.values',
  'export.deactivate',
  'import.read',
  'import.match',
  'import.write',
  'download.read',
  'download.match',
  'download.create',
  'revert.read',
  'revert.write',
  'import.follow',
  'import.recover',
] as const;
export type Phase = (typeof PHASES)[number];

export const COUNT_KEYS = [
  'prices',
  'quantities',
  'productsCreated',
  'productsUpdated',
  'variantsCreated',
  'linked',
  'unchanged',
  'drift',
  'failed',
  'problems',
  'duplicateKeys',
  'staleLinks',
  'notInStore',
  'ordersSeen',
  'ordersImported',
  'ordersAlreadyThere',
  'ordersToWrite',
  'ordersNeedAttention',
  'matched',
  'ambiguous',
  'storeOnly',
  'databaseOnly',
  'possibleMatches',
  'productsTakenOver',
  'namesShortened',
  'goodsCreated',
  'deactivated',
  'reactivated',
  'storeReads',
  'pricesReverted',
  'quantitiesReverted',
  'leftAlone',
  'keptOut',
  'linkedByHand',
  'unlinkedByHand',
  'released',
  'linkedFromCsv',
  'products',
  'variants',
  'usnWritten',
  'followRequests',
  'ordersFollowed',
  'ordersCheckedById',
  'ordersAnnulled',
  'ordersUpdated',
  'reservationsEnded',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

/** Why something needs attention (the attention list's `reason`). */
export const ATTENTION_REASONS = [
  'unknown_product',
  'ambiguous_product',
  'line_without_key',
  'empty_order',
  'write_failed',
  'duplicate_in_database',
  'duplicate_in_store',
  'empty_key',
  'duplicate_combination',
  'mixed_parameters',
  'too_many_parameters',
  'too_many_variants',
  'possible_match',
  'plan_without_variants',
  'bad_quantity',
  'fractional_piece',
  'legacy_stamp_unclear',
  'deleted_in_warehouse',
  'edited_in_warehouse',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** What a run item or an attention item is about. */
export const ITEM_KINDS = [
  'create',
  'download_ambiguous',
  'duplicate_key',
  'duplicate_store_key',
  'empty_key',
  'good',
  'hold',
  'link',
  'match',
  'order',
  'price',
  'product',
  'quantity',
  'store_plan',
  'take',
  'variant',
  'variant_grouping',
  'possible_match',
  'catalog',
  'order_doc',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What a run did (or plans to do) to an item. */
export const ITEM_ACTIONS = [
  'activate',
  'ambiguous',
  'create',
  'deactivate',
  'deny',
  'drop-stale',
  'found',
  'hold',
  'link',
  'not-in-store',
  'possible-match',
  'shorten-name',
  'take-over',
  'update',
  'usn',
  'write',
  'zero-quantity',
  'revert',
  'left-alone',
  'unlink',
  'relink',
  'release',
  'read',
  'annul',
  'complete',
  'fulfil',
  'reopen',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/**
 * A log line's meaning, apart from its text: the UI shows it in the user's language from these,
 * never by parsing the text back. `message` stays as the plain line for log files.
 */
export type LogEvent =
  | { key: 'phase'; phase: Phase; total: number }
  | { key: 'end'; state: 'succeeded' | 'partial' | 'failed' | 'cancelled' };
