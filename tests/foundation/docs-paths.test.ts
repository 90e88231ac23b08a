/**
 * Every repository path the docs name exists, so a reader who follows one lands on a file and not
 * on a rename the docs missed. Checked: backticked paths from the root (`electron/...`, `tests/...`,
 * `renderer/...`, `shared/...`, `e2e/...`, `scripts/...`, `bench/...`, `docs/...`), and the short
 * forms the docs use for our source files (`sync/csv.ts`, `wpdb/contract.test.ts`), which must exist
 * under one of the folders they are short for. Paths of other repositories (the CloudCart wiki's
 * `wiki/...`, Warehouse Open's `Warehouse.Data/...`, the wiki tools' `src/*.php`) are not ours and
 * not checked. A pattern (`tests/wpdb/*.test.ts`, `<data folder>/logs`) is checked up to its first
 * wildcard.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const FROM_ROOT = /^(electron|tests|renderer|shared|e2e|scripts|bench|docs)\//;
/** Where a short form (`sync/csv.ts`) may start: the folders the docs abbreviate. */
const SHORT_BASES = [
  'electron/engine',
  'electron/engine/sync',
  'electron',
  'tests',
  'renderer/src',
  'renderer/src/components',
  'shared',
];
const OUR_SOURCE = /\.(ts|tsx|mjs)$/;
const NOT_OURS = /^(wiki|tools|src|Warehouse\.|cloudcart\/platform-wiki|node_modules|dist|build)\b/;

export interface NamedPath {
  path: string;
  /** Named from the root (checked there) or in short form (checked under each base). */
  fromRoot: boolean;
}

/** The paths one markdown text names (without a trailing `:line`, `#anchor` or wildcard part). */
export function namedPaths(markdown: string): NamedPath[] {
  const found: NamedPath[] = [];
  for (const match of markdown.matchAll(/`([^`\n]+)`/g)) {
    // A code span may hold a path and more (`tests/x.test.ts > name`): the first word is the path.
    const word = match[1]
      .trim()
      .split(/\s+/)[0]
      .replace(/[.,;)]+$/, '');
    const wild = word.search(/[*<{[]/);
    const path = (wild < 0 ? word : word.slice(0, word.lastIndexOf('/', wild) + 1)).replace(/[:#].*$/, '');
    if (FROM_ROOT.test(word)) found.push({ path, fromRoot: true });
    else if (wild < 0 && word.includes('/') && OUR_SOURCE.test(path) && !NOT_OURS.test(word) && !word.startsWith('/'))
      found.push({ path, fromRoot: false });
  }
  return found;
}

export function exists(named: NamedPath): boolean {
  if (named.fromRoot) return existsSync(join(ROOT, named.path));
  return SHORT_BASES.some((base) => existsSync(join(ROOT, base, named.path)));
}

function docsFiles(): string[] {
  return readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
}

describe('paths named in docs/', () => {
  it('reads paths out of backticks, leaving other repositories and plain words alone', () => {
    const text =
      'see `electron/engine/engine.ts:12`, `tests/wpdb/*.test.ts`, `sync/csv.ts`, `Warehouse.Data/SQL/x.cs`, ' +
      '`wiki/api-resources/api-orders.md`, `src/VariantOption.php`, `npm test`, `/api/<channel>`';
    expect(namedPaths(text)).toEqual([
      { path: 'electron/engine/engine.ts', fromRoot: true },
      { path: 'tests/wpdb/', fromRoot: true },
      { path: 'sync/csv.ts', fromRoot: false },
    ]);
    expect(exists({ path: 'sync/csv.ts', fromRoot: false })).toBe(true);
    expect(exists({ path: 'sync/no-such-file.ts', fromRoot: false })).toBe(false);
    expect(exists({ path: 'electron/engine/no-such-file.ts', fromRoot: true })).toBe(false);
  });

  for (const file of docsFiles()) {
    it(`${file}: every repository path it names exists`, () => {
      const named = namedPaths(readFileSync(join(ROOT, file), 'utf8'));
      const missing = [...new Set(named.filter((n) => !exists(n)).map((n) => n.path))];
      expect(missing, `${file} names paths that do not exist: fix the doc (or the path)`).toEqual([]);
    });
  }
});
