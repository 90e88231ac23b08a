/**
 * Reads a CSV file as spreadsheet programs write it: a UTF-8 byte order mark or not, `;` (what
 * Excel writes where the decimal mark is a comma, as in Bulgaria), `,` or a tab between fields
 * (decided from the header line), quoted fields with doubled quotes and line breaks inside, CRLF,
 * LF or CR line ends. Blank lines are skipped; every record keeps the line it started on.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export function detectSeparator(text: string): ';' | ',' | '\t' {
  let first = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted) first += ch;
  }
  const count = (c: string) => first.split(c).length - 1;
  const scores: [';' | ',' | '\t', number][] = [
    [';', count(';')],
    [',', count(',')],
    ['\t', count('\t')],
  ];
  scores.sort((a, b) => b[1] - a[1]);
  return scores[0][1] > 0 ? scores[0][0] : ',';
}

export function readCsv(input: string): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const sep = detectSeparator(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (touched || cells.some((c) => c.trim() !== '')) records.push({ line: start, cells });
    cells = [];
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
      touched = true;
    } else if (ch === sep) {
      endCell();
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length || touched) endRecord();
  // A separator-only line (";;;") is blank too.
  return records.filter((r) => r.cells.some((c) => c.trim() !== ''));
}
