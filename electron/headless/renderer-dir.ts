/**
 * Finds the built renderer whether we run from the bundle (dist/) or from source (tests, tsx).
 * SKLAD_SYNC_RENDERER_DIR overrides it (tests that need no real UI).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findRendererDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.SKLAD_SYNC_RENDERER_DIR ?? '',
    join(here, 'renderer'),
    resolve(here, '../../dist/renderer'),
    resolve('dist/renderer'),
  ].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}
