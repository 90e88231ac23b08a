/**
 * Where the program keeps its files when no Electron `app.getPath` is there to ask (headless mode).
 * The data folder holds the state database; the config folder holds the secret key file. They are
 * different folders on purpose: the key never sits beside the ciphertexts it protects.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface EnginePaths {
  dataDir: string;
  keyFile: string;
}

export function defaultPaths(env: NodeJS.ProcessEnv = process.env): EnginePaths {
  const home = homedir();
  let dataDir: string;
  let configDir: string;
  if (process.platform === 'win32') {
    dataDir = join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Sklad Sync');
    configDir = join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Sklad Sync');
  } else if (process.platform === 'darwin') {
    dataDir = join(home, 'Library', 'Application Support', 'Sklad Sync');
    configDir = join(home, 'Library', 'Preferences', 'Sklad Sync');
  } else {
    dataDir = join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'sklad-sync');
    configDir = join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'sklad-sync');
  }
  if (env.SKLAD_SYNC_DATA_DIR) dataDir = env.SKLAD_SYNC_DATA_DIR;
  const keyFile = env.SKLAD_SYNC_KEY_FILE ?? join(configDir, 'secret.key');
  return { dataDir, keyFile };
}
