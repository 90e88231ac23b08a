/**
 * The fault suite's table (issue 7): every fault test file records one row per case and prints the
 * table after its last test. Every number but `runs` must be 0; the tests assert that row by row.
 */
export interface FaultRow {
  case: string;
  runs: number;
  lost: number;
  doubled: number;
  differing: number;
  /** Anything else worth reading beside the numbers (where the fault landed, what the user saw). */
  note?: string;
}

export class FaultTable {
  readonly rows: FaultRow[] = [];

  constructor(private readonly title: string) {}

  add(row: FaultRow): FaultRow {
    this.rows.push(row);
    return row;
  }

  /** The numbers that must all be zero, for `expect(...).toEqual(ZERO)`. */
  static zeros(row: FaultRow): { lost: number; doubled: number; differing: number } {
    return { lost: row.lost, doubled: row.doubled, differing: row.differing };
  }

  print(): void {
    const width = Math.max(4, ...this.rows.map((r) => r.case.length));
    const lines = [
      `${this.title}`,
      `| ${'case'.padEnd(width)} | runs | lost | doubled | differing values | note`,
      `|${'-'.repeat(width + 2)}|------|------|---------|------------------|-----`,
      ...this.rows.map(
        (r) =>
          `| ${r.case.padEnd(width)} | ${String(r.runs).padStart(4)} | ${String(r.lost).padStart(4)} | ${String(r.doubled).padStart(7)} | ${String(r.differing).padStart(16)} | ${r.note ?? ''}`,
      ),
    ];
    console.log(lines.join('\n'));
  }
}

export const ZERO = { lost: 0, doubled: 0, differing: 0 };
