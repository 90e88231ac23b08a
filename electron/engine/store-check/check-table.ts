/**
 * The check as text, for the command line and for support: a table `behaviour | documented |
 * seen | ok` in the chosen language (long cells wrap inside their column), then what to do for
 * each row that does not hold, then the one-line summary.
 */
import { pick } from '../../../shared/i18n/localized';
import type { StoreCompatibility } from '../../../shared/types/store-check';

type Locale = 'bg' | 'en';

const HEADERS: Record<Locale, [string, string, string, string]> = {
  bg: ['поведение', 'документирано', 'видяно', 'ок'],
  en: ['behaviour', 'documented', 'seen', 'ok'],
};
const OK: Record<Locale, Record<'true' | 'false' | 'null', string>> = {
  bg: { true: 'да', false: 'не', null: '—' },
  en: { true: 'yes', false: 'no', null: '—' },
};
const WIDTHS = [30, 34, 40];

export function checkTable(result: StoreCompatibility, locale: Locale): string {
  const t = (bg: string, en: string) => (locale === 'bg' ? bg : en);
  const headers = HEADERS[locale];
  const okWidth = Math.max(headers[3].length, ...Object.values(OK[locale]).map((s) => s.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(i < 3 ? WIDTHS[i] : okWidth))
      .join(' | ')
      .trimEnd();
  const out = [
    t(
      `Проверка на магазина ${result.domain} (${when(result.checkedAt)}, ${result.requests} заявки)`,
      `Store check of ${result.domain} (${when(result.checkedAt)}, ${result.requests} requests)`,
    ),
    '',
    line(headers),
    [...WIDTHS, okWidth].map((w) => '-'.repeat(w)).join('-+-'),
  ];
  for (const row of result.rows) {
    const cells = [pick(row.behaviour, locale), pick(row.documented, locale), pick(row.seen, locale)].map((c, i) =>
      wrap(c, WIDTHS[i]),
    );
    const height = Math.max(...cells.map((c) => c.length));
    for (let i = 0; i < height; i++)
      out.push(line([cells[0][i] ?? '', cells[1][i] ?? '', cells[2][i] ?? '', i === 0 ? OK[locale][`${row.ok}`] : '']));
  }
  const failing = result.rows.filter((r) => r.ok === false);
  const notes = result.rows.filter((r) => r.ok !== false && r.advice);
  if (failing.length) {
    out.push('', t('Не е в ред:', 'Does not hold:'));
    for (const r of failing)
      out.push(`- ${pick(r.behaviour, locale)}: ${r.advice ? pick(r.advice, locale) : pick(r.seen, locale)}`);
  }
  if (notes.length) {
    out.push('', t('Бележки:', 'Notes:'));
    for (const r of notes) out.push(`- ${pick(r.behaviour, locale)}: ${pick(r.advice!, locale)}`);
  }
  out.push('', pick(result.summary, locale));
  if (result.leftBehind)
    out.push(
      t(
        `Остана пробният продукт #${result.leftBehind.productId} „${result.leftBehind.name}“: изтрийте го на ръка в CloudCart.`,
        `The test product #${result.leftBehind.productId} "${result.leftBehind.name}" is left behind: delete it by hand in CloudCart.`,
      ),
    );
  if (result.reportFile) out.push(t(`Докладът е записан: ${result.reportFile}`, `Report saved: ${result.reportFile}`));
  return out.join('\n');
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Splits a text into lines of at most `width` characters, at spaces where it can. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (current) lines.push(current);
      current = '';
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!current) current = w;
    else if (current.length + 1 + w.length <= width) current += ` ${w}`;
    else {
      lines.push(current);
      current = w;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}
