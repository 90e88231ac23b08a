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

/** The next free code among siblings: "AAA" -> "AAB", "AAZ" -> "ABA" (Latin, as Warehouse Open does). */
export function nextCode(parent: string, siblings: string[]): string {
  const taken = new Set(
    siblings.filter((c) => c.length === parent.length + SEGMENT && c.startsWith(parent)).map((c) => c.slice(-SEGMENT)),
  );
  for (let i = 0; i < 26 ** SEGMENT; i++) {
    const seg = [Math.floor(i / 676) % 26, Math.floor(i / 26) % 26, i % 26]
      .map((n) => String.fromCharCode(65 + n))
      .join('');
    if (!taken.has(seg)) return parent + seg;
  }
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
