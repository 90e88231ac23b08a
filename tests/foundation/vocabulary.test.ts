/**
 * The engine-UI vocabulary (shared/types/vocabulary.ts): every word the engine uses is in it, and
 * both dictionaries say each word. The type check already refuses a missing text; this test also
 * catches a word the engine writes outside a typed call (a literal built at run time).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTENTION_REASONS, COUNT_KEYS, ITEM_ACTIONS, ITEM_KINDS, PHASES } from '../../shared/types/vocabulary';
import { bg } from '../../renderer/src/i18n/bg';
import { en } from '../../renderer/src/i18n/en';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const engine = sources('electron/engine/sync')
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const used = (pattern: RegExp) => [...new Set([...engine.matchAll(pattern)].map((m) => m[1]))];

describe('engine-UI vocabulary', () => {
  it('has every phase, count, reason, kind and action the engine writes', () => {
    expect(used(/setPhase\('([a-z.]+)'/g).filter((p) => !(PHASES as readonly string[]).includes(p))).toEqual([]);
    expect(used(/count\('([A-Za-z]+)'/g).filter((c) => !(COUNT_KEYS as readonly string[]).includes(c))).toEqual([]);
    expect(used(/reason: '([a-z_]+)'/g).filter((r) => !(ATTENTION_REASONS as readonly string[]).includes(r))).toEqual(
      [],
    );
    expect(used(/action: '([a-z-]+)'/g).filter((a) => !(ITEM_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    // Item and attention kinds as the engine passes them (not other objects' `kind` fields).
    const kinds = used(/\.(?:item|flag)\(\s*(?:ctx\.serverId,\s*)?\{\s*kind: '([a-z_]+)'/g);
    expect(kinds.length).toBeGreaterThan(5);
    expect(kinds.filter((k) => !(ITEM_KINDS as readonly string[]).includes(k))).toEqual([]);
  });

  it('says every word in Bulgarian and English', () => {
    const keys = [
      ...PHASES.map((p) => `phase.${p}`),
      ...COUNT_KEYS.map((c) => `count.${c}`),
      ...ATTENTION_REASONS.map((r) => `reason.${r}`),
      ...ITEM_KINDS.map((k) => `kind.${k}`),
      ...ITEM_ACTIONS.map((a) => `action.${a}`),
    ];
    for (const dict of [bg, en] as Record<string, string>[]) {
      expect(keys.filter((k) => !dict[k]?.trim())).toEqual([]);
    }
  });
});
