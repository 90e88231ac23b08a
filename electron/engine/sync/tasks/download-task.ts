/**
 * Task "Download goods from CloudCart" (S8, B8): the one-time fill of Warehouse Pro from the
 * store. All store products and variants are read; the match report comes first (auto-matched,
 * ambiguous, unmatched on each side); then, unless this is a dry run, matched variants are linked
 * and the rest become goods (variants as goods sharing a Code, with "Type-Value" catalogs) in
 * goods groups named after the store's categories. The caller turns the setting back to "no".
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { databasePrice, type PriceContext } from '../../rules/pricing';
import type { RunContext } from '../run-context';
import type { StoreProduct, StoreVariant, WpNewGood } from '../ports';
import type { VariantLink } from '../sync-state';
import { goodsLabel, type GoodNaming } from '../good-label';
import { toSnapshot } from '../mapping/store-snapshot';
import { clean, type SyncSession } from './session';

export interface MatchReport {
  matched: { variant: StoreVariant; goodId: number }[];
  ambiguous: { variant: StoreVariant; goodIds: number[]; reason: 'duplicate_in_store' | 'duplicate_in_database' }[];
  storeOnly: { product: StoreProduct; variant: StoreVariant }[];
}

export async function downloadGoodsTask(ctx: RunContext, s: SyncSession, profile: ServerProfileView): Promise<void> {
  const { compareBy, exportTask } = profile.settings;
  ctx.setPhase('download.read');
  const catalog = await s.store.catalog();
  s.state.saveStoreSnapshot(ctx.serverId, toSnapshot(catalog, 'download', ctx.requests));
  const keyOf = (v: StoreVariant) => clean(compareBy === 'barcode' ? v.barcode : v.sku);
  const keys = [...new Set(catalog.flatMap((p) => p.variants.map(keyOf)).filter(Boolean))];
  const goodsByKey = keys.length
    ? await s.wp.findGoods(compareBy === 'barcode' ? 'barcode1' : 'barcode2', keys)
    : new Map<string, number[]>();

  ctx.setPhase('download.match');
  const report = matchReport(catalog, goodsByKey, keyOf);
  ctx.count('matched', report.matched.length);
  ctx.count('ambiguous', report.ambiguous.length);
  ctx.count('storeOnly', report.storeOnly.length);
  // The other side of the report: goods of the exported groups that no store variant carries.
  // They are left as they are; the next export creates them in the store.
  const storeKeys = new Set(keys);
  const dbOnly = (await s.wp.goodsForExport(exportTask.goodsGroups, exportTask.priceColumn)).filter((g) => {
    const key = clean(compareBy === 'barcode' ? g.barcode1 : g.barcode2);
    return !key || !storeKeys.has(key);
  });
  ctx.count('databaseOnly', dbOnly.length);
  for (const g of dbOnly.slice(0, 2000)) {
    ctx.item({
      kind: 'good',
      ref: `${g.id} ${clean(compareBy === 'barcode' ? g.barcode1 : g.barcode2) || '—'}`,
      action: 'not-in-store',
      newValue: g.name,
      status: 'skipped',
    });
  }
  const shared = report.ambiguous.flatMap((a) => a.goodIds);
  const labels = shared.length ? await s.wp.goodLabels(shared) : new Map<number, GoodNaming>();
  for (const a of report.ambiguous) {
    s.state.flag(ctx.serverId, {
      kind: 'download_ambiguous',
      ref: a.variant.id,
      reason: a.reason,
      detail: `${keyOf(a.variant)}: ${goodsLabel(a.goodIds, labels)}`,
    });
    ctx.item({
      kind: 'match',
      ref: `${a.variant.id} ${keyOf(a.variant)}`,
      action: 'ambiguous',
      newValue: goodsLabel(a.goodIds, labels),
      status: 'skipped',
      message: a.reason,
    });
  }
  for (const m of report.matched) {
    ctx.item({
      kind: 'match',
      ref: `${m.variant.id} ${keyOf(m.variant)}`,
      action: 'link',
      newValue: String(m.goodId),
      status: ctx.dryRun ? 'planned' : 'done',
    });
    if (!ctx.dryRun) s.state.saveLink(ctx.serverId, linkFor(m.goodId, m.variant, keyOf(m.variant)));
  }

  // Products whose variants all lack a counterpart become new goods; one with some variants
  // matched and some not gets only the missing ones, under the same Code.
  const toCreate = report.storeOnly;
  ctx.setPhase('download.create', toCreate.length);
  // Prices as the database keeps them, so the export gives back the store's price to the cent.
  const pricing = await s.wp.newGoodsPricing();
  const priceContext: PriceContext = {
    vatIncluded: pricing.vatIncluded,
    vatRatePercent: pricing.vatRate,
    databaseCurrency: profile.settings.currency.database,
    storeCurrency: profile.settings.currency.store,
  };
  const groups = new Map<string, string[]>();
  const goods: (WpNewGood & { groupPath: string[] })[] = [];
  for (const { product, variant } of toCreate) {
    const groupPath = [clean(product.categoryName) || 'CloudCart'];
    groups.set(groupPath.join('/'), groupPath);
    const options = product.parameters.map((p, i) => (variant.options[i] ? `${p}-${variant.options[i]}` : ''));
    goods.push({
      code: product.parameters.length ? `CC${product.id}` : clean(variant.sku) || `CC${product.id}`,
      barcode1: clean(variant.barcode),
      barcode2: clean(variant.sku),
      catalogs: [options[0] ?? '', options[1] ?? '', options[2] ?? ''],
      name: variant.options.length
        ? `${product.name} ${variant.options.join(' ')}`.slice(0, 255)
        : product.name.slice(0, 255),
      measure: 'бр.',
      price: databasePrice(variant.price, priceContext),
      priceColumn: exportTask.priceColumn,
      vatRate: pricing.vatRate,
      groupCode: '',
      groupPath,
    });
    ctx.item({
      kind: 'good',
      ref: `${variant.id} ${keyOf(variant) || '—'}`,
      action: 'create',
      newValue: goods[goods.length - 1].name,
      status: ctx.dryRun ? 'planned' : 'done',
    });
  }
  if (!ctx.dryRun && goods.length) {
    // Under the export's goods group when one is chosen, so the next export finds the new goods.
    const ids = await s.wp.createGoods(
      [...groups.values()].map((path) => ({ path })),
      goods,
      { underGroup: exportTask.goodsGroups[0] ?? '' },
    );
    toCreate.forEach(({ variant }, i) => s.state.saveLink(ctx.serverId, linkFor(ids[i], variant, keyOf(variant))));
  }
  ctx.count('goodsCreated', goods.length);
  ctx.tick(goods.length);
}

export function matchReport(
  catalog: StoreProduct[],
  goodsByKey: Map<string, number[]>,
  keyOf: (v: StoreVariant) => string,
): MatchReport {
  const storeCount = new Map<string, number>();
  for (const p of catalog)
    for (const v of p.variants) if (keyOf(v)) storeCount.set(keyOf(v), (storeCount.get(keyOf(v)) ?? 0) + 1);
  const report: MatchReport = { matched: [], ambiguous: [], storeOnly: [] };
  for (const product of catalog) {
    for (const variant of product.variants) {
      const key = keyOf(variant);
      const ids = key ? (goodsByKey.get(key) ?? []) : [];
      if (key && (storeCount.get(key) ?? 0) > 1)
        report.ambiguous.push({ variant, goodIds: ids, reason: 'duplicate_in_store' });
      else if (ids.length > 1) report.ambiguous.push({ variant, goodIds: ids, reason: 'duplicate_in_database' });
      else if (ids.length === 1) report.matched.push({ variant, goodId: ids[0] });
      else report.storeOnly.push({ product, variant });
    }
  }
  return report;
}

function linkFor(goodId: number, v: StoreVariant, key: string): VariantLink {
  return {
    goodId,
    productId: v.productId,
    variantId: v.id,
    matchKey: key,
    lastPrice: v.price,
    lastQuantity: v.quantity,
    lastActive: true,
  };
}
