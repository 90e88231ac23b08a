/**
 * A product name the store can hold: CloudCart caps `name` at 191 characters and refuses the save
 * above that (cloudcart/platform-wiki: wiki/entities/product/product-entity-attributes.md). Warehouse
 * Pro allows 255, so a longer name is cut at the last whole word that fits (or hard at 191 when one
 * word is longer), trailing punctuation dropped, and the run says so with a warning item.
 */
import type { RunContext } from './run-context';

export const STORE_NAME_MAX = 191;

export function fitStoreName(name: string): { name: string; shortened: boolean } {
  const whole = name.trim();
  const chars = Array.from(whole);
  if (chars.length <= STORE_NAME_MAX) return { name: whole, shortened: false };
  const head = chars.slice(0, STORE_NAME_MAX + 1).join('');
  const lastSpace = head.search(/\s\S*$/u);
  // A word boundary in the last third keeps the name readable; one enormous word is cut hard.
  const cut =
    lastSpace >= STORE_NAME_MAX * (2 / 3) ? head.slice(0, lastSpace) : chars.slice(0, STORE_NAME_MAX).join('');
  return { name: cut.replace(/[\s,;:/–-]+$/u, '').trim(), shortened: true };
}

/** The name to send, with a warning item in the run when it had to be shortened. */
export function storeName(ctx: RunContext, ref: string, full: string): string {
  const fit = fitStoreName(full);
  if (fit.shortened) {
    ctx.count('namesShortened');
    ctx.item({
      kind: 'product',
      ref,
      action: 'shorten-name',
      oldValue: full,
      newValue: fit.name,
      status: ctx.dryRun ? 'planned' : 'done',
      message: `Името е по-дълго от ${STORE_NAME_MAX} знака (ограничението на CloudCart) и е съкратено до последната цяла дума; съкратете го в Склад Про, ако искате друг текст. / The name is longer than CloudCart's ${STORE_NAME_MAX} characters and was cut at the last whole word; shorten it in Warehouse Pro for another wording.`,
    });
  }
  return fit.name;
}
