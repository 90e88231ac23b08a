/**
 * Task "Export", catalog part (S4, S12, S14, S16, B7, B9): links goods to existing store variants
 * (by the compare-by field first, then by our stored mapping, so a later barcode change creates no
 * duplicate), repairs drift on a full comparison, and creates the products and variants the store
 * lacks. Duplicated keys are reported, never guessed.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { RunContext } from '../run-context';
import type { StoreProduct, StoreVariant, WpGood } from '../ports';
import type { VariantLink } from '../sync-state';
import { fitStoreName, storeName } from '../store-names';
import { groupIntoProducts, type ProductGroup } from '../../rules/variant-grouping';
import type { Desired } from './export-values';
import { createdId, describe, isFatal, missingPlanFeature } from './item-failures';
import { decideTakeOver, KeylessProducts } from './possible-matches';
import { clean, type SyncSession } from './session';
import { productName } from '../../rules/product-name';
import { goodsLabel } from '../good-label';
import { joinExplain } from '../../../../shared/types/explain';

export function keyOf(good: WpGood, compareBy: 'barcode' | 'sku'): string {
  return clean(compareBy === 'barcode' ? good.barcode1 : good.barcode2);
}

function storeKey(v: StoreVariant, compareBy: 'barcode' | 'sku'): string {
  return clean(compareBy === 'barcode' ? v.barcode : v.sku);
}

/** A store variant as the merchant finds it in the store's admin: product name, SKU, barcode, id. */
export function storeVariantLabel(v: StoreVariant, productName: string): string {
  const keys = [v.sku && `SKU ${v.sku}`, v.barcode && `EAN ${v.barcode}`].filter(Boolean).join(', ');
  return `${productName || 'CloudCart'}${v.options.length ? ` (${v.options.join(', ')})` : ''}${keys ? ` [${keys}]` : ''} #${v.id}`;
}

/** Keys used by more than one good: those goods are neither matched nor created. */
export function duplicateKeys(goods: WpGood[], compareBy: 'barcode' | 'sku'): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const g of goods) {
    const key = keyOf(g, compareBy);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), g.id]);
  }
  return new Map([...byKey].filter(([, ids]) => ids.length > 1));
}

/**
 * Reconciles our links with the store's catalog: drops links to variants that no longer exist,
 * takes the store's current values as "last sent" (so the delta repairs drift), and links
 * unlinked goods whose key matches exactly one store variant.
 */
export function reconcileWithCatalog(
  ctx: RunContext,
  s: SyncSession,
  goods: WpGood[],
  catalog: StoreProduct[],
  links: Map<number, VariantLink>,
  dups: Map<string, number[]>,
  compareBy: 'barcode' | 'sku',
): void {
  const byVariant = new Map<string, StoreVariant>();
  const byKey = new Map<string, StoreVariant[]>();
  const productNames = new Map(catalog.map((p) => [p.id, p.name]));
  for (const p of catalog) {
    for (const v of p.variants) {
      byVariant.set(v.id, v);
      const key = storeKey(v, compareBy);
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), v]);
    }
  }
  for (const [key, list] of byKey) {
    if (list.length > 1) {
      s.state.flag(ctx.serverId, {
        kind: 'duplicate_store_key',
        ref: key,
        reason: 'duplicate_in_store',
        detail: list.map((v) => storeVariantLabel(v, productNames.get(v.productId) ?? '')).join('; '),
      });
    }
  }
  for (const link of [...links.values()]) {
    const v = byVariant.get(link.variantId);
    if (!v) {
      ctx.count('staleLinks');
      ctx.item({
        kind: 'link',
        ref: `${link.goodId} ${link.matchKey}`,
        action: 'drop-stale',
        status: ctx.dryRun ? 'planned' : 'done',
      });
      links.delete(link.goodId);
      if (!ctx.dryRun) s.state.deleteLink(ctx.serverId, link.goodId);
      continue;
    }
    if (v.price !== link.lastPrice || v.quantity !== link.lastQuantity) {
      ctx.count('drift');
      const repaired = { ...link, lastPrice: v.price, lastQuantity: v.quantity };
      links.set(link.goodId, repaired);
    }
  }
  for (const good of goods) {
    if (links.has(good.id)) continue;
    const key = keyOf(good, compareBy);
    if (!key || dups.has(key)) continue;
    const found = byKey.get(key) ?? [];
    if (found.length !== 1) continue;
    const v = found[0];
    const link: VariantLink = {
      goodId: good.id,
      productId: v.productId,
      variantId: v.id,
      matchKey: key,
      lastPrice: v.price,
      lastQuantity: v.quantity,
      lastActive: true,
    };
    links.set(good.id, link);
    if (!ctx.dryRun) s.state.saveLink(ctx.serverId, link);
    ctx.count('linked');
    ctx.item({
      kind: 'variant',
      ref: `${good.id} ${good.name}`,
      action: 'link',
      newValue: `${v.productId}/${v.id}`,
      status: ctx.dryRun ? 'planned' : 'done',
    });
  }
}

