/** Which mapping rows a filter and a search text show (pure, so 10,000 rows filter in one pass). */
import type { MappingProblem, MappingRow } from '../../../../shared/types/mapping';

export const MAPPING_FILTERS = [
  'all',
  'problems',
  'duplicate',
  'empty',
  'keys_differ',
  'good_unlinked',
  'store_unlinked',
  'variant_gone',
  'good_gone',
  'kept_out',
] as const;
export type MappingFilter = (typeof MAPPING_FILTERS)[number];

const GROUPS: Partial<Record<MappingFilter, MappingProblem[]>> = {
  duplicate: ['db_duplicate_barcode', 'db_duplicate_sku', 'store_duplicate_barcode', 'store_duplicate_sku'],
  empty: ['db_empty_barcode', 'db_empty_sku', 'store_empty_barcode', 'store_empty_sku'],
};

export function matchesFilter(row: MappingRow, filter: MappingFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'problems') return row.problems.length > 0;
  const wanted = GROUPS[filter] ?? [filter as MappingProblem];
  return row.problems.some((p) => wanted.includes(p));
}

export function rowText(row: MappingRow): string {
  return [
    row.goodName,
    row.goodCode,
    row.goodBarcode,
    row.goodSku,
    row.productName,
    row.variantOptions,
    row.storeBarcode,
    row.storeSku,
    row.variantId ?? '',
  ]
    .join(' ')
    .toLowerCase();
}

export function filterRows(rows: MappingRow[], filter: MappingFilter, text: string): MappingRow[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((r) => matchesFilter(r, filter) && (!needle || rowText(r).includes(needle)));
}

export function countByFilter(rows: MappingRow[]): Record<MappingFilter, number> {
  const out = Object.fromEntries(MAPPING_FILTERS.map((f) => [f, 0])) as Record<MappingFilter, number>;
  for (const r of rows) for (const f of MAPPING_FILTERS) if (matchesFilter(r, f)) out[f] += 1;
  return out;
}

export function goodTitle(row: Pick<MappingRow, 'goodName' | 'goodCode' | 'goodId'>): string {
  if (!row.goodName && row.goodId !== null) return `#${row.goodId}`;
  return row.goodCode ? `${row.goodName} [${row.goodCode}]` : row.goodName;
}

export function variantTitle(row: Pick<MappingRow, 'productName' | 'variantOptions' | 'variantId'>): string {
  if (!row.variantId) return '';
  const name = row.productName || 'CloudCart';
  return `${name}${row.variantOptions ? ` (${row.variantOptions})` : ''} #${row.variantId}`;
}
