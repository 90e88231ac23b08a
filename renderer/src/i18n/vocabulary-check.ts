/**
 * Every word of the engine-UI vocabulary has a text in both dictionaries: assigning the
 * dictionaries to these records fails the type check when one is missing (`npm run typecheck`).
 */
import type { AttentionReason, CountKey, ItemAction, ItemKind, Phase } from '../../../shared/types/vocabulary';
import { bg } from './bg';
import { en } from './en';

type RunEnd = 'succeeded' | 'partial' | 'failed' | 'cancelled';
export type VocabularyKey =
  | `phase.${Phase}`
  | `phase.end.${RunEnd}`
  | `count.${CountKey}`
  | `reason.${AttentionReason}`
  | `kind.${ItemKind}`
  | `action.${ItemAction}`;

export const bgVocabulary: Record<VocabularyKey, string> = bg;
export const enVocabulary: Record<VocabularyKey, string> = en;
