/**
 * The local state database's schema, as an append-only list: migration N brings `user_version`
 * from N-1 to N. Never edit a shipped migration; add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: server profiles, their encrypted secrets, app settings.
  `
  CREATE TABLE servers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    config_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE server_secrets (
    server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    PRIMARY KEY (server_id, name)
  );
  CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];
