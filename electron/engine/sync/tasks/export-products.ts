/**
 * "Which store fields later syncs may overwrite" (S13): for products already in the store, the
 * fields the merchant let the sync own (name, description, category, tracking, continue selling)
 * follow Warehouse Pro. A field is sent only when its Warehouse Pro value differs from what the
 * sync last sent, so a product costs no request while nothing changed, and fields left unticked
 * are never touched: the merchant's edits in CloudCart stay.
 *
 * A product the sync did not create (matched by barcode, or linked before this was tracked) has no
 * record of what was sent; its current Warehouse Pro values become the record without a request,
 * and later changes are sent from then on.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { ProductPatch, WpGood } from '../ports';
import type { RunContext } from '../run-context';
import type { ProductFields, VariantLink } from '../sync-state';
import { fitStoreName, storeName } from '../store-names';
import { productName } from '../../rules/product-name';
import { describe, isFatal } from './item-failures';
import { clean, type SyncSession } from './session';

type Field = keyof ProductFields;
const SETTING_OF: Record<Field, keyof ServerProfileView['settings']['overwrite']> = {
  name: 'name',
  description: 'description',
  categoryId: 'category',
  tracking: 'tracking',
  continueSelling: 'continueSelling',
};

export async function pushProductFields(
  ctx: RunContext,
  s: SyncSession,
  profile: ServerProfileView,
  goods: WpGood[],
  links: Map<number, VariantLink>,
): Promise<void> {
  const { overwrite, publish } = profile.settings;
  const owned = (Object.keys(SETTING_OF) as Field[]).filter((f) => overwrite[SETTING_OF[f]]);
  if (owned.length === 0) return;

  const byProduct = new Map<string, WpGood[]>();
  for (const good of goods) {
    const link = links.get(good.id);
    if (!link || link.lastActive === false) continue;
    byProduct.set(link.productId, [...(byProduct.get(link.productId) ?? []), good]);
  }
  const sent = s.state.productFields(ctx.serverId);
  const categories = s.state.categories(ctx.serverId);

  for (const [productId, members] of byProduct) {
    ctx.throwIfCancelled();
    const first = members[0];
    if (owned.includes('categoryId') && !categories.has(first.groupCode) && !ctx.dryRun) {
      // The goods moved to a group the store has no category for yet.
      const id = await s.store.ensureCategory(first.groupName || 'Други', null);
      s.state.saveCategory(ctx.serverId, first.groupCode, id);
      categories.set(first.groupCode, id);
    }
    const wanted: ProductFields = {
      name: fitStoreName(productName(members)).name,
      description: clean(first.description),
      categoryId: categories.get(first.groupCode) ?? null,
      tracking: publish.trackQuantity,
      continueSelling: publish.continueSelling,
    };
    const last = sent.get(productId);
    if (!last) {
      if (!ctx.dryRun) s.state.saveProductFields(ctx.serverId, productId, wanted);
      continue;
    }
    const changed = owned.filter((f) => wanted[f] !== null && wanted[f] !== last[f]);
    if (changed.length === 0) continue;
    const patch: ProductPatch = {};
    for (const f of changed) Object.assign(patch, { [f]: wanted[f] });
    const ref = `${productId} ${wanted.name}`;
    if (patch.name !== undefined) storeName(ctx, ref, productName(members));
    try {
      if (!ctx.dryRun) {
        await s.store.updateProduct(productId, patch);
        s.state.saveProductFields(ctx.serverId, productId, { ...last, ...patch });
      }
      ctx.count('productsUpdated');
      ctx.item({
        kind: 'product',
        ref,
        action: 'update',
        oldValue: changed.map((f) => `${f}=${String(last[f])}`).join('; '),
        newValue: changed.map((f) => `${f}=${String(wanted[f])}`).join('; '),
        status: ctx.dryRun ? 'planned' : 'done',
      });
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.count('failed');
      ctx.item({ kind: 'product', ref, action: 'update', status: 'failed', message: describe(err) });
      ctx.log('warn', `${ref}: ${describe(err)}`);
    }
  }
}
