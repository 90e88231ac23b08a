/**
 * The desktop app's self-update, as the UI sees it (`updates:*` channels). The shell owns the
 * updater (electron-updater); serve mode has none and answers `supported: false`.
 */
import { z } from 'zod';

export const UpdateStateSchema = z.enum([
  /** Updates are turned off in the settings. */
  'disabled',
  /** Nothing checked yet, or the feed could not be reached (see `unreachable`). */
  'idle',
  'checking',
  'up-to-date',
  'downloading',
  /** Downloaded and verified: installs on quit or on "restart now". */
  'ready',
  /** "Restart now" was asked: the servers are stopping (in-flight runs finish first). */
  'installing',
  /** The last check or download failed for a reason worth showing (a bad checksum, a broken feed). */
  'failed',
]);
export type UpdateState = z.infer<typeof UpdateStateSchema>;

export const UpdateStatusSchema = z.object({
  /** False where this copy cannot update itself (serve mode, a copy run from source). */
  supported: z.boolean(),
  unsupportedReason: z.enum(['serve', 'not-packaged']).nullable(),
  currentVersion: z.string(),
  enabled: z.boolean(),
  state: UpdateStateSchema,
  /** The feed in use: the override from the settings, or the one built into the installer. */
  feedUrl: z.string().nullable(),
  /** The override typed in the settings (null: the built-in feed). */
  feedUrlOverride: z.string().nullable(),
  /** The feed built into the installer (electron-builder.yml `publish`). */
  builtInFeedUrl: z.string().nullable(),
  availableVersion: z.string().nullable(),
  releaseNotes: z.string().nullable(),
  releaseDate: z.string().nullable(),
  /** 0-100 while downloading. */
  percent: z.number().nullable(),
  lastCheckedAt: z.string().nullable(),
  /** The last check could not reach the feed (offline shop, feed down): quiet, tried again later. */
  unreachable: z.boolean(),
  /** What went wrong, in the user's language, when state is `failed`. */
  message: z.string().nullable(),
  /** Runs still in flight while installing waits for them. */
  runsInFlight: z.number().int(),
});
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/** http(s) only; the generic provider reads `<url>/latest.yml` and the installer beside it. */
export const FeedUrlSchema = z
  .string()
  .trim()
  .max(500, 'too_long')
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, 'invalid_url');

export const UpdateSettingsPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    /** null or "" goes back to the built-in feed. */
    feedUrl: z.union([FeedUrlSchema, z.literal(''), z.null()]).optional(),
  })
  .strict();
export type UpdateSettingsPatch = z.infer<typeof UpdateSettingsPatchSchema>;
