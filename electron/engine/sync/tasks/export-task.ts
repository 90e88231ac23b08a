/**
 * Task "Export from Warehouse Pro" (S10-S16, B2, B7): read the goods of the chosen groups with their
 * prices and available quantities, reconcile with the store when needed, create what is missing,
 * push what changed, and set inactive what left. A dry run walks the same path and writes nothing.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { AppError } from '../../errors';
import { availableQuantity, type QuantityParts } from '../../rules/available-quantity';
import { storePrice } from '../../rules/pricing';
import type { QuantityScope, StoreProduct, WpGood } from '../ports';
import type { RunContext } from '../run-context';
import { goodLabel, goodsLabel } from '../good-label';
import { createMissing, duplicateKeys, keyOf, reconcileWithCatalog } from './export-catalog';
import { pushProductFields } from './export-products';
import { deactivateLeavers, pushValues, type Desired } from './export-values';
import type { SyncSession } from './session';
import { addCreated, toSnapshot } from '../mapping/store-snapshot';

/** A full comparison against the store runs at least this often (and on demand). */
export const FULL_COMPARE_EVERY_MS = 24 * 60 * 60 * 1000;
const FULL_COMPARE_MARK = 'export.fullCompareAt';

export async function exportTask(ctx: RunContext, s: SyncSession, profile: ServerProfileView): Promise<void> {
  const settings = profile.settings;
  const ex = settings.exportTask;
  if (ex.exportQuantities && ex.objectGroups.length === 0 && !settings.operationsObjectId) {
    throw new AppError('invalid_payload', {
      bg: 'Не е избран „Обект за операции“, а групите обекти за количества са празни. Изберете обект в настройките на сървъра.',
      en: 'No "operations object" is chosen and the object groups for quantities are empty. Choose an object in the server settings.',
    });
  }

  ctx.setPhase('export.read');
  const vatIncluded = await s.wp.vatIncluded();
  const goods = await s.wp.goodsForExport(ex.goodsGroups, ex.priceColumn);
  const parts = ex.exportQuantities
    ? await reservedParts(
        s,
        ctx.serverId,
        goods,
        { objectGroupCodes: ex.objectGroups, operationsObjectId: settings.operationsObjectId ?? 0 },
        ex.ownOrders,
      )
    : new Map<number, QuantityParts>();
  ctx.log('info', `${goods.length} стоки за експорт / goods to export`);

  const desired = new Map<number, Desired>();
  for (const good of goods) {
    desired.set(good.id, {
      good,
      price: storePrice(good.price, {
        vatIncluded,
        vatRatePercent: good.vatRate,
        databaseCurrency: settings.currency.database,
        storeCurrency: settings.currency.store,
        storePricesIncludeVat: settings.store.pricesIncludeVat,
      }),
      quantity: ex.exportQuantities
        ? availableQuantity(parts.get(good.id) ?? { onHand: 0, reserved: 0 }, ex.quantityBuffer, ex.ownOrders)
        : null,
    });
  }

  const dups = duplicateKeys(goods, settings.compareBy);
  const byId = new Map(goods.map((g) => [g.id, g]));
  for (const [key, ids] of dups) {
    s.state.flag(ctx.serverId, {
      kind: 'duplicate_key',
      ref: key,
      reason: 'duplicate_in_database',
      detail: goodsLabel(ids, byId),
    });
  }
  if (dups.size) ctx.count('duplicateKeys', dups.size);
  for (const g of goods) {
    if (!keyOf(g, settings.compareBy))
      // The ref stays the id (what tells goods apart); the detail names the good for people.
      s.state.flag(ctx.serverId, { kind: 'empty_key', ref: String(g.id), reason: 'empty_key', detail: goodLabel(g) });
  }

  const links = s.state.links(ctx.serverId);
  // Goods unlinked by hand in the mapping view are neither matched by key nor created until the
  // user links them or lets them be matched again (docs/sync-engine.md, "Mapping").
  const keptOut = s.state.keptOut(ctx.serverId);
  const matchable = keptOut.size ? goods.filter((g) => links.has(g.id) || !keptOut.has(g.id)) : goods;
  if (goods.length > matchable.length) ctx.count('keptOut', goods.length - matchable.length);
  const lastFull = s.state.watermark(ctx.serverId, FULL_COMPARE_MARK);
  const fullDue = s.request.fullCompare || !lastFull || Date.now() - Date.parse(lastFull) > FULL_COMPARE_EVERY_MS;
  // Goods with a duplicated key are never matched or created: they do not make every run read the catalog.
  const needCatalog =
    fullDue || (ex.exportGoods && matchable.some((g) => !links.has(g.id) && !dups.has(keyOf(g, settings.compareBy))));
  let catalog: StoreProduct[] | null = null;
  let snapshot = s.state.storeSnapshot(ctx.serverId);
  if (needCatalog) {
    ctx.setPhase('export.compare');
    const before = ctx.requests;
    catalog = await s.store.catalog();
    // A read-only cache for the mapping view (no change to either side), kept in dry runs too.
    snapshot = toSnapshot(catalog, 'export', ctx.requests - before);
    s.state.saveStoreSnapshot(ctx.serverId, snapshot);
    reconcileWithCatalog(ctx, s, matchable, catalog, links, dups, settings.compareBy);
    if (!ctx.dryRun) s.state.setWatermark(ctx.serverId, FULL_COMPARE_MARK, new Date().toISOString());
  }

  if (ex.exportGoods) {
    const made = await createMissing(ctx, s, profile, matchable, desired, links, dups, catalog);
    // What was created joins the mapping view's snapshot, so the view shows it without a read.
    if (snapshot && made.length && !ctx.dryRun) {
      for (const m of made) addCreated(snapshot, m.productId, m.productName, m.variant);
      s.state.saveStoreSnapshot(ctx.serverId, snapshot);
    }
  }
  await pushValues(ctx, s, profile, desired, links);
  await pushProductFields(ctx, s, profile, goods, links);
  await deactivateLeavers(ctx, s, desired, links);
  const unmatched = goods.filter((g) => !links.has(g.id)).length;
  if (unmatched && !ex.exportGoods) ctx.count('notInStore', unmatched);
}

/**
 * On hand and what is reserved, in two parts (issue 15 point 8): (a) our imported orders still
 * open in the store (the rows we wrote, from the state database) and (b) Warehouse Pro's own
 * client orders as the setting says (all, younger than N days, none), our documents left out.
 */
async function reservedParts(
  s: SyncSession,
  serverId: string,
  goods: WpGood[],
  scope: QuantityScope,
  ownOrders: { mode: 'all' | 'recent' | 'none'; days: number },
): Promise<Map<number, QuantityParts>> {
  const docs = s.state.docs;
  const wp = await s.wp.availability(
    goods.map((g) => g.id),
    scope,
    { ...ownOrders, ours: docs.refs(serverId) },
  );
  const ours = docs.reserved(serverId);
  const out = new Map<number, QuantityParts>();
  for (const g of goods) {
    const p = wp.get(g.id) ?? { onHand: 0, reserved: 0 };
    const imported = ours.get(g.id) ?? 0;
    out.set(g.id, {
      onHand: p.onHand,
      reserved: p.reserved + imported,
      ownOrders: p.reserved,
      importedOrders: imported,
    });
  }
  return out;
}
