/**
 * Store times. CloudCart's `date_added` is `Y-m-d H:i:s` with no zone (cloudcart-api.md §3.3; the
 * wiki casts only `shipping_*` to the site's local zone with an offset, api-orders-attributes.md),
 * so it is read as a wall clock in the store's time zone (a setting, default Europe/Sofia), never in
 * the PC's. A time the autumn change repeats is the first of the two; one the spring change skips
 * moves forward by the gap (as Temporal's "compatible" rule does).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** "2026-10-25 03:20:00" in the store's zone -> the instant; null when the text is not a date. */
export function storeTimeToInstant(wall: string, timeZone: string): Date | null {
  const m = WALL.exec(wall.trim());
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (!Number.isFinite(asUtc)) return null;
  const day = 24 * 3600 * 1000;
  const before = asUtc - offsetAt(asUtc - day, timeZone);
  const after = asUtc - offsetAt(asUtc + day, timeZone);
  const valid = [...new Set([before, after])].filter((t) => t + offsetAt(t, timeZone) === asUtc);
  return new Date(valid.length ? Math.min(...valid) : before);
}

/** The store's calendar day of a store time ("2026-10-25 03:20:00" -> "2026-10-25"), or null. */
export function storeDay(wall: string): string | null {
  const m = WALL.exec(wall.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
