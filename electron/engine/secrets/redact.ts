/**
 * Masks secrets before a line reaches a log file. The engine already keeps secrets out of its
 * messages; this is the second fence for what a driver or HTTP library may put in an error:
 * credentials in URLs, `password=`/`pwd=`/`apiKey:` pairs (connection strings, JSON, headers),
 * bearer tokens, and, given the servers' known secrets, those values wherever they stand,
 * labelled or not (`engine/secrets/secret-mask.ts`).
 */
import { maskKnownSecrets } from './secret-mask';

const PATTERNS: [RegExp, string][] = [
  // scheme://user:password@host (the scheme's length is bounded: an unbounded `*` there makes a long
  // line of letters take quadratic time)
  [/([a-z][a-z0-9+.-]{0,30}:\/\/[^:/\s@]{1,200}):[^@\s/]{1,200}@/gi, '$1:***@'],
  // key=value, key: value, "key":"value" (JSON), for the usual secret names
  [
    /((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|authorization)"?\s*[=:]\s*"?)(?:Bearer\s+|Basic\s+)?[^\s"',;&}]+/gi,
    '$1***',
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***'],
];

export function redactSecrets(text: string, known: readonly string[] = []): string {
  const masked = known.length ? maskKnownSecrets(text, known) : text;
  return PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), masked);
}
