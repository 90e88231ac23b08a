/** Turns a dry run's items into the plan's tables: what changes, grouped the way a person checks it. */
import type { RunItem } from '../../../../shared/types/sync';

export interface PlanTables {
  prices: RunItem[];
  quantities: RunItem[];
  /** Products to create, each followed by its variants (depth 1). */
  catalog: (RunItem & { depth: 0 | 1 })[];
  orders: RunItem[];
  other: RunItem[];
  /** A revert's changes it does not make: the store changed since the run (or the product is gone). */
  leftAlone: RunItem[];
}

export function planTables(items: RunItem[]): PlanTables {
  const tables: PlanTables = { prices: [], quantities: [], catalog: [], orders: [], other: [], leftAlone: [] };
  for (const item of items) {
    if (item.action === 'left-alone') tables.leftAlone.push(item);
    else if (item.kind === 'price') tables.prices.push(item);
    else if (item.kind === 'quantity') tables.quantities.push(item);
    else if (item.kind === 'product' && item.action === 'create') tables.catalog.push({ ...item, depth: 0 });
    // The engine records a product before its variants, so a variant belongs to the product above it.
    else if (item.kind === 'variant' && item.action === 'create') tables.catalog.push({ ...item, depth: 1 });
    else if (item.kind === 'order') tables.orders.push(item);
    else tables.other.push(item);
  }
  return tables;
}

/** "123 Тениска Синя": the Warehouse Pro id and the name, as the engine writes an item's ref. */
export function splitRef(ref: string): { id: string; name: string } {
  const space = ref.indexOf(' ');
  return space < 0 ? { id: ref, name: '' } : { id: ref.slice(0, space), name: ref.slice(space + 1) };
}

/**
 * The user's half of an engine text written in both languages ("… / …", as a revert's reasons
 * are); a text without exactly one separator is shown whole.
 */
export function localPart(text: string | null, locale: 'bg' | 'en'): string | null {
  if (text === null) return null;
  const parts = text.split(' / ');
  return parts.length === 2 ? parts[locale === 'bg' ? 0 : 1] : text;
}