/** Creates the products and variants of unlinked goods, under existing products where a sibling is linked. */
export async function createMissing(
  ctx: RunContext,
  s: SyncSession,
  profile: ServerProfileView,
  goods: WpGood[],
  desired: Map<number, Desired>,
  links: Map<number, VariantLink>,
  dups: Map<string, number[]>,
  catalog: StoreProduct[] | null,
): Promise<CreatedVariant[]> {
  const made: CreatedVariant[] = [];
  const { compareBy } = profile.settings;
  const candidates = goods.filter((g) => !dups.has(keyOf(g, compareBy)));
  const { products, problems } = groupIntoProducts(candidates);
  const byId = new Map(goods.map((g) => [g.id, g]));
  for (const p of problems) {
    s.state.flag(ctx.serverId, {
      kind: 'variant_grouping',
      ref: p.code,
      reason: p.reason,
      detail: `${p.detail} (${goodsLabel(p.goodIds, byId)})`,
    });
    ctx.count('problems');
  }
  const todo = products.filter((p) => p.variants.some((v) => !links.has(v.good.id)));
  ctx.setPhase(
    'export.create',
    todo.reduce((n, p) => n + p.variants.filter((v) => !links.has(v.good.id)).length, 0),
  );
  const categories = s.state.categories(ctx.serverId);
  const planRefused = new Set<string>();
  let variantsWorked = false;
  const keyless = new KeylessProducts(catalog, links);

  for (const product of todo) {
    ctx.throwIfCancelled();
    const first = product.variants[0].good;
    const ref = `${product.key} ${first.name}`;
    try {
      let productId = product.variants.map((v) => links.get(v.good.id)?.productId).find(Boolean) ?? null;
      const full = productName(product.variants.map((v) => v.good));
      // Made (or resumed) by this run: its "creation under way" note goes once its variants are in.
      let ours = false;
      if (!productId) {
        const choice = decideTakeOver(ctx, s, keyless, product.key, ref, fitStoreName(full).name, product.parameters);
        if (choice.kind === 'hold') {
          ctx.tick(product.variants.filter((v) => !links.has(v.good.id)).length);
          continue;
        }
        if (choice.kind === 'take') {
          productId = choice.productId;
          ours = choice.why === 'resumed';
          ctx.count('productsTakenOver');
          ctx.item({
            kind: 'product',
            ref,
            action: 'take-over',
            newValue: `CloudCart #${productId}`,
            explain:
              choice.why === 'resumed'
                ? 'създаден от прекъснато изпълнение на програмата / made by an interrupted run of this program'
                : 'потвърдено от потребителя / confirmed by the user',
            status: ctx.dryRun ? 'planned' : 'done',
          });
        } else {
          productId = await createProduct(ctx, s, profile, product, ref, full, categories);
          ours = true;
        }
      }
      for (const v of product.variants) {
        if (links.has(v.good.id)) continue;
        const d = desired.get(v.good.id)!;
        const quantity = d.quantity?.available ?? 0;
        let variantId = 'planned';
        if (!ctx.dryRun) {
          variantId = createdId(
            (
              await s.store.createVariant(productId!, product.parameters, {
                sku: clean(v.good.barcode2),
                barcode: clean(v.good.barcode1),
                price: d.price.minor,
                quantity,
                weightGrams: weightGrams(v.good, profile),
                options: v.options.map((o) => o.value),
              })
            ).variantId,
            { bg: 'вариант', en: 'variant' },
          );
          const link: VariantLink = {
            goodId: v.good.id,
            productId: productId!,
            variantId,
            matchKey: keyOf(v.good, compareBy),
            lastPrice: d.price.minor,
            lastQuantity: quantity,
            lastActive: true,
          };
          s.state.saveLink(ctx.serverId, link);
          links.set(v.good.id, link);
          made.push({
            productId: productId!,
            productName: full,
            variant: {
              id: variantId,
              sku: clean(v.good.barcode2),
              barcode: clean(v.good.barcode1),
              options: v.options.map((o) => o.value),
            },
          });
        }
        ctx.count('variantsCreated');
        ctx.item({
          kind: 'variant',
          ref: `${v.good.id} ${v.good.name}`,
          action: 'create',
          newValue: `${v.options.map((o) => `${o.parameter}=${o.value}`).join(', ') || '—'}; ${(d.price.minor / 100).toFixed(2)}; ${quantity}`,
          explain: joinExplain(d.price.explain, d.quantity?.explain),
          status: ctx.dryRun ? 'planned' : 'done',
        });
        ctx.tick();
      }
      if (product.parameters.length) variantsWorked = true;
      if (ours && !ctx.dryRun) s.state.clearPendingProduct(ctx.serverId, product.key);
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.count('failed');
      ctx.item({ kind: 'product', ref, action: 'create', status: 'failed', message: describe(err) });
      const feature = missingPlanFeature(err);
      // A plan without variants fails every product with variants alike: one log line and one
      // "needs attention" item say it, each product's item carries the same message.
      if (feature && !planRefused.has(feature)) {
        planRefused.add(feature);
        ctx.log('warn', describe(err));
        s.state.flag(ctx.serverId, {
          kind: 'store_plan',
          ref: feature,
          reason: 'plan_without_variants',
          detail: describe(err),
        });
      } else if (!feature) ctx.log('warn', `${ref}: ${describe(err)}`);
    }
  }
  if (variantsWorked && !ctx.dryRun) s.state.resolve(ctx.serverId, 'store_plan', 'multi_variants');
  return made;
}

