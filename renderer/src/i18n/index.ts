/**
 * i18n: two typed dictionaries and `useT()`. The locale lives in the settings store (persisted by
 * the engine through `settings:set`), so every component re-renders when it changes.
 */
import { useCallback } from 'react';
import type { Locale } from '../../../shared/ipc/contract';
import { useSettingsStore } from '../stores/settings-store';
import { bg, type Dictionary, type MessageKey } from './bg';
import { en } from './en';

export type { MessageKey } from './bg';

const dictionaries: Record<Locale, Dictionary> = { bg, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[locale][key] ?? bg[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in bg;
}

/** The translate function for the current locale. */
export function useT(): Translate {
  const locale = useSettingsStore((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}

export function useLocale(): Locale {
  return useSettingsStore((s) => s.locale);
}

/** The text for a field problem's code (`required`, `invalid_domain`, ...), from the UI or the engine. */
export function fieldErrorText(t: Translate, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const key = `field.${code}`;
  return isMessageKey(key) ? t(key) : t('field.invalid');
}

/**
 * An item's kind or action in words. Items kept from older versions may carry a word the
 * vocabulary no longer has: those show as they were stored.
 */
export function wordFor(t: Translate, group: 'kind' | 'action', word: string): string {
  const key = `${group}.${word}`;
  return isMessageKey(key) ? t(key) : word;
}
