/**
 * Product naming (S16, issue 13 point 8): a product made of several goods is named by what those
 * goods share, in whole words, without the variant values at the end. Pure: no I/O.
 */
import type { WpGood } from '../sync/ports';
import { optionsOf } from './variant-grouping';

const clean = (s: string | null | undefined) => (s ?? '').trim();

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
