/**
 * The explanations of run items in both languages (keys in `shared/types/explain.ts`). Shared by
 * the renderer (plan, history) and the engine's audit CSV, so both say the same words.
 */
import { decodeExplain, type ExplainKey, type ExplainParams } from '../types/explain';

type Locale = 'bg' | 'en';
type Say = (p: ExplainParams) => string;

const n = (v: unknown) => String(v ?? '');

const ownOrders: Record<Locale, (p: ExplainParams) => string> = {
  bg: (p) =>
    p.ownMode === 'none' ? ' (не се броят)' : p.ownMode === 'recent' ? ` (до ${n(p.ownDays)} дни)` : ' (всички)',
  en: (p) =>
    p.ownMode === 'none' ? ' (not counted)' : p.ownMode === 'recent' ? ` (up to ${n(p.ownDays)} days)` : ' (all)',
};

const TEXTS: Record<Locale, Record<ExplainKey, Say>> = {
  bg: {
    quantity: (p) =>
      `наличност ${n(p.onHand)}` +
      (p.importedOrders !== null && p.importedOrders !== undefined
        ? ` − поръчки от магазина ${n(p.importedOrders)} − поръчки в Склад Pro${ownOrders.bg(p)} ${n(p.ownOrders)}`
        : ` − поръчки ${n(p.reserved)}`) +
      (p.buffer ? ` − буфер ${n(p.buffer)}` : '') +
      (Number(p.raw) < 0 ? ` = ${n(p.raw)} -> 0` : ` = ${n(p.available)}`),
    'order.placed': (p) =>
      `поръчана ${n(p.createdAt)} ${n(p.timeZone)}${p.instant ? ` (${n(p.instant)})` : ''}; цени ${p.vat ? 'с' : 'без'} ДДС (${p.vatFrom === 'order' ? 'поръчката' : 'настройка'})`,
    'order.lines': (p) => `обект ${n(p.objectId)}, ${n(p.count)} реда: ${n(p.lines)}`,
    'order.replacedText': (p) => `заменен текст: ${n(p.fields)}`,
  },
  en: {
    quantity: (p) =>
      `on hand ${n(p.onHand)}` +
      (p.importedOrders !== null && p.importedOrders !== undefined
        ? ` − store orders ${n(p.importedOrders)} − Warehouse Pro orders${ownOrders.en(p)} ${n(p.ownOrders)}`
        : ` − orders ${n(p.reserved)}`) +
      (p.buffer ? ` − buffer ${n(p.buffer)}` : '') +
      (Number(p.raw) < 0 ? ` = ${n(p.raw)} -> 0` : ` = ${n(p.available)}`),
    'order.placed': (p) =>
      `placed ${n(p.createdAt)} ${n(p.timeZone)}${p.instant ? ` (${n(p.instant)})` : ''}; prices ${p.vat ? 'include' : 'exclude'} VAT (${p.vatFrom === 'order' ? 'the order' : 'setting'})`,
    'order.lines': (p) => `object ${n(p.objectId)}, ${n(p.count)} lines: ${n(p.lines)}`,
    'order.replacedText': (p) => `text replaced: ${n(p.fields)}`,
  },
};

/** An item's explanation in the reader's language; plain text as it was written. */
export function sayExplain(text: string | null | undefined, locale: Locale): string | null {
  const parts = decodeExplain(text);
  if (!parts) return null;
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const say = TEXTS[locale][part.key];
      return say ? say(part.params) : part.key;
    })
    .join('; ');
}
