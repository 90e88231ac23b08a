/**
 * The quantity sent to the store (B2, issue 15 point 8): on hand over the chosen objects, minus
 * what is reserved, minus the optional buffer, floored at 0. Reserved has two parts: (a) our
 * imported orders still open in the store, and (b) Warehouse Pro's own client orders (OperType 19)
 * as the setting chooses: all, those younger than N days, or none. Kept with its parts so the plan
 * and the audit log can explain every number.
 */
import { explained } from '../../../shared/types/explain';

export interface QuantityParts {
  onHand: number;
  /** Everything reserved: `importedOrders` + `ownOrders` when those are known. */
  reserved: number;
  /** (a) Our imported orders still open in the store. */
  importedOrders?: number;
  /** (b) Warehouse Pro's own client orders counted by the setting. */
  ownOrders?: number;
}

export interface AvailableQuantity extends QuantityParts {
  buffer: number;
  available: number;
  /** Encoded key + numbers (`shared/types/explain.ts`). */
  explain: string;
}

/** The setting for (b), as the explanation names it. */
export interface OwnOrdersSetting {
  mode: 'all' | 'recent' | 'none';
  days: number;
}

/** CloudCart keeps quantity with 3 decimals. */
export function roundQuantity(q: number): number {
  return Math.round(q * 1000) / 1000;
}

export function availableQuantity(parts: QuantityParts, buffer: number, own?: OwnOrdersSetting): AvailableQuantity {
  const raw = parts.onHand - parts.reserved - buffer;
  const available = roundQuantity(Math.max(0, raw));
  const split = parts.importedOrders !== undefined && parts.ownOrders !== undefined;
  // A key and its numbers: the UI and the audit CSV say it in the reader's language.
  const explain = explained('quantity', {
    onHand: roundQuantity(parts.onHand),
    reserved: roundQuantity(parts.reserved),
    importedOrders: split ? roundQuantity(parts.importedOrders!) : null,
    ownOrders: split ? roundQuantity(parts.ownOrders!) : null,
    ownMode: own?.mode ?? 'all',
    ownDays: own?.days ?? null,
    buffer,
    raw: roundQuantity(raw),
    available,
  });
  return { ...parts, buffer, available, explain };
}
