/**
 * `docs/requirements.md` has a row for every requirement id (S1-S18, B1-B21) the code names in a
 * comment, so a new `// (B19)` in the code comes with where it is built and tested.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SOURCES = ['electron', 'shared', 'renderer', 'tests', 'e2e', 'scripts', 'bench'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

describe('docs/requirements.md', () => {
  it('has a row for every S/B requirement id the code names', () => {
    const named = new Set<string>();
    for (const file of SOURCES.flatMap((d) => files(join(ROOT, d)))) {
      if (file.endsWith('requirements-doc.test.ts')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/\b([SB])([0-9]{1,2})\b/g)) {
        // Only ids that exist: S1-S18, B1-B21 (not a stray "S3" bucket or "B2B").
        if ((m[1] === 'S' && Number(m[2]) <= 18) || (m[1] === 'B' && Number(m[2]) <= 21)) named.add(m[0]);
      }
    }
    const rows = new Set(
      [...readFileSync(join(ROOT, 'docs', 'requirements.md'), 'utf8').matchAll(/^\| ([SB]\d{1,2}) \|/gm)].map(
        (m) => m[1],
      ),
    );
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((id) => !rows.has(id)).sort()).toEqual([]);
  });
});