/** A variant `createMissing` made, for the mapping view's store snapshot. */
export interface CreatedVariant {
  productId: string;
  productName: string;
  variant: { id: string; sku: string; barcode: string; options: string[] };
}

/**
 * Creates the store product of a group of goods (category first), noting the creation as under way
 * before the request, so a run stopped before its first variant is resumed, not doubled. In a dry
 * run nothing is sent and the id is "planned".
 */
async function createProduct(
  ctx: RunContext,
  s: SyncSession,
  profile: ServerProfileView,
  product: ProductGroup<WpGood>,
  ref: string,
  fullName: string,
  categories: Map<string, string>,
): Promise<string> {
  const { publish } = profile.settings;
  const first = product.variants[0].good;
  let categoryId = categories.get(first.groupCode) ?? null;
  if (!categoryId && !ctx.dryRun) {
    categoryId = createdId(await s.store.ensureCategory(first.groupName || 'Други', null), {
      bg: 'категория',
      en: 'category',
    });
    s.state.saveCategory(ctx.serverId, first.groupCode, categoryId);
    categories.set(first.groupCode, categoryId);
  }
  const name = storeName(ctx, ref, fullName);
  let productId = 'planned';
  if (!ctx.dryRun) {
    s.state.notePendingProduct(ctx.serverId, product.key, {
      name,
      parameters: product.parameters,
      at: new Date().toISOString(),
    });
    productId = createdId(
      (
        await s.store.createProduct({
          name,
          description: clean(first.description),
          categoryId: categoryId!,
          active: publish.active,
          featured: publish.featured,
          isNew: publish.isNew,
          tracking: publish.trackQuantity,
          continueSelling: publish.continueSelling,
          needsShipping: publish.needsShipping,
          parameters: product.parameters,
        })
      ).productId,
      { bg: 'продукт', en: 'product' },
    );
    // What was sent is the baseline "later syncs may overwrite" compares against.
    s.state.saveProductFields(ctx.serverId, productId, {
      name,
      description: clean(first.description),
      categoryId: categoryId!,
      tracking: publish.trackQuantity,
      continueSelling: publish.continueSelling,
    });
  }
  ctx.count('productsCreated');
  ctx.item({
    kind: 'product',
    ref,
    action: 'create',
    newValue:
      (product.parameters.length ? `${product.parameters.join(' × ')}: ${product.variants.length}` : 'simple') +
      // The id of what was made, so a revert (revert-task.ts) can set it inactive.
      (ctx.dryRun ? '' : `; ${CREATED_MARK}${productId}`),
    status: ctx.dryRun ? 'planned' : 'done',
  });
  return productId;
}

/** How a product create item names the store product it made: "simple; CloudCart #123". */
export const CREATED_MARK = 'CloudCart #';

function weightGrams(good: WpGood, profile: ServerProfileView): number | null {
  const { weightSource, weightCatalogField } = profile.settings.publish;
  if (weightSource === 'catalog-kg') {
    const kg = Number(clean(good.catalogs[weightCatalogField - 1]).replace(',', '.'));
    return Number.isFinite(kg) && kg > 0 ? Math.round(kg * 1000) : null;
  }
  if (weightSource === 'measure-kg') return /^(кг|kg)\.?$/i.test(clean(good.measure)) ? 1000 : null;
  return null;
}
