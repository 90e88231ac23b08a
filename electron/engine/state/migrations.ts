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
  // 2: sync bookkeeping: runs and their items (the audit trail), the good -> store mapping with the
  // last values sent (delta sync), categories, watermarks, items needing attention, order imports.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    server_id TEXT NOT NULL,
    task TEXT NOT NULL,
    dry_run INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    phase TEXT NOT NULL DEFAULT '',
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    counts_json TEXT NOT NULL DEFAULT '{}',
    requests INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX runs_by_server ON runs (server_id, started_at);
  CREATE TABLE run_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    action TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    explain TEXT,
    status TEXT NOT NULL,
    message TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX run_items_by_run ON run_items (run_id);
  CREATE TABLE variant_map (
    server_id TEXT NOT NULL,
    good_id INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    variant_id TEXT NOT NULL,
    match_key TEXT NOT NULL DEFAULT '',
    last_price INTEGER,
    last_quantity REAL,
    last_active INTEGER,
    sent_at TEXT,
    PRIMARY KEY (server_id, good_id)
  );
  CREATE INDEX variant_map_by_variant ON variant_map (server_id, variant_id);
  CREATE TABLE category_map (
    server_id TEXT NOT NULL,
    group_code TEXT NOT NULL,
    category_id TEXT NOT NULL,
    PRIMARY KEY (server_id, group_code)
  );
  CREATE TABLE watermarks (
    server_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (server_id, name)
  );
  CREATE TABLE attention (
    server_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    resolved_at TEXT,
    PRIMARY KEY (server_id, kind, ref)
  );
  CREATE TABLE order_imports (
    server_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    acct INTEGER NOT NULL,
    object_id INTEGER NOT NULL,
    run_id TEXT,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (server_id, order_id)
  );
  `,
  // 3: what the export last sent of each product's own fields (name, description, category,
  // tracking, continue selling), so "later syncs may overwrite" sends a field only when it changed.
  `
  CREATE TABLE product_state (
    server_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (server_id, product_id)
  );
  `,
  // 4: which process runs a run, so a second copy on the same data folder does not mark the
  // first copy's live runs as interrupted.
  `
  ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
  `,
  // 5 (o-core, issue 15 point 2): an imported order whose number did not reach the store as `usn`
  // yet; later runs try again until it holds.
  `
  ALTER TABLE order_imports ADD COLUMN usn_pending INTEGER NOT NULL DEFAULT 0;
  `,
];
