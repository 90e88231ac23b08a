/**
 * CSV for the audit and mapping exports: RFC 4180 quoting, a BOM so Excel opens Cyrillic correctly,
 * `,` between fields unless told (the mapping file uses `;`, what Excel expects in Bulgaria).
 */
export function toCsv(header: string[], rows: (string | number | null)[][], separator = ','): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    // A leading = + - @ would be run as a formula by spreadsheet programs.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(separator)).join('\r\n') + '\r\n';
}
