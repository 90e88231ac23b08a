/**
 * The rows of the mapping view (B9): one per link, one per exported good linked to nothing, one per
 * store variant no good is linked to; each with what is wrong with it. Pure: the goods, the links,
 * the newest store catalog read and the goods kept out come in, rows go out.
 */
import type { MappingProblem, MappingRow } from '../../../../shared/types/mapping';
import type { GoodNaming } from '../good-label';
import type { WpGood } from '../ports';
import type { StoreSnapshot, VariantLink } from '../sync-state';
import { clean } from '../tasks/session';

type SnapshotVariant = StoreSnapshot['products'][number]['variants'][number] & {
  productId: string;
  productName: string;
};

export interface MappingInputs {
  goods: WpGood[];
  links: Map<number, VariantLink>;
  snapshot: StoreSnapshot | null;
  keptOut: Set<number>;
  compareBy: 'barcode' | 'sku';
  /** Code and name of linked goods that are no longer among the exported ones. */
  outside: Map<number, GoodNaming>;
}

export function snapshotVariants(snapshot: StoreSnapshot | null): Map<string, SnapshotVariant> {
  const out = new Map<string, SnapshotVariant>();
  for (const p of snapshot?.products ?? [])
    for (const v of p.variants) out.set(v.id, { ...v, productId: p.id, productName: p.name });
  return out;
}

/** Values used by more than one entry (empty values are not duplicates: they are "empty"). */
function repeated<T>(list: T[], value: (item: T) => string): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const item of list) {
    const v = clean(value(item));
    if (!v) continue;
    if (seen.has(v)) twice.add(v);
    seen.add(v);
  }
  return twice;
}

export function mappingRows(input: MappingInputs): MappingRow[] {
  const { goods, links, snapshot, keptOut, compareBy } = input;
  const variants = snapshotVariants(snapshot);
  const allVariants = [...variants.values()];
  const dbBarcodes = repeated(goods, (g) => g.barcode1);
  const dbSkus = repeated(goods, (g) => g.barcode2);
  const storeBarcodes = repeated(allVariants, (v) => v.barcode);
  const storeSkus = repeated(allVariants, (v) => v.sku);
  const byGood = new Map(goods.map((g) => [g.id, g]));
  const linkedVariants = new Set([...links.values()].map((l) => l.variantId));

  const goodProblems = (g: WpGood): MappingProblem[] => {
    const out: MappingProblem[] = [];
    const barcode = clean(g.barcode1);
    const sku = clean(g.barcode2);
    if (!barcode) out.push('db_empty_barcode');
    else if (dbBarcodes.has(barcode)) out.push('db_duplicate_barcode');
    if (!sku) out.push('db_empty_sku');
    else if (dbSkus.has(sku)) out.push('db_duplicate_sku');
    return out;
  };
  const storeProblems = (v: SnapshotVariant): MappingProblem[] => {
    const out: MappingProblem[] = [];
    if (!clean(v.barcode)) out.push('store_empty_barcode');
    else if (storeBarcodes.has(clean(v.barcode))) out.push('store_duplicate_barcode');
    if (!clean(v.sku)) out.push('store_empty_sku');
    else if (storeSkus.has(clean(v.sku))) out.push('store_duplicate_sku');
    return out;
  };
  const goodSide = (g: WpGood | undefined, id: number) => {
    const named = g ?? input.outside.get(id);
    return {
      goodId: id,
      goodCode: named?.code ?? '',
      goodName: named?.name ?? '',
      goodBarcode: clean(g?.barcode1),
      goodSku: clean(g?.barcode2),
    };
  };
  const storeSide = (v: SnapshotVariant | undefined, link?: VariantLink) => ({
    productId: v?.productId ?? link?.productId ?? null,
    variantId: v?.id ?? link?.variantId ?? null,
    productName: v?.productName ?? '',
    variantOptions: v?.options.join(', ') ?? '',
    storeBarcode: clean(v?.barcode),
    storeSku: clean(v?.sku),
  });

  const rows: MappingRow[] = [];
  for (const link of links.values()) {
    const g = byGood.get(link.goodId);
    const v = variants.get(link.variantId);
    const problems: MappingProblem[] = [];
    if (!g) problems.push('good_gone');
    else problems.push(...goodProblems(g));
    if (snapshot && !v) problems.push('variant_gone');
    if (v) problems.push(...storeProblems(v));
    if (g && v) {
      const ours = clean(compareBy === 'barcode' ? g.barcode1 : g.barcode2);
      const theirs = clean(compareBy === 'barcode' ? v.barcode : v.sku);
      if (ours !== theirs) problems.push('keys_differ');
    }
    rows.push({ ...goodSide(g, link.goodId), ...storeSide(v, link), linked: true, problems });
  }
  for (const g of goods) {
    if (links.has(g.id)) continue;
    const problems: MappingProblem[] = ['good_unlinked', ...goodProblems(g)];
    if (keptOut.has(g.id)) problems.push('kept_out');
    rows.push({ ...goodSide(g, g.id), ...storeSide(undefined), linked: false, problems });
  }
  for (const v of allVariants) {
    if (linkedVariants.has(v.id)) continue;
    rows.push({
      goodId: null,
      goodCode: '',
      goodName: '',
      goodBarcode: '',
      goodSku: '',
      ...storeSide(v),
      linked: false,
      problems: ['store_unlinked', ...storeProblems(v)],
    });
  }
  return rows;
}
