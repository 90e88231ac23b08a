/**
 * Text the database's character set cannot hold (emoji on a MySQL `utf8` = utf8mb3 database,
 * anything outside Windows-1251 on a `cp1251` one) is replaced by "?" visibly and reported,
 * rather than failing the order or cutting it short.
 */
const CP1251_EXTRA = 'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ ЎўЈ¤Ґ¦§Ё©Є«¬­®Ї°±Ііґµ¶·ё№є»јЅѕї';

export type Charset = 'utf8mb4' | 'utf8' | 'cp1251' | 'unicode';

export function charsetOf(mysqlCharset: string | null | undefined): Charset {
  const c = (mysqlCharset ?? '').toLowerCase();
  if (c === 'utf8' || c === 'utf8mb3') return 'utf8';
  if (c === 'cp1251') return 'cp1251';
  if (c === 'utf8mb4') return 'utf8mb4';
  return 'unicode';
}

function fits(ch: string, charset: Charset): boolean {
  const cp = ch.codePointAt(0)!;
  if (charset === 'utf8') return cp <= 0xffff;
  if (charset === 'cp1251') return cp < 0x80 || (cp >= 0x410 && cp <= 0x44f) || CP1251_EXTRA.includes(ch);
  return true;
}

/** Returns the text as the database can store it, and whether anything was replaced. */
export function fitText(value: string, charset: Charset, maxLength = 255): { text: string; replaced: boolean } {
  let replaced = false;
  let out = '';
  for (const ch of value) {
    if (fits(ch, charset)) out += ch;
    else {
      out += '?';
      replaced = true;
    }
  }
  return { text: [...out].slice(0, maxLength).join(''), replaced };
}
