/**
 * Store products that carry no SKU and no barcode on any variant can only be matched by name, and
 * a name is not proof (issue 12 point 9): the merchant may have a product of that name of their own.
 * Such a product is taken over without asking only when this program made it: a creation noted as
 * under way for this product (a run stopped between `POST /products` and its first variant) or a
 * product the sync recorded as created. Any other one is a "possible match": the product is not
 * created, the run shows the match, and "needs attention" asks the user to confirm it (take that
 * store product over) or to create a new product; the next export does what they chose.
 */
import type { StoreProduct } from '../ports';
import type { RunContext } from '../run-context';
import type { VariantLink } from '../sync-state';
import type { SyncSession } from './session';

const norm = (s: string) => s.trim().toLowerCase();
const sameParameters = (a: string[], b: string[]) => a.map(norm).join('\u0000') === b.map(norm).join('\u0000');

/** Store products without a SKU or barcode that no link points to, by name. */
export class KeylessProducts {
  private readonly pool: StoreProduct[];

  constructor(catalog: StoreProduct[] | null, links: Map<number, VariantLink>) {
    const linked = new Set([...links.values()].map((l) => l.productId));
    this.pool = (catalog ?? []).filter(
      (p) => !linked.has(p.id) && p.variants.every((v) => !v.sku.trim() && !v.barcode.trim()),
    );
  }

  find(name: string, parameters: string[]): StoreProduct[] {
    return this.pool
      .filter((p) => norm(p.name) === norm(name) && sameParameters(p.parameters, parameters))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  take(id: string): void {
    const i = this.pool.findIndex((p) => p.id === id);
    if (i >= 0) this.pool.splice(i, 1);
  }
}

export type TakeOver =
  { kind: 'create' } | { kind: 'hold' } | { kind: 'take'; productId: string; why: 'resumed' | 'confirmed' };

export const POSSIBLE_MATCH = 'possible_match';

export function decideTakeOver(
  ctx: RunContext,
  s: SyncSession,
  pool: KeylessProducts,
  productKey: string,
  ref: string,
  name: string,
  parameters: string[],
): TakeOver {
  const candidates = pool.find(name, parameters);
  if (!candidates.length) return { kind: 'create' };
  const pending = s.state.pendingProduct(ctx.serverId, productKey);
  const made = s.state.productFields(ctx.serverId);
  // Ours: one the sync recorded as created, or (after a stop mid-creation) the newest of that name.
  const own =
    candidates.find((c) => made.has(c.id)) ??
    (pending && norm(pending.name) === norm(name) ? candidates[candidates.length - 1] : undefined);
  if (own) {
    pool.take(own.id);
    return { kind: 'take', productId: own.id, why: 'resumed' };
  }
  const decision = s.state.matchDecision(ctx.serverId, productKey);
  if (decision?.decision === 'create') return { kind: 'create' };
  const chosen = decision?.decision === 'link' ? candidates.find((c) => c.id === decision.productId) : undefined;
  if (chosen) {
    pool.take(chosen.id);
    return { kind: 'take', productId: chosen.id, why: 'confirmed' };
  }
  const candidate = candidates[0];
  ctx.count('possibleMatches');
  ctx.item({
    kind: 'match',
    ref,
    action: 'possible-match',
    newValue: `CloudCart #${candidate.id} ${candidate.name}`,
    status: 'skipped',
    message:
      'В магазина има продукт със същото име, но без SKU и баркод: може да е същият. Потвърдете в „Изисква внимание“ дали да бъде свързан или да се създаде нов. / The store has a product of the same name without SKU or barcode: it may be this one. Confirm under "Needs attention" whether to link it or create a new one.',
  });
  s.state.flag(ctx.serverId, {
    kind: POSSIBLE_MATCH,
    ref: productKey,
    reason: POSSIBLE_MATCH,
    detail: `CloudCart #${candidate.id} „${candidate.name}“ ↔ ${ref}`,
  });
  return { kind: 'hold' };
}

/** The store product id a possible-match item proposes (from its detail). */
export function proposedProductId(detail: string): string | null {
  return /CloudCart #(\S+)/.exec(detail)?.[1] ?? null;
}
