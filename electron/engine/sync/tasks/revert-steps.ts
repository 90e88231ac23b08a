/**
 * What a revert (B10) would set back, read from the items of the export run it reverts: each price
 * and quantity that run sent (with the value before it), each product it set inactive or active
 * again, and each product it created. Pure: the store is read, and compared, in `revert-task.ts`.
 */
import type { RunItem } from '../../../../shared/types/sync';
import { CREATED_MARK } from './export-catalog';

/** A price or a quantity the run sent: `sent` is what it wrote, `before` what was there (null: not known). */
export interface ValueStep {
  type: 'value';
  item: RunItem;
  goodId: number;
  field: 'price' | 'quantity';
  sent: number;
  before: number | null;
}

/** A product the run set inactive (`sent` false) or active again (`sent` true). */
export interface ActiveStep {
  type: 'active';
  item: RunItem;
  goodId: number;
  sent: boolean;
}

/** A product the run created: a revert sets it inactive, never deletes it. */
export interface CreatedStep {
  type: 'created';
  item: RunItem;
  productId: string;
}

/** A change a revert does not undo (a product's own fields, a variant added to a product that stays). */
export interface KeptStep {
  type: 'kept';
  item: RunItem;
  goodId: number | null;
}

export type RevertStep = ValueStep | ActiveStep | CreatedStep | KeptStep;

/** Items that are bookkeeping, not a change to the store a person would want back. */
const BOOKKEEPING = new Set(['link', 'take-over', 'drop-stale']);

export function revertSteps(items: RunItem[]): RevertStep[] {
  const steps: RevertStep[] = [];
  for (const item of items) {
    if (item.status !== 'done' || BOOKKEEPING.has(item.action)) continue;
    const goodId = goodIdOf(item.ref);
    if (item.kind === 'price' && item.action === 'update' && goodId !== null) {
      const sent = minor(item.newValue);
      if (sent !== null)
        steps.push({ type: 'value', item, goodId, field: 'price', sent, before: minor(item.oldValue) });
    } else if (item.kind === 'quantity' && item.action === 'update' && goodId !== null) {
      const sent = whole(item.newValue);
      if (sent !== null)
        steps.push({ type: 'value', item, goodId, field: 'quantity', sent, before: whole(item.oldValue) });
    } else if (item.kind === 'variant' && item.action === 'zero-quantity' && goodId !== null) {
      // Runs before the revert existed did not record the quantity before: `before` is then unknown.
      steps.push({ type: 'value', item, goodId, field: 'quantity', sent: 0, before: whole(item.oldValue) });
    } else if (item.kind === 'product' && (item.action === 'deactivate' || item.action === 'activate') && goodId) {
      steps.push({ type: 'active', item, goodId, sent: item.action === 'activate' });
    } else if (item.kind === 'product' && item.action === 'create') {
      const productId = createdProductId(item.newValue);
      if (productId) steps.push({ type: 'created', item, productId });
      else steps.push({ type: 'kept', item, goodId: null });
    } else if (item.kind === 'product' && item.action === 'update') {
      steps.push({ type: 'kept', item, goodId });
    } else if (item.kind === 'variant' && item.action === 'create') {
      steps.push({ type: 'kept', item, goodId });
    }
  }
  return steps;
}

/** "123 Тениска": the Warehouse Pro good id an item's ref starts with. */
export function goodIdOf(ref: string): number | null {
  const id = Number(ref.split(' ')[0]);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The store product id a product create item names ("simple; CloudCart #123"), or null. */
export function createdProductId(newValue: string | null): string | null {
  const at = newValue?.lastIndexOf(CREATED_MARK) ?? -1;
  if (at < 0) return null;
  const id = newValue!.slice(at + CREATED_MARK.length).trim();
  return /^\d+$/.test(id) ? id : null;
}

/** "12.34" -> 1234 minor units; null for no value. */
function minor(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

function whole(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export const formatValue = (field: 'price' | 'quantity', value: number | null): string | null =>
  value === null ? null : field === 'price' ? (value / 100).toFixed(2) : String(value);
