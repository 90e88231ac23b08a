/**
 * Our rules around electron-updater (app-updater.ts): check at start and once a day, download in
 * the background, and install only from the quit drain, after the servers have stopped, so an
 * update never lands while a run is in flight. "Restart now" is a quit that installs and starts
 * the app again. An offline shop or a feed that is down is one quiet log line and another try
 * tomorrow; a download whose sha512 does not match `latest.yml` is refused and said so. Plain Node:
 * the updater and the app's quit are handed in, so the tests run it on electron-updater's real code.
 */
import type { UpdateCheckResult, UpdateDownloadedEvent, UpdateInfo } from 'electron-updater';
import { pick, type Localized } from '../../shared/i18n/localized';
import type { UpdateSettingsPatch, UpdateState, UpdateStatus } from '../../shared/types/updates';
import type { UpdatesHost } from '../engine/updates-host';
import { AppError } from '../engine/errors';
import type { UpdaterPort } from './app-updater';
import type { LogLevel } from './rotating-log';

export const DAY_MS = 24 * 60 * 60_000;

export interface UpdateSettingsStore {
  get(): { updates: boolean; updateFeedUrl: string | null };
  set(patch: { updates?: boolean; updateFeedUrl?: string | null; resumeAfterUpdate?: boolean }): unknown;
}

export interface UpdateControllerOptions {
  /** Null where this copy cannot update itself (run from source, or an OS without our installer). */
  updater: UpdaterPort | null;
  unsupportedReason?: 'not-packaged' | null;
  currentVersion: string;
  settings: UpdateSettingsStore;
  /** The feed built into the installer (`resources/app-update.yml`), if any. */
  builtInFeedUrl: string | null;
  /** How many runs are in flight now (for the UI while "restart now" waits for them). */
  runsInFlight: () => number;
  /** The app's quit, which goes through the drain (the servers stop, then installStep runs). */
  quit: () => void;
  locale: () => 'bg' | 'en';
  log: (level: LogLevel, message: string) => void;
  onChange?: (status: UpdateStatus) => void;
  checkEveryMs?: number;
  now?: () => Date;
}

