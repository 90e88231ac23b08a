/**
 * Unit conversions between Warehouse Pro (major units, kilograms, decimal quantities) and
 * CloudCart JSON-API v2 (integer minor units, integer grams, decimal(20,3) quantities).
 */

/** 12.345 -> 1235 (half away from zero, without binary float surprises like 1.005 * 100 = 100.499...). */
export function toMinor(major: number): number {
  if (!Number.isFinite(major)) throw new RangeError('Price must be a finite number.');
  const sign = major < 0 ? -1 : 1;
  return sign * Math.round(Number((Math.abs(major) * 100).toPrecision(12)));
}

/** 1235 -> 12.35 */
export function fromMinor(minor: number): number {
  return Math.round(minor) / 100;
}

/** Kilograms to whole grams; null stays null. */
export function kgToGrams(kg: number | null | undefined): number | null {
  if (kg == null || !Number.isFinite(kg)) return null;
  return Math.round(Number((kg * 1000).toPrecision(12)));
}

/** Grams to kilograms. */
export function gramsToKg(grams: number | null | undefined): number | null {
  if (grams == null || !Number.isFinite(grams)) return null;
  return grams / 1000;
}

/** A quantity as CloudCart stores it: 3 decimals. Accepts the API's strings ("12.500"). */
export function quantity3(q: number | string | null | undefined): number {
  const n = typeof q === 'string' ? Number(q) : (q ?? 0);
  if (!Number.isFinite(n)) return 0;
  const r = Math.round(Number((n * 1000).toPrecision(15))) / 1000;
  return Object.is(r, -0) ? 0 : r;
}

/** A money value from the API, which should be an integer but may come as a string. */
export function minorFromApi(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : 0;
  return Number.isFinite(n) ? Math.round(n) : 0;
}
