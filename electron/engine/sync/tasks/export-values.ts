/**
 * Task "Export", values part (S13, S15, B2, B7): the price and the available quantity of every
 * linked good, sent only when they differ from what was sent last (one request per changed
 * variant, none for unchanged), and goods that left the chosen groups set inactive, never deleted.
 */
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import type { AvailableQuantity } from '../../rules/available-quantity';
import type { StorePrice } from '../../rules/pricing';
import type { RunContext } from '../run-context';
import type { VariantLink } from '../sync-state';
import type { WpGood } from '../ports';
import { describe, isFatal } from './item-failures';
import type { SyncSession } from './session';

export interface Desired {
  good: WpGood;
  price: StorePrice;
  quantity: AvailableQuantity | null;
}

export async function pushValues(
  ctx: RunContext,
  s: SyncSession,
  profile: ServerProfileView,
  desired: Map<number, Desired>,
  links: Map<number, VariantLink>,
): Promise<void> {
  const sendQuantity = profile.settings.exportTask.exportQuantities;
  const changes: { link: VariantLink; d: Desired; price?: number; quantity?: number }[] = [];
  for (const [goodId, d] of desired) {
    const link = links.get(goodId);
    if (!link) continue;
    const price = d.price.minor !== link.lastPrice ? d.price.minor : undefined;
    const q = d.quantity?.available;
    const quantity = sendQuantity && q !== undefined && q !== link.lastQuantity ? q : undefined;
    if (price === undefined && quantity === undefined) {
      ctx.count('unchanged');
      continue;
    }
    changes.push({ link, d, price, quantity });
  }

  ctx.setPhase('export.values', changes.length);
  for (const change of changes) {
    ctx.throwIfCancelled();
    const { link, d } = change;
    const ref = `${d.good.id} ${d.good.name}`;
    const status = ctx.dryRun ? 'planned' : 'done';
    try {
      if (!ctx.dryRun) {
        await s.store.updateVariant(link.variantId, { price: change.price, quantity: change.quantity });
        const saved = {
          ...link,
          lastPrice: change.price ?? link.lastPrice,
          lastQuantity: change.quantity ?? link.lastQuantity,
          lastActive: link.lastActive ?? true,
        };
        s.state.saveLink(ctx.serverId, saved);
        links.set(link.goodId, saved);
      }
      if (change.price !== undefined) {
        ctx.count('prices');
        ctx.item({
          kind: 'price',
          ref,
          action: 'update',
          oldValue: link.lastPrice === null ? null : (link.lastPrice / 100).toFixed(2),
          newValue: (change.price / 100).toFixed(2),
          explain: d.price.explain,
          status,
        });
      }
      if (change.quantity !== undefined) {
        ctx.count('quantities');
        ctx.item({
          kind: 'quantity',
          ref,
          action: 'update',
          oldValue: link.lastQuantity === null ? null : String(link.lastQuantity),
          newValue: String(change.quantity),
          explain: d.quantity?.explain ?? null,
          status,
        });
      }
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.count('failed');
      ctx.item({ kind: 'variant', ref, action: 'update', status: 'failed', message: describe(err) });
      ctx.log('warn', `${ref}: ${describe(err)}`);
    }
    ctx.tick();
  }
}

/**
 * Goods that left the chosen groups or were deleted: a product none of whose goods is exported any
 * more is set inactive; a variant whose siblings stay is set to quantity 0 (CloudCart has no
 * per-variant active flag). Products whose goods come back are activated again.
 */
export async function deactivateLeavers(
  ctx: RunContext,
  s: SyncSession,
  desired: Map<number, Desired>,
  links: Map<number, VariantLink>,
): Promise<void> {
  const exportedProducts = new Set([...desired.keys()].map((id) => links.get(id)?.productId).filter(Boolean));
  const leavers = [...links.values()].filter((l) => !desired.has(l.goodId) && l.lastActive !== false);
  const returning = [...links.values()].filter((l) => desired.has(l.goodId) && l.lastActive === false);
  ctx.setPhase('export.deactivate', leavers.length + returning.length);
  const productsDone = new Set<string>();
  for (const link of [...leavers, ...returning]) {
    ctx.throwIfCancelled();
    const comingBack = desired.has(link.goodId);
    const wholeProduct = comingBack || !exportedProducts.has(link.productId);
    try {
      if (!ctx.dryRun) {
        if (wholeProduct && !productsDone.has(link.productId)) {
          await s.store.setProductActive(link.productId, comingBack);
        } else if (!wholeProduct) {
          await s.store.updateVariant(link.variantId, { quantity: 0 });
        }
        const saved = { ...link, lastActive: comingBack, lastQuantity: comingBack ? link.lastQuantity : 0 };
        s.state.saveLink(ctx.serverId, saved);
        links.set(link.goodId, saved);
      }
      productsDone.add(link.productId);
      ctx.count(comingBack ? 'reactivated' : 'deactivated');
      ctx.item({
        kind: wholeProduct ? 'product' : 'variant',
        ref: `${link.goodId} ${link.matchKey}`,
        action: comingBack ? 'activate' : wholeProduct ? 'deactivate' : 'zero-quantity',
        // What it was and what it became, so a revert (revert-task.ts) can set it back.
        ...(wholeProduct
          ? { oldValue: comingBack ? 'inactive' : 'active', newValue: comingBack ? 'active' : 'inactive' }
          : { oldValue: link.lastQuantity === null ? null : String(link.lastQuantity), newValue: '0' }),
        status: ctx.dryRun ? 'planned' : 'done',
      });
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.count('failed');
      ctx.item({
        kind: 'product',
        ref: String(link.goodId),
        action: 'deactivate',
        status: 'failed',
        message: describe(err),
      });
    }
    ctx.tick();
  }
}
