/**
 * Server profiles in the state database. Plain settings go to `config_json`; secrets go encrypted
 * to `server_secrets` and leave this module only through `readSecret`, for the engine's own use.
 */
import { randomUUID } from 'node:crypto';
import {
  SECRET_NAMES,
  ServerProfileViewSchema,
  SyncSettingsSchema,
  type SecretName,
  type ServerProfileParsed,
  type ServerProfileView,
} from '../../../shared/types/server-profile';
import type { Localized } from '../../../shared/i18n/localized';
import { withoutUnknownKeys } from '../../../shared/types/strict-fields';
import { AppError } from '../errors';
import type { SecretBox } from '../secrets/secret-box';
import { joinTexts, passwordMoved, storeKeyMoved } from '../secrets/secret-scope';
import type { StateDb } from './state-db';

interface ServerRow {
  id: string;
  name: string;
  type: string;
  config_json: string;
  created_at: string;
  updated_at: string;
}

type StoredConfig = Pick<ServerProfileParsed, 'store' | 'database' | 'settings'>;

export class ServerProfiles {
  /** Decrypted secrets of every server, for masking; rebuilt when any connection changed the file. */
  private known: { version: number; saves: number; values: readonly string[] } | null = null;
  private saves = 0;

  constructor(
    private readonly db: StateDb,
    private readonly secrets: SecretBox,
  ) {}

  list(): ServerProfileView[] {
    const rows = this.db.prepare('SELECT * FROM servers ORDER BY name COLLATE NOCASE, created_at').all() as ServerRow[];
    return rows.map((row) => this.toView(row));
  }

  private find(id: string): ServerProfileView | null {
    try {
      return this.get(id);
    } catch {
      return null;
    }
  }

  get(id: string): ServerProfileView {
    return this.toView(this.row(id));
  }

