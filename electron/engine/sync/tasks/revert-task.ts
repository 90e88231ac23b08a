/**
 * Task "Revert a run" (B10): sets the store back to the values it had before one export run.
 * A value is set back only where the store still holds what that run sent; anything changed in the
 * store since is left alone and listed so. Reading the store costs one request per affected
 * product (only those), and the run counts them. Products the run created are set inactive, never
 * deleted. The mapping's "last values sent" follow what the revert wrote, so the next export sends
 * whatever differs from Warehouse Pro again (and its plan says so before anything is sent).
 * A dry run reads the store and writes nothing; "Apply" runs exactly that plan (server-runtime.ts).
 */
import type { ItemKind } from '../../../../shared/types/vocabulary';
import type { Localized } from '../../../../shared/i18n/localized';
import type { RunSummary } from '../../../../shared/types/sync';
import type { ServerProfileView } from '../../../../shared/types/server-profile';
import { AppError } from '../../errors';
import type { StoreProduct } from '../ports';
import type { RunContext } from '../run-context';
import type { VariantLink } from '../sync-state';
import { describe, isFatal } from './item-failures';
import { formatValue, revertSteps, type ActiveStep, type RevertStep, type ValueStep } from './revert-steps';
import type { SyncSession } from './session';

export async function revertTask(ctx: RunContext, s: SyncSession, _profile: ServerProfileView): Promise<void> {
  const target = revertTarget(ctx, s, s.request.revertOf);
  s.state.setRevertOf(ctx.id, target.id);
  ctx.setPhase('revert.read');
  const steps = revertSteps(s.state.runItems(target.id, 1_000_000));
  const links = new Map([...s.state.links(ctx.serverId).values()].map((l) => [l.goodId, l]));
  ctx.log('info', `revert ${target.id} (${target.startedAt}): ${steps.length} changes`);

  // Only the products this run touched are read, one request each.
  const productIds = new Set<string>();
  for (const step of steps) {
    if (step.type === 'created') productIds.add(step.productId);
    else if (step.type !== 'kept') {
      const link = links.get(step.goodId);
      if (link) productIds.add(link.productId);
    }
  }
  ctx.setPhase('revert.read', productIds.size);
  const store = new Map<string, StoreProduct | null>();
  for (const id of productIds) {
    ctx.throwIfCancelled();
    store.set(id, await s.store.product(id));
    ctx.count('storeReads');
    ctx.tick();
  }

  // The variants of a product the run created go with it (it is set inactive): no row of their own.
  const created = new Set(steps.flatMap((st) => (st.type === 'created' ? [st.productId] : [])));
  const ofCreated = (st: RevertStep) =>
    st.type === 'kept' &&
    st.item.kind === 'variant' &&
    st.goodId !== null &&
    created.has(links.get(st.goodId)?.productId ?? '');

  ctx.setPhase('revert.write', steps.length);
  // "2026-12-02 10:15 UTC": the audit CSV says which run's value came back.
  const before = `${target.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const activeDone = new Map<string, boolean>();
  for (const step of steps) {
    ctx.throwIfCancelled();
    try {
      if (step.type === 'value') await revertValue(ctx, s, step, links, store, before);
      else if (step.type === 'active') await revertActive(ctx, s, step, links, store, activeDone, before);
      else if (step.type === 'created') await revertCreated(ctx, s, step, links, store, activeDone);
      else if (!ofCreated(step)) leaveAlone(ctx, step, null, null, KEPT);
    } catch (err) {
      if (isFatal(err)) throw err;
      ctx.count('failed');
      ctx.item({
        kind: step.item.kind as ItemKind, // a word this program wrote into the run's items
        ref: step.item.ref,
        action: 'revert',
        status: 'failed',
        message: describe(err),
      });
      ctx.log('warn', `${step.item.ref}: ${describe(err)}`);
    }
    ctx.tick();
  }
}

/** The export run to revert: a real export of this server that has ended. */
function revertTarget(ctx: RunContext, s: SyncSession, runId: string | undefined): RunSummary {
  const run = runId ? s.state.getRun(runId) : null;
  if (!run || run.serverId !== ctx.serverId) {
    throw new AppError('not_found', {
      bg: 'Изпълнението за връщане не е намерено за този сървър. Изберете го от историята.',
      en: 'The run to revert was not found for this server. Choose it in the history.',
    });
  }
  if (run.task !== 'export' || run.dryRun || run.state === 'running' || run.state === 'queued') {
    throw new AppError('invalid_payload', {
      bg: 'Връщат се само завършени изпълнения на експорта (цени, количества, активност), не пробни планове и не импорти.',
      en: 'Only finished export runs (prices, quantities, active) can be reverted, not dry runs and not imports.',
    });
  }
  return run;
}

async function revertValue(
  ctx: RunContext,
  s: SyncSession,
  step: ValueStep,
  links: Map<number, VariantLink>,
  store: Map<string, StoreProduct | null>,
  runAt: string,
): Promise<void> {
  const link = links.get(step.goodId);
  const variant = link ? store.get(link.productId)?.variants.find((v) => v.id === link.variantId) : undefined;
  const sent = formatValue(step.field, step.sent);
  if (!link || !variant) return leaveAlone(ctx, step, null, sent, GONE);
  const now = step.field === 'price' ? variant.price : variant.quantity;
  if (now !== step.sent)
    return leaveAlone(ctx, step, formatValue(step.field, now), sent, now === step.before ? ALREADY_BACK : CHANGED);
  if (step.before === null) return leaveAlone(ctx, step, sent, sent, UNKNOWN);
  if (!ctx.dryRun) {
    await s.store.updateVariant(link.variantId, { [step.field]: step.before });
    const saved = { ...link, ...(step.field === 'price' ? { lastPrice: step.before } : { lastQuantity: step.before }) };
    s.state.saveLink(ctx.serverId, saved);
    links.set(link.goodId, saved);
  }
  ctx.count(step.field === 'price' ? 'pricesReverted' : 'quantitiesReverted');
  ctx.item({
    kind: step.field,
    ref: step.item.ref,
    action: 'revert',
    oldValue: sent,
    newValue: formatValue(step.field, step.before),
    explain: `стойността преди изпълнението от ${runAt} / the value before the run of ${runAt}`,
    status: ctx.dryRun ? 'planned' : 'done',
  });
}

async function revertActive(
  ctx: RunContext,
  s: SyncSession,
  step: ActiveStep,
  links: Map<number, VariantLink>,
  store: Map<string, StoreProduct | null>,
  done: Map<string, boolean>,
  runAt: string,
): Promise<void> {
  const link = links.get(step.goodId);
  const product = link ? store.get(link.productId) : null;
  const sent = step.sent ? 'active' : 'inactive';
  if (!link || !product) return leaveAlone(ctx, step, null, sent, GONE);
  if (product.active !== step.sent && !done.has(product.id))
    return leaveAlone(ctx, step, product.active ? 'active' : 'inactive', sent, ALREADY_BACK);
  if (!ctx.dryRun) {
    // One request per product, however many of its goods the run named.
    if (!done.has(product.id)) await s.store.setProductActive(product.id, !step.sent);
    const saved = { ...link, lastActive: !step.sent };
    s.state.saveLink(ctx.serverId, saved);
    links.set(link.goodId, saved);
  }
  done.set(product.id, !step.sent);
  ctx.count(step.sent ? 'deactivated' : 'reactivated');
  ctx.item({
    kind: 'product',
    ref: step.item.ref,
    action: step.sent ? 'deactivate' : 'activate',
    oldValue: sent,
    newValue: step.sent ? 'inactive' : 'active',
    explain: `стойността преди изпълнението от ${runAt} / the value before the run of ${runAt}`,
    status: ctx.dryRun ? 'planned' : 'done',
  });
}

async function revertCreated(
  ctx: RunContext,
  s: SyncSession,
  step: Extract<RevertStep, { type: 'created' }>,
  links: Map<number, VariantLink>,
  store: Map<string, StoreProduct | null>,
  done: Map<string, boolean>,
): Promise<void> {
  const product = store.get(step.productId);
  if (!product) return leaveAlone(ctx, step, null, 'active', GONE);
  if (!product.active) return leaveAlone(ctx, step, 'inactive', 'active', ALREADY_INACTIVE);
  if (!ctx.dryRun) {
    await s.store.setProductActive(product.id, false);
    for (const link of links.values()) {
      if (link.productId !== product.id) continue;
      const saved = { ...link, lastActive: false };
      s.state.saveLink(ctx.serverId, saved);
      links.set(link.goodId, saved);
    }
  }
  done.set(product.id, false);
  ctx.count('deactivated');
  ctx.item({
    kind: 'product',
    ref: step.item.ref,
    action: 'deactivate',
    oldValue: 'active',
    newValue: 'inactive',
    explain: `създаден от това изпълнение (CloudCart #${product.id}): скрива се, не се изтрива / made by that run (CloudCart #${product.id}): set inactive, never deleted`,
    status: ctx.dryRun ? 'planned' : 'done',
  });
}

