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
import { groupIntoProducts, optionsOf } from '../variant-grouping';
import type { Desired } from './export-values';
import { describe, isFatal } from './item-failures';
import { clean, type SyncSession } from './session';

export function keyOf(good: WpGood, compareBy: 'barcode' | 'sku'): string {
  return clean(compareBy === 'barcode' ? good.barcode1 : good.barcode2);
}

function storeKey(v: StoreVariant, compareBy: 'barcode' | 'sku'): string {
  return clean(compareBy === 'barcode' ? v.barcode : v.sku);
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
        detail: list.map((v) => v.id).join(', '),
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
): Promise<void> {
  const { compareBy, publish } = profile.settings;
  const candidates = goods.filter((g) => !dups.has(keyOf(g, compareBy)));
  const { products, problems } = groupIntoProducts(candidates);
  for (const p of problems) {
    s.state.flag(ctx.serverId, {
      kind: 'variant_grouping',
      ref: p.code,
      reason: p.reason,
      detail: `${p.detail} (${p.goodIds.join(', ')})`,
    });
    ctx.count('problems');
  }
  const todo = products.filter((p) => p.variants.some((v) => !links.has(v.good.id)));
  ctx.setPhase(
    'export.create',
    todo.reduce((n, p) => n + p.variants.filter((v) => !links.has(v.good.id)).length, 0),
  );
  const categories = s.state.categories(ctx.serverId);

  for (const product of todo) {
    ctx.throwIfCancelled();
    const first = product.variants[0].good;
    const ref = `${product.key} ${first.name}`;
    try {
      let productId = product.variants.map((v) => links.get(v.good.id)?.productId).find(Boolean) ?? null;
      if (!productId) {
        let categoryId = categories.get(first.groupCode) ?? null;
        if (!categoryId && !ctx.dryRun) {
          categoryId = await s.store.ensureCategory(first.groupName || 'Други', null);
          s.state.saveCategory(ctx.serverId, first.groupCode, categoryId);
          categories.set(first.groupCode, categoryId);
        }
        if (!ctx.dryRun) {
          productId = (
            await s.store.createProduct({
              name: productName(product.variants.map((v) => v.good)),
              description: clean(first.description),
              categoryId: categoryId!,
              active: publish.active,
              featured: publish.featured,
              isNew: publish.isNew,
              tracking: publish.trackQuantity,
              continueSelling: publish.continueSelling,
              parameters: product.parameters,
            })
          ).productId;
          // What was sent is the baseline "later syncs may overwrite" compares against.
          s.state.saveProductFields(ctx.serverId, productId, {
            name: productName(product.variants.map((v) => v.good)),
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
          newValue: product.parameters.length
            ? `${product.parameters.join(' × ')}: ${product.variants.length}`
            : 'simple',
          status: ctx.dryRun ? 'planned' : 'done',
        });
      }
      for (const v of product.variants) {
        if (links.has(v.good.id)) continue;
        const d = desired.get(v.good.id)!;
        const quantity = d.quantity?.available ?? 0;
        let variantId = 'planned';
        if (!ctx.dryRun) {
          variantId = (
            await s.store.createVariant(productId!, product.parameters, {
              sku: clean(v.good.barcode2),
              barcode: clean(v.good.barcode1),
              price: d.price.minor,
              quantity,
              weightGrams: weightGrams(v.good, profile),
              options: v.options.map((o) => o.value),
            })
          ).variantId;
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
        }
        ctx.count('variantsCreated');
        ctx.item({
          kind: 'variant',
          ref: `${v.good.id} ${v.good.name}`,
          action: 'create',
          newValue: `${v.options.map((o) => `${o.parameter}=${o.value}`).join(', ') || '—'}; ${(d.price.minor / 100).toFixed(2)}; ${quantity}`,
          explain: `${d.price.explain}; ${d.quantity?.explain ?? ''}`,
          status: ctx.dryRun ? 'planned' : 'done',
        });
        ctx.tick();
      }
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.count('failed');
      ctx.item({ kind: 'product', ref, action: 'create', status: 'failed', message: describe(err) });
      ctx.log('warn', `${ref}: ${describe(err)}`);
    }
  }
}

/**
 * The name of the product a group of goods becomes: their shared Name2 when they have one (Warehouse
 * Pro's second name; goods whose Name2 only repeats their own Name share none), else the words
 * their names share from the start, without the variant values ("Размер-40" -> "40") at the end.
 * Whole words only: "Обувки Спорт 40" ... "Обувки Спорт 44" is "Обувки Спорт", never "Обувки Спорт 4".
 */
export function productName(goods: WpGood[]): string {
  const names = goods.map((g) => clean(g.name));
  const seconds = goods.map((g) => clean(g.name2));
  if (goods.length > 1 && seconds[0] && seconds.every((n) => n === seconds[0])) return seconds[0];
  const words = names.map((n) => n.split(/\s+/u).filter(Boolean));
  let shared = words[0];
  for (const w of words.slice(1)) {
    let i = 0;
    while (i < shared.length && i < w.length && shared[i].toLocaleLowerCase('bg') === w[i].toLocaleLowerCase('bg')) i++;
    shared = shared.slice(0, i);
  }
  const values = goods.flatMap((g) => optionsOf(g).map((o) => o.value.split(/\s+/u).filter(Boolean)));
  const isPunctuation = (w: string) => /^[\p{P}\p{S}]+$/u.test(w);
  let trimmed = true;
  while (trimmed && shared.length > 0) {
    trimmed = false;
    if (isPunctuation(shared[shared.length - 1])) {
      shared = shared.slice(0, -1);
      trimmed = true;
      continue;
    }
    // A value at the end, whole or its first words (where the common words stop inside it).
    for (const v of values) {
      for (let k = Math.min(v.length, shared.length); k >= 1 && !trimmed; k--) {
        const tail = shared.slice(-k).map((w) => w.toLocaleLowerCase('bg').replace(/[,;:]+$/u, ''));
        if (
          tail.join(' ') ===
          v
            .slice(0, k)
            .map((w) => w.toLocaleLowerCase('bg'))
            .join(' ')
        ) {
          shared = shared.slice(0, -k);
          trimmed = true;
        }
      }
      if (trimmed) break;
    }
  }
  const name = shared
    .join(' ')
    .replace(/[\s,;:/-]+$/u, '')
    .trim();
  return name.length >= 2 ? name : names[0];
}

function weightGrams(good: WpGood, profile: ServerProfileView): number | null {
  const { weightSource, weightCatalogField } = profile.settings.publish;
  if (weightSource === 'catalog-kg') {
    const kg = Number(clean(good.catalogs[weightCatalogField - 1]).replace(',', '.'));
    return Number.isFinite(kg) && kg > 0 ? Math.round(kg * 1000) : null;
  }
  if (weightSource === 'measure-kg') return /^(кг|kg)\.?$/i.test(clean(good.measure)) ? 1000 : null;
  return null;
}
