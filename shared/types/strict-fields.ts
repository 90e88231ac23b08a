/**
 * Unknown fields in a profile are an error, not a silent default: `"priceColum": 3` must not leave
 * the price column at 2 without a word. The profile schemas are strict objects; this turns zod's
 * "unrecognized key" issues into a message that names the field by its path and, when the key is
 * a near miss of a known one, suggests it.
 */
import type { z } from 'zod';
import type { Localized } from '../i18n/localized';

export interface UnknownField {
  /** Dotted path of the unknown key, e.g. `settings.exportTask.priceColum`. */
  path: string;
  key: string;
  /** The known key it is probably a misspelling of, or null. */
  suggestion: string | null;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** The keys an object at `path` inside `schema` accepts (every option's, for a union). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'prefault':
      return def.innerType ? knownKeysAt(def.innerType, path) : [];
    case 'pipe':
      return def.in ? knownKeysAt(def.in, path) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => knownKeysAt(o, path)))];
    case 'array':
      return path.length && def.element ? knownKeysAt(def.element, path.slice(1)) : [];
    case 'object': {
      const shape = def.shape ?? {};
      if (path.length === 0) return Object.keys(shape);
      const next = shape[String(path[0])];
      return next ? knownKeysAt(next, path.slice(1)) : [];
    }
    default:
      return [];
  }
}

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = above;
    }
  }
  return row[b.length];
}

/** The known key `key` is most likely a misspelling of (case, a letter or two, `_`/`-`), or null. */
export function closestKey(key: string, known: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  let best: { key: string; d: number } | null = null;
  for (const candidate of known) {
    const d = norm(candidate) === norm(key) ? 0 : distance(norm(key), norm(candidate));
    if (!best || d < best.d) best = { key: candidate, d };
  }
  if (!best) return null;
  return best.d <= Math.max(2, Math.floor(key.length / 4)) ? best.key : null;
}

/** The unknown keys among `issues` of a parse with `schema`, each with its path and a suggestion. */
export function unknownFields(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): UnknownField[] {
  const out: UnknownField[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      out.push({ path: [...issue.path.map(String), key].join('.'), key, suggestion: closestKey(key, known) });
    }
  }
  return out;
}

export function unknownFieldText(field: UnknownField): Localized {
  return field.suggestion
    ? {
        bg: `непознато поле „${field.path}“ (може би „${field.suggestion}“?)`,
        en: `unknown field "${field.path}" (did you mean "${field.suggestion}"?)`,
      }
    : { bg: `непознато поле „${field.path}“`, en: `unknown field "${field.path}"` };
}

/**
 * `value` without the keys `schema` does not know, for data this program wrote itself under an
 * older version (a stored profile whose setting was since removed): reading it must not fail.
 */
export function withoutUnknownKeys<T>(schema: z.ZodType, value: T): T {
  const copy = structuredClone(value);
  for (let round = 0; round < 8; round++) {
    const parsed = schema.safeParse(copy);
    const unknown = parsed.success ? [] : parsed.error.issues.filter((i) => i.code === 'unrecognized_keys');
    if (unknown.length === 0) break;
    for (const issue of unknown) {
      let target: unknown = copy;
      for (const step of issue.path) target = (target as Record<PropertyKey, unknown> | null)?.[step];
      if (target && typeof target === 'object')
        for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
    }
  }
  return copy;
}
