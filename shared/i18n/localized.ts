/** A text in both UI languages. Errors carry one so they reach the user in the user's language. */
export interface Localized {
  bg: string;
  en: string;
}

export function pick(text: Localized, locale: 'bg' | 'en'): string {
  return text[locale] ?? text.bg;
}
