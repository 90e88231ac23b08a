/**
 * CSV for the audit and mapping exports: RFC 4180 quoting, a BOM so Excel opens Cyrillic correctly,
 * `,` between fields unless told (the mapping file uses `;`, what Excel expects in Bulgaria).
 */

/**
 * Text a spreadsheet program would run as a formula when it starts a cell: `=`, `+`, `-`, `@`,
 * and a tab or carriage return before them (OWASP's CSV injection list). Such a cell gets a
 * leading `'`, which Excel and LibreOffice show as text. Store texts (product names, customer
 * names) come from outside, so any of them may try.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(header: string[], rows: (string | number | null)[][], separator = ','): string {
  const cell = (v: string | number | null) => {
    // A number is written as the number it is: -5 is a value, not a formula.
    if (typeof v === 'number') return String(v);
    const s = v ?? '';
    const safe = FORMULA_START.test(s) ? `'${s}` : s;
    return /[",\r\n;\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(separator)).join('\r\n') + '\r\n';
}
