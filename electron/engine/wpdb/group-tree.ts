/**
 * Warehouse Pro's groups are a materialised path of 3-character segments ("ABD", "ABDAAA"), Latin
 * or Cyrillic: the parent's code is the code minus its last 3 characters. Written once, used for
 * goods groups and object groups alike.
 */
import type { GroupNode } from '../../../shared/types/reference';

export interface GroupRow {
  id: number;
  code: string;
  name: string;
}

export const SEGMENT = 3;

/** Builds the tree; `countOf(code)` counts the rows directly in a group, summed up the tree. */
export function buildTree(rows: GroupRow[], directCount: Map<string, number>): GroupNode[] {
  const valid = rows.filter((r) => r.code && r.code !== '-1' && r.code.length % SEGMENT === 0);
  const nodes = new Map<string, GroupNode>();
  for (const r of [...valid].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code))) {
    nodes.set(r.code, {
      id: r.id,
      code: r.code,
      name: r.name.trim() || r.code,
      count: directCount.get(r.code) ?? 0,
      children: [],
    });
  }
  const roots: GroupNode[] = [];
  for (const node of nodes.values()) {
    const parent = nodes.get(node.code.slice(0, -SEGMENT));
    if (node.code.length > SEGMENT && parent) parent.children.push(node);
    else roots.push(node);
  }
  const total = (n: GroupNode): number => (n.count += n.children.reduce((s, c) => s + total(c), 0)) && n.count;
  for (const r of roots) total(r);
  return roots;
}

const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** INFERRED: Warehouse Pro's Cyrillic segments ("ААН", micro.bg's example) in Bulgarian alphabet order. */
const CYRILLIC = 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ';

/**
 * The code of a new group under `parent`, as Warehouse Open makes it: the highest sibling segment
 * plus one, the last letter first with carry ("AAZ" -> "ABA"; Warehouse.Data/DataProvider.cs
 * `GetNextGroupCode`, Warehouse.Data/SQL/DataProvider.ItemsGroup.cs `ItemsGroupCalculateCode`,
 * which takes the MAX over the siblings' codes of letters only). Siblings written in Cyrillic are
 * continued in Cyrillic. Past the last segment, the first free one.
 */
export function nextCode(parent: string, siblings: string[]): string {
  const segments = siblings
    .filter((c) => c.length === parent.length + SEGMENT && c.startsWith(parent))
    .map((c) => c.slice(-SEGMENT).toUpperCase());
  const ofAlphabet = (a: string) => segments.filter((seg) => [...seg].every((ch) => a.includes(ch)));
  const alphabet = ofAlphabet(CYRILLIC).length > ofAlphabet(LATIN).length ? CYRILLIC : LATIN;
  const value = (seg: string) => [...seg].reduce((n, ch) => n * alphabet.length + alphabet.indexOf(ch), 0);
  const text = (n: number) =>
    [Math.floor(n / alphabet.length ** 2), Math.floor(n / alphabet.length) % alphabet.length, n % alphabet.length]
      .map((i) => alphabet[i])
      .join('');
  const taken = new Set(segments);
  const used = ofAlphabet(alphabet).map(value);
  const after = used.length ? Math.max(...used) + 1 : 0;
  if (after < alphabet.length ** SEGMENT && !taken.has(text(after))) return parent + text(after);
  for (let i = 0; i < alphabet.length ** SEGMENT; i++) if (!taken.has(text(i))) return parent + text(i);
  throw new Error('no free group code left at this level');
}

/** SQL condition "in one of these groups or below": code prefix match, as Warehouse Pro does. */
export function groupFilter(column: string, codes: string[]): { sql: string; params: string[] } {
  if (codes.length === 0) return { sql: '1 = 1', params: [] };
  return {
    sql: `(${codes.map(() => `${column} LIKE ?`).join(' OR ')})`,
    params: codes.map((c) => `${c.replace(/[%_]/g, '')}%`),
  };
}
