/**
 * The seam between the engine's IPC handlers and the desktop shell's updater. The engine never
 * imports Electron or electron-updater: the shell hands it an `UpdatesHost`; serve mode and the CLI
 * have none, and the handlers answer with `unsupportedStatus`.
 */
import type { UpdateSettingsPatch, UpdateStatus } from '../../shared/types/updates';

export interface UpdatesHost {
  status(): UpdateStatus;
  configure(patch: UpdateSettingsPatch): UpdateStatus;
  /** Checks the feed now (and downloads what it finds); resolves when the check is done. */
  check(): Promise<UpdateStatus>;
  /** "Restart now": quits through the drain, installs, and starts the app again. */
  restart(): UpdateStatus;
}

/** Serve mode: the browser UI is served by a copy that is updated by installing a new version. */
export function unsupportedStatus(version: string, reason: 'serve' | 'not-packaged'): UpdateStatus {
  return {
    supported: false,
    unsupportedReason: reason,
    currentVersion: version,
    enabled: false,
    state: 'disabled',
    feedUrl: null,
    feedUrlOverride: null,
    builtInFeedUrl: null,
    availableVersion: null,
    releaseNotes: null,
    releaseDate: null,
    percent: null,
    lastCheckedAt: null,
    unreachable: false,
    message: null,
    runsInFlight: 0,
  };
}