/** Error codes of a feed that cannot be reached now (offline, DNS, down): quiet, tried again later. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
]);
const UNREACHABLE_TEXT =
  /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_\w+|ADDRESS_UNREACHABLE|NETWORK_\w+|TIMED_OUT|PROXY_CONNECTION_FAILED)|Request timed out|socket hang up/;

export class UpdateController implements UpdatesHost {
  private state: UpdateState;
  private info: UpdateInfo | null = null;
  private percent: number | null = null;
  private lastCheckedAt: string | null = null;
  private unreachable = false;
  private message: Localized | null = null;
  private restartAfterInstall = false;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<UpdateStatus> | null = null;

  constructor(private readonly o: UpdateControllerOptions) {
    this.state = this.enabled ? 'idle' : 'disabled';
    const updater = o.updater;
    if (!updater) return;
    this.applyFeed();
    updater.on('download-progress', (p: { percent: number }) => {
      this.percent = Math.round(p.percent);
      this.changed();
    });
    updater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
      this.info = event;
      this.percent = 100;
      if (this.state === 'downloading') this.setState('ready');
      this.o.log('info', `update ${event.version} downloaded and verified; it installs when the app quits`);
    });
  }

  private get enabled(): boolean {
    return this.o.settings.get().updates;
  }

  private get feedUrl(): string | null {
    return this.o.settings.get().updateFeedUrl ?? this.o.builtInFeedUrl;
  }

  /** Checks now, then once a day. */
  start(): void {
    if (!this.o.updater) return;
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.o.checkEveryMs ?? DAY_MS);
      this.timer.unref();
    }
    void this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): UpdateStatus {
    const supported = this.o.updater !== null;
    return {
      supported,
      unsupportedReason: supported ? null : (this.o.unsupportedReason ?? 'not-packaged'),
      currentVersion: this.o.currentVersion,
      enabled: this.enabled,
      state: this.state,
      feedUrl: this.feedUrl,
      feedUrlOverride: this.o.settings.get().updateFeedUrl,
      builtInFeedUrl: this.o.builtInFeedUrl,
      availableVersion: this.info?.version ?? null,
      releaseNotes: notesText(this.info?.releaseNotes),
      releaseDate: this.info?.releaseDate ?? null,
      percent: this.percent,
      lastCheckedAt: this.lastCheckedAt,
      unreachable: this.unreachable,
      message: this.message ? pick(this.message, this.o.locale()) : null,
      runsInFlight: this.state === 'installing' ? this.o.runsInFlight() : 0,
    };
  }

  configure(patch: UpdateSettingsPatch): UpdateStatus {
    this.requireUpdater();
    const feedChanged = patch.feedUrl !== undefined && (patch.feedUrl || null) !== this.o.settings.get().updateFeedUrl;
    this.o.settings.set({
      ...(patch.enabled !== undefined ? { updates: patch.enabled } : {}),
      ...(patch.feedUrl !== undefined ? { updateFeedUrl: patch.feedUrl || null } : {}),
    });
    if (feedChanged) this.applyFeed();
    if (!this.enabled) {
      this.stop();
      // A downloaded update stays in electron-updater's cache, but is not installed while off.
      this.setState('disabled');
    } else if (this.state === 'disabled' || feedChanged) {
      this.setState('idle');
      this.start();
    }
    this.o.log('info', `updates ${this.enabled ? 'on' : 'off'}, feed ${this.feedUrl ?? '(none)'}`);
    return this.status();
  }

  /** Checks the feed now; what it finds downloads in the background. Resolves when the check is done. */
  check(): Promise<UpdateStatus> {
    const updater = this.o.updater;
    if (!updater || !this.enabled || this.state === 'installing') return Promise.resolve(this.status());
    // Downloaded, or downloading: the file stays; tomorrow's check can find a newer one.
    if (this.state === 'downloading') return Promise.resolve(this.status());
    if (!this.feedUrl) {
      this.fail({
        bg: 'Няма адрес за обновленията. Въведете го в настройките.',
        en: 'There is no update feed address. Enter one in the settings.',
      });
      return Promise.resolve(this.status());
    }
    this.checking ??= this.runCheck(updater).finally(() => (this.checking = null));
    return this.checking;
  }

  restart(): UpdateStatus {
    this.requireUpdater();
    if (this.state !== 'ready') {
      throw new AppError('conflict', {
        bg: 'Няма изтеглено обновление за инсталиране.',
        en: 'There is no downloaded update to install.',
      });
    }
    this.restartAfterInstall = true;
    this.setState('installing');
    const runs = this.o.runsInFlight();
    this.o.log(
      'info',
      `restart for update ${this.info?.version}: ${runs > 0 ? `waiting for ${runs} run(s) in flight, then ` : ''}installing`,
    );
    this.o.quit();
    return this.status();
  }

  /**
   * The drain's step after "stop the servers": no run is in flight any more. Runs the downloaded
   * installer (silently; starting the app again only for "restart now"). Returns whether it did.
   */
  installStep(): boolean {
    const updater = this.o.updater;
    if (!updater || !this.enabled || (this.state !== 'ready' && this.state !== 'installing')) return false;
    this.stop();
    const restart = this.restartAfterInstall;
    // The next start resumes the servers that were running, as a start at login does.
    if (restart) this.o.settings.set({ resumeAfterUpdate: true });
    const started = updater.install(true, restart);
    this.o.log(
      started ? 'info' : 'error',
      started
        ? `installing update ${this.info?.version}${restart ? ' and starting again' : ''}`
        : `the update ${this.info?.version} could not be installed; it is tried again at the next quit`,
    );
    if (!started && restart) this.o.settings.set({ resumeAfterUpdate: false });
    return started;
  }

  private async runCheck(updater: UpdaterPort): Promise<UpdateStatus> {
    const before = this.state;
    if (before !== 'ready') this.setState('checking');
    let result: UpdateCheckResult | null;
    try {
      result = await updater.checkForUpdates();
    } catch (err) {
      this.lastCheckedAt = this.now();
      this.onError(err, 'check', before === 'ready' ? 'ready' : null);
      return this.status();
    }
    this.lastCheckedAt = this.now();
    this.unreachable = false;
    if (!result || !result.isUpdateAvailable) {
      if (before !== 'ready') {
        this.info = null;
        this.message = null;
        this.setState('up-to-date');
      } else this.changed();
      return this.status();
    }
    if (before === 'ready' && this.info?.version === result.updateInfo.version) {
      this.changed();
      return this.status();
    }
    this.info = result.updateInfo;
    this.percent = 0;
    this.message = null;
    this.setState('downloading');
    this.o.log('info', `update ${result.updateInfo.version} found at ${this.feedUrl}; downloading`);
    result.downloadPromise?.catch((err: unknown) => this.onError(err, 'download', null));
    return this.status();
  }

  private onError(err: unknown, during: 'check' | 'download', keep: UpdateState | null): void {
    const code = errorCode(err);
    const text = err instanceof Error ? err.message : String(err);
    if (isUnreachable(err)) {
      this.unreachable = true;
      this.o.log(
        'info',
        `updates: the feed ${this.feedUrl} cannot be reached (${code ?? firstLine(text)}); trying again later`,
      );
      this.setState(keep ?? (this.state === 'checking' || this.state === 'downloading' ? 'idle' : this.state));
      return;
    }
    const version = this.info?.version ?? '?';
    if (code === 'ERR_CHECKSUM_MISMATCH') {
      this.o.log('warn', `update ${version} refused: its sha512 does not match latest.yml (${firstLine(text)})`);
      this.fail({
        bg: `Изтегленото обновление ${version} не съвпада с контролната сума (sha512) в latest.yml и е отхвърлено. Нищо не е инсталирано; ще бъде изтеглено отново при следващата проверка.`,
        en: `The downloaded update ${version} does not match the checksum (sha512) in latest.yml and was refused. Nothing was installed; it is downloaded again at the next check.`,
      });
      return;
    }
    if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
      this.o.log(
        'warn',
        `updates: the feed ${this.feedUrl} has no ${firstLine(text).match(/"([^"]+\.yml)"/)?.[1] ?? 'latest.yml'}`,
      );
      this.fail({
        bg: `На адреса за обновления ${this.feedUrl} няма latest.yml. Проверете адреса в настройките.`,
        en: `The update feed ${this.feedUrl} has no latest.yml. Check the feed address in the settings.`,
      });
      return;
    }
    this.o.log('warn', `updates: the ${during} failed (${code ?? 'error'}): ${firstLine(text)}`);
    this.fail({
      bg: `Проверката за обновления не успя (${code ?? 'грешка'}). Ще бъде опитано отново утре; подробности има в дневника.`,
      en: `Checking for updates failed (${code ?? 'error'}). It is tried again tomorrow; the log has the details.`,
    });
  }

  private fail(message: Localized): void {
    this.message = message;
    this.percent = null;
    this.setState('failed');
  }

  private applyFeed(): void {
    const url = this.feedUrl;
    if (url && this.o.updater) this.o.updater.setFeedURL({ provider: 'generic', url });
  }

  private requireUpdater(): void {
    if (this.o.updater) return;
    throw new AppError('unavailable', {
      bg: 'Това копие на програмата не се обновява само (стартирано е от изходния код).',
      en: 'This copy of the program does not update itself (it runs from source).',
    });
  }

  private setState(state: UpdateState): void {
    this.state = state;
    this.changed();
  }

  private changed(): void {
    this.o.onChange?.(this.status());
  }

  private now(): string {
    return (this.o.now?.() ?? new Date()).toISOString();
  }
}

function errorCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? `HTTP ${status}` : null;
}

function isUnreachable(err: unknown): boolean {
  const code = errorCode(err);
  if (code && UNREACHABLE_CODES.has(code)) return true;
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && (status >= 500 || status === 408 || status === 429)) return true;
  return UNREACHABLE_TEXT.test(err instanceof Error ? err.message : String(err));
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 300);
}

/** Release notes as plain text (the generic feed carries a string; GitHub's carries a list). */
function notesText(notes: UpdateInfo['releaseNotes']): string | null {
  if (!notes) return null;
  if (typeof notes === 'string') return notes;
  return notes.map((n) => `${n.version}\n${n.note ?? ''}`).join('\n\n');
}
