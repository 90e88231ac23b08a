/**
 * Why a run item is what it is, as a key plus parameters rather than text: the engine writes no
 * language, the UI and the audit CSV say it in the reader's (`shared/i18n/explain-texts.ts`).
 * An item's `explain` column holds the encoded list; older items (and explanations not yet moved
 * to keys) hold plain text, which is shown as it is.
 */

export const EXPLAIN_KEYS = ['quantity', 'order.placed', 'order.lines', 'order.replacedText'] as const;
export type ExplainKey = (typeof EXPLAIN_KEYS)[number];

export type ExplainParams = Record<string, string | number | boolean | null>;
export interface Explained {
  key: ExplainKey;
  params: ExplainParams;
}
/** One part of an explanation: a key with parameters, or a piece of plain text. */
export type ExplainPart = Explained | string;

const MARK = '{"explain":';

export function explained(key: ExplainKey, params: ExplainParams): string {
  return encodeExplain([{ key, params }]);
}

export function encodeExplain(parts: ExplainPart[]): string {
  return `${MARK}${JSON.stringify(parts)}}`;
}

/** The parts of an explanation; plain text is one text part; null when there is none. */
export function decodeExplain(text: string | null | undefined): ExplainPart[] | null {
  if (text === null || text === undefined || text === '') return null;
  if (text.startsWith(MARK)) {
    try {
      const parsed = JSON.parse(text) as { explain?: unknown };
      if (Array.isArray(parsed.explain)) return parsed.explain as ExplainPart[];
    } catch {
      // not ours after all: shown as text
    }
  }
  return [text];
}

/** Several explanations (encoded or plain) as one, in order; empty ones left out. */
export function joinExplain(...texts: (string | null | undefined)[]): string | null {
  const parts = texts.flatMap((t) => decodeExplain(t) ?? []);
  if (parts.length === 0) return null;
  return parts.every((p) => typeof p === 'string') ? parts.join('; ') : encodeExplain(parts);
}