/** A change not set back: listed with what the store holds now and what the run sent. */
function leaveAlone(ctx: RunContext, step: RevertStep, now: string | null, sent: string | null, why: Localized): void {
  ctx.count('leftAlone');
  ctx.item({
    kind: step.item.kind as ItemKind, // a word this program wrote into the run's items
    ref: step.item.ref,
    action: 'left-alone',
    oldValue: now,
    newValue: sent,
    message: `${why.bg} / ${why.en}`,
    status: 'skipped',
  });
}

const CHANGED: Localized = {
  bg: 'Променено в магазина след това изпълнение: оставено както е.',
  en: 'Changed in the store since that run: left alone.',
};
const GONE: Localized = {
  bg: 'Продуктът или вариантът вече не е в магазина (или не е свързан): оставено.',
  en: 'The product or variant is no longer in the store (or no longer linked): left alone.',
};
const UNKNOWN: Localized = {
  bg: 'Стойността преди това изпълнение не е известна (изпратена е за първи път): оставено.',
  en: 'The value before that run is not known (it was sent for the first time): left alone.',
};
const ALREADY_BACK: Localized = {
  bg: 'Магазинът вече е на стойността отпреди това изпълнение (върнато ли е вече?): нищо за връщане.',
  en: 'The store already holds the value from before that run (reverted already?): nothing to revert.',
};
const ALREADY_INACTIVE: Localized = {
  bg: 'Продуктът вече е неактивен в магазина: нищо за връщане.',
  en: 'The product is already inactive in the store: nothing to revert.',
};
const KEPT: Localized = {
  bg: 'Тази промяна не се връща (полета на продукт, нов вариант на съществуващ продукт): оставено.',
  en: 'This change is not reverted (product fields, a new variant of an existing product): left alone.',
};
