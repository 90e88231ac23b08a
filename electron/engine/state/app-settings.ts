/** App-wide settings (the UI language for now) as key/value rows of the state database. */
import { AppSettingsSchema, type AppSettings } from '../../../shared/ipc/contract';
import type { StateDb } from './state-db';

const DEFAULTS: AppSettings = { locale: 'bg' };

export class AppSettingsStore {
  constructor(private readonly db: StateDb) {}

  get(): AppSettings {
    const rows = this.db.prepare('SELECT key, value FROM app_settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    const parsed = AppSettingsSchema.safeParse({ ...DEFAULTS, ...stored });
    return parsed.success ? parsed.data : DEFAULTS;
  }

  set(patch: Partial<AppSettings>): AppSettings {
    const upsert = this.db.prepare(
      'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    })();
    return this.get();
  }
}
