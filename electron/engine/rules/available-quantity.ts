/**
 * The quantity sent to the store (B2): on hand over the chosen objects, minus what open client
 * orders (OperType 19) reserve, minus the optional buffer, floored at 0. Kept with its parts so the
 * plan and the audit log can explain every number.
 */
export interface QuantityParts {
  onHand: number;
  reserved: number;
}

export interface AvailableQuantity extends QuantityParts {
  buffer: number;
  available: number;
  explain: string;
}

/** CloudCart keeps quantity with 3 decimals. */
export function roundQuantity(q: number): number {
  return Math.round(q * 1000) / 1000;
}

export function availableQuantity(parts: QuantityParts, buffer: number): AvailableQuantity {
  const raw = parts.onHand - parts.reserved - buffer;
  const available = roundQuantity(Math.max(0, raw));
  const explain =
    `наличност ${roundQuantity(parts.onHand)} − поръчки ${roundQuantity(parts.reserved)}` +
    (buffer ? ` − буфер ${buffer}` : '') +
    (raw < 0 ? ` = ${roundQuantity(raw)} -> 0` : ` = ${available}`);
  return { ...parts, buffer, available, explain };
}
