/**
 * Masks the secrets this program knows (every server's API key and database password) wherever
 * they appear in a log line, a run's error or an item's message, labelled or not: a store that
 * echoes the key in an error, or a driver that puts a password in a message, never gets it into
 * a log, the state database or the UI. The patterns in `engine/secrets/redact.ts` catch what is labelled
 * (`password=`, `Bearer ...`); this catches the values themselves.
 *
 * A very short password would turn every log into asterisks if masked inside words: values of 6
 * characters and more are masked anywhere, 3 to 5 as whole tokens only, shorter ones not at all.
 */
export const MASK = '***';

const MIN_ANYWHERE = 6;
const MIN_TOKEN = 3;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a value takes in text: as is, percent-encoded (URLs), JSON-escaped (bodies). */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  let encoded = value;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // a lone surrogate cannot be encoded: the value itself is still masked
  }
  return [...new Set([value, encoded, json])];
}

/** One regular expression for a set of values, longest first (a key that contains another). */
export function secretPattern(values: readonly string[]): RegExp | null {
  const parts: string[] = [];
  const known = [...new Set(values.filter((v) => v.length >= MIN_TOKEN))].sort((a, b) => b.length - a.length);
  for (const value of known) {
    for (const form of forms(value)) {
      parts.push(value.length >= MIN_ANYWHERE ? escape(form) : `(?<![\\p{L}\\p{N}])${escape(form)}(?![\\p{L}\\p{N}])`);
    }
  }
  return parts.length ? new RegExp(parts.join('|'), 'gu') : null;
}

export function maskKnownSecrets(text: string, values: readonly string[]): string {
  const pattern = secretPattern(values);
  return pattern ? text.replace(pattern, MASK) : text;
}

/** Keeps the compiled pattern while the set of secrets stays the same (log lines are many). */
export class SecretMasker {
  private values: readonly string[] = [];
  private pattern: RegExp | null = null;

  constructor(private readonly source: () => readonly string[]) {}

  mask = (text: string): string => {
    let values = this.values;
    try {
      values = this.source();
    } catch {
      // the source is gone (the state database closed under a late log line): keep the last set
    }
    if (values !== this.values) {
      this.values = values;
      this.pattern = secretPattern(values);
    }
    return this.pattern && text ? text.replace(this.pattern, MASK) : text;
  };
}