  /**
   * Creates (no id) or replaces (with id) a profile; secrets absent from the input are kept, but
   * only while the address they were saved for stays (`secrets/secret-scope.ts`): a changed store
   * address or database server, port, user or file needs the secret typed again.
   */
  save(input: ServerProfileParsed): ServerProfileView {
    const now = new Date().toISOString();
    const id = input.id ?? randomUUID();
    const before = input.id ? this.find(input.id) : null;
    const config: StoredConfig = {
      store: input.store,
      database: input.database,
      settings: withImportBoundary(input.settings, before?.settings ?? null, now),
    };
    const secrets = { ...input.secrets };
    this.db.transaction(() => {
      this.assertUniqueName(input.name, id);
      if (input.id) {
        this.row(input.id);
        Object.assign(secrets, this.secretsThatStay(this.get(input.id), input));
        this.db
          .prepare('UPDATE servers SET name = ?, type = ?, config_json = ?, updated_at = ? WHERE id = ?')
          .run(input.name, input.type, JSON.stringify(config), now, id);
      } else {
        this.db
          .prepare(
            'INSERT INTO servers (id, name, type, config_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(id, input.name, input.type, JSON.stringify(config), now, now);
      }
      for (const name of SECRET_NAMES) {
        const value = secrets[name];
        if (value === undefined || value === '') continue;
        if (value === null) {
          this.db.prepare('DELETE FROM server_secrets WHERE server_id = ? AND name = ?').run(id, name);
        } else {
          this.db
            .prepare(
              'INSERT INTO server_secrets (server_id, name, ciphertext) VALUES (?, ?, ?) ' +
                'ON CONFLICT (server_id, name) DO UPDATE SET ciphertext = excluded.ciphertext',
            )
            .run(id, name, this.secrets.encrypt(value));
        }
      }
    })();
    this.saves += 1;
    return this.get(id);
  }

  /**
   * Refuses a save that would keep a secret for a new address (the fields to retype are named);
   * a database kind without a password (the demo's SQLite) just drops the old one. Returns the
   * secret changes that follow from it.
   */
  private secretsThatStay(
    before: ServerProfileView,
    input: ServerProfileParsed,
  ): Partial<ServerProfileParsed['secrets']> {
    const kept = (name: SecretName) => input.secrets[name] === undefined || input.secrets[name] === '';
    let text: Localized | null = null;
    const fields: Record<string, string> = {};
    const patch: Partial<ServerProfileParsed['secrets']> = {};
    if (before.secrets.apiKey === 'set' && kept('apiKey')) {
      const moved = storeKeyMoved(before, input.store.domain);
      if (moved) {
        text = joinTexts(text, moved);
        fields['secrets.apiKey'] = 'retype';
      }
    }
    if (before.secrets.dbPassword === 'set' && kept('dbPassword')) {
      const moved = passwordMoved(before, input.database);
      if (moved && input.database.kind === 'sqlite') patch.dbPassword = null;
      else if (moved) {
        text = joinTexts(text, moved);
        fields['secrets.dbPassword'] = 'retype';
      }
    }
    if (text) throw new AppError('conflict', text, fields);
    return patch;
  }

  rename(id: string, name: string): ServerProfileView {
    this.db.transaction(() => {
      this.row(id);
      this.assertUniqueName(name, id);
      this.db
        .prepare('UPDATE servers SET name = ?, updated_at = ? WHERE id = ?')
        .run(name, new Date().toISOString(), id);
    })();
    return this.get(id);
  }

  delete(id: string): boolean {
    // The secrets stay masked in this process's logs: they were in use until now.
    return this.db.prepare('DELETE FROM servers WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Every saved secret's value, so logs can mask it wherever it appears (`secrets/secret-mask.ts`).
   * The same array comes back while nothing changed, here or in another process on the same file.
   */
  knownSecrets(): readonly string[] {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.known && this.known.version === version && this.known.saves === this.saves) return this.known.values;
    const rows = this.db.prepare('SELECT ciphertext FROM server_secrets').all() as { ciphertext: string }[];
    const values: string[] = [];
    for (const row of rows) {
      try {
        values.push(this.secrets.decrypt(row.ciphertext));
      } catch {
        // a secret this machine cannot decrypt cannot be in this process's logs either
      }
    }
    this.known = { version, saves: this.saves, values };
    return values;
  }

  /** The decrypted secret, for the engine's connections only; never for a view or a log. */
  readSecret(id: string, name: SecretName): string | null {
    const row = this.db
      .prepare('SELECT ciphertext FROM server_secrets WHERE server_id = ? AND name = ?')
      .get(id, name) as { ciphertext: string } | undefined;
    return row ? this.secrets.decrypt(row.ciphertext) : null;
  }

  private row(id: string): ServerRow {
    const row = this.db.prepare('SELECT * FROM servers WHERE id = ?').get(id) as ServerRow | undefined;
    if (!row) {
      throw new AppError('not_found', {
        bg: 'Сървърът не е намерен. Може да е изтрит от друг прозорец; обновете списъка.',
        en: 'Server not found. It may have been deleted from another window; refresh the list.',
      });
    }
    return row;
  }

  private assertUniqueName(name: string, exceptId: string): void {
    // SQLite's NOCASE folds ASCII only; names are mostly Cyrillic, so compare in JS.
    const key = name.trim().toLocaleLowerCase('bg');
    const rows = this.db.prepare('SELECT id, name FROM servers WHERE id <> ?').all(exceptId) as ServerRow[];
    if (rows.some((row) => row.name.trim().toLocaleLowerCase('bg') === key)) {
      throw new AppError(
        'conflict',
        {
          bg: `Вече има сървър с име „${name}“. Изберете друго име.`,
          en: `A server named "${name}" already exists. Choose another name.`,
        },
        { name: 'duplicate' },
      );
    }
  }

  private toView(row: ServerRow): ServerProfileView {
    const config = JSON.parse(row.config_json) as StoredConfig;
    const set = new Set(
      (this.db.prepare('SELECT name FROM server_secrets WHERE server_id = ?').all(row.id) as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    return ServerProfileViewSchema.parse({
      id: row.id,
      name: row.name,
      type: row.type,
      store: config.store,
      database: config.database,
      // Stored by this program, perhaps by an older version with a setting since removed: dropped, not fatal.
      settings: withoutUnknownKeys(SyncSettingsSchema, config.settings),
      secrets: { apiKey: set.has('apiKey') ? 'set' : 'unset', dbPassword: set.has('dbPassword') ? 'set' : 'unset' },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }
}

/**
 * The first-import boundary (issue 15 point 5): the moment the server was saved with its import
 * switched on. It stays while the import stays on (whatever the form sends back), is set when the
 * import is switched on, and goes when it is switched off. A server that had its import on before
 * this setting existed keeps none.
 */
function withImportBoundary(
  settings: ServerProfileParsed['settings'],
  before: ServerProfileView['settings'] | null,
  now: string,
): ServerProfileParsed['settings'] {
  const on = settings.importTask.enabled;
  // A server saved before the boundary existed keeps none: its watermark already says where it is.
  const since = !on ? null : before?.importTask.enabled ? before.orders.importOnSince : now;
  return { ...settings, orders: { ...settings.orders, importOnSince: since } };
}
