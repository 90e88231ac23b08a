/** A real engine on a temporary data folder (real SQLite, real key file), removed after the test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { KeyFileSecretBox } from '../../electron/engine/secrets/key-file-secret-box';

export interface TempEngine {
  engine: Engine;
  root: string;
  dataDir: string;
  keyFile: string;
  cleanup(): Promise<void>;
}

export function createTempEngine(): TempEngine {
  const root = mkdtempSync(join(tmpdir(), 'sklad-sync-test-'));
  const dataDir = join(root, 'data');
  const keyFile = join(root, 'config', 'secret.key');
  const engine = new Engine({
    dataDir,
    secrets: new KeyFileSecretBox(keyFile),
    host: 'serve',
    version: 'test',
  });
  return {
    engine,
    root,
    dataDir,
    keyFile,
    async cleanup() {
      await engine.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const SAMPLE_PROFILE = {
  name: 'Магазин София',
  store: { domain: 'shop.example.bg' },
  database: { kind: 'mysql' as const, host: '127.0.0.1', port: 3306, database: 'warehouse', user: 'root' },
};
