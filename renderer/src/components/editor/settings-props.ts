import type { SyncSettings } from '../../../../shared/types/server-profile';

/** What every settings tab of the editor gets: the settings, a setter, and the error text of a path. */
export interface SettingsProps {
  settings: SyncSettings;
  onSettings(next: SyncSettings): void;
  /** The message for a schema path such as `settings.exportTask.quantityBuffer`, if it is wrong. */
  err(path: string): string | undefined;
}

/** Reads a number field: an empty or non-numeric text becomes NaN, which the schema reports. */
export function numberFrom(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
