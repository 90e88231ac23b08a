/**
 * The desktop-only settings, in `shell-settings.json` in the data folder: start at login, the
 * stale-import limit for notifications, notifications on or off, the servers that were running
 * (to start again after an automatic start at login or an update), and the updates (on or off,
 * the feed). They are the shell's business only, so they stay out of the engine's state database;
 * the tray offers the login option, the UI the update settings (through `updates:configure`).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FeedUrlSchema } from '../../shared/types/updates';

export const ShellSettingsSchema = z.object({
  openAtLogin: z.boolean().default(false),
  /** Notify when the last successful order import of a started server is older than this. */
  staleImportHours: z
    .number()
    .min(0.25)
    .max(24 * 7)
    .default(4),
  notifications: z.boolean().default(true),
  /** A daily summary notification at this local time ("18:00"), or none. */
  dailySummaryAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .default(null),
  /** Ids of the servers that were started, kept up to date while the app runs. */
  runningServers: z.array(z.string()).default([]),
  /** Check the feed at start and once a day, download in the background, install on quit. */
  updates: z.boolean().default(true),
  /** Another generic feed than the one built into the installer (electron-builder.yml `publish`). */
  updateFeedUrl: FeedUrlSchema.nullable().catch(null).default(null),
  /** Set by "restart now": the next start resumes `runningServers`, as a start at login does. */
  resumeAfterUpdate: z.boolean().default(false),
});
export type ShellSettings = z.infer<typeof ShellSettingsSchema>;

export const SHELL_SETTINGS_FILE = 'shell-settings.json';

export class ShellSettingsStore {
  private readonly file: string;
  private current: ShellSettings;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, SHELL_SETTINGS_FILE);
    this.current = this.read();
  }

  get(): ShellSettings {
    return this.current;
  }

  set(patch: Partial<ShellSettings>): ShellSettings {
    this.current = ShellSettingsSchema.parse({ ...this.current, ...patch });
    mkdirSync(this.dataDir, { recursive: true });
    // Write then rename: a crash mid-write leaves the old file, never half a file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.current, null, 2) + '\n');
    renameSync(tmp, this.file);
    return this.current;
  }

  /** A missing or damaged file means the defaults: these settings are conveniences, not data. */
  private read(): ShellSettings {
    try {
      const parsed = ShellSettingsSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through to the defaults
    }
    return ShellSettingsSchema.parse({});
  }
}
