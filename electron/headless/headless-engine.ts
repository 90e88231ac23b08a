/** Builds an engine for headless use (CLI, serve mode, tests): paths from the environment, key-file secrets. */
import { Engine, type EngineOptions } from '../engine/engine';
import { defaultPaths } from '../engine/paths';
import { KeyFileSecretBox } from '../engine/secrets/key-file-secret-box';
import { APP_VERSION } from '../engine/version';

export function createHeadlessEngine(
  overrides: {
    dataDir?: string;
    keyFile?: string;
    startDemo?: EngineOptions['startDemo'];
    log?: EngineOptions['log'];
  } = {},
): Engine {
  const paths = defaultPaths();
  const dataDir = overrides.dataDir ?? paths.dataDir;
  return new Engine({
    dataDir,
    secrets: new KeyFileSecretBox(overrides.keyFile ?? paths.keyFile),
    host: 'serve',
    version: APP_VERSION,
    startDemo: overrides.startDemo,
    log: overrides.log,
  });
}
