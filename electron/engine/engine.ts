/**
 * The engine: plain Node, never Electron. It owns the state database, the server profiles and the
 * sync service (each started server's runs); the two hosts (Electron shell, serve mode) turn IPC
 * calls into engine calls and forward the engine's events. Every call and event is serialisable,
 * so the engine could move to a utility process without changing the contract.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { EventChannel } from '../../shared/ipc/channels';
import type { AppSettings, EventPayload } from '../../shared/ipc/contract';
import type { SecretBox } from './secrets/secret-box';
import { ServerProfiles } from './state/server-profiles';
import { openStateDb, type StateDb } from './state/state-db';
import { AppSettingsStore } from './state/app-settings';
import type { Probes } from './probes';
import { liveMappingSources, liveProbes, liveSessions } from './live';
import { MappingService, type MappingSources } from './sync/mapping/mapping-service';
import { SyncService, type SessionFactory } from './sync/sync-service';
import type { UpdatesHost } from './updates-host';
import { SecretMasker } from './secrets/secret-mask';
import { redactSecrets } from './secrets/redact';

export type EngineLogLevel = 'info' | 'warn' | 'error';
/** Where the engine's own lines go: the host's log file (desktop and serve: `<data folder>/logs`). */
export type EngineLogSink = (level: EngineLogLevel, message: string) => void;

export interface EngineOptions {
  dataDir: string;
  secrets: SecretBox;
  host: 'electron' | 'serve';
  version: string;
  /** Opens a database connection and a store client for one run (default: the live ones). */
  openSession?: SessionFactory;
  probes?: Probes;
  /** Where the mapping view reads goods and the store from (default: the live database and store). */
  mappingSources?: MappingSources;
  /** Overrides every server's "longest run" setting, in ms (tests; a host with a hard cap). */
  runDeadlineMs?: number;
  /**
   * Sets up the demo (embedded database + sandbox store + a started server). Injected by the hosts,
   * because the sandbox is a test stand-in that the engine itself must not depend on.
   */
  startDemo?: (engine: Engine) => Promise<{ serverId: string }>;
  /** The desktop shell's updater (absent in serve mode and the CLI). */
  updates?: UpdatesHost;
  /**
   * Asks the user where to save a file and writes it there (the desktop shell's save dialog);
   * resolves to the path, or null when the user cancelled. Absent in serve mode: the browser
   * downloads the file instead.
   */
  saveFile?: (suggestedName: string, data: Buffer) => Promise<string | null>;
  /** The host's log (default: standard error, for tests and tools without a log file). */
  log?: EngineLogSink;
}

export type EngineEvent = { [E in EventChannel]: { channel: E; payload: EventPayload<E> } }[EventChannel];

export class Engine {
  readonly db: StateDb;
  readonly servers: ServerProfiles;
  readonly settings: AppSettingsStore;
  readonly sync: SyncService;
  readonly probes: Probes;
  readonly mapping: MappingService;
  private readonly events = new EventEmitter();
  private readonly masker: SecretMasker;

  constructor(readonly options: EngineOptions) {
    this.db = openStateDb(join(options.dataDir, 'state.sqlite3'));
    this.servers = new ServerProfiles(this.db, options.secrets);
    this.settings = new AppSettingsStore(this.db);
    this.sync = new SyncService(
      this.db,
      this.servers,
      (channel, payload) => this.emit(channel, payload),
      options.openSession ?? liveSessions(() => this.servers, options.dataDir),
      options.runDeadlineMs,
    );
    this.probes = options.probes ?? liveProbes();
    this.mapping = new MappingService(
      this.db,
      this.sync.state,
      (id) => this.servers.get(id),
      options.mappingSources ?? liveMappingSources(() => this.servers, options.dataDir),
      (id) => this.sync.runtime.activeRuns(id).some((r) => r.task !== 'import'),
    );
    this.masker = new SecretMasker(() => this.servers.knownSecrets());
  }

  /**
   * Writes one line to the host's log with every saved secret masked and labelled ones (`password=`,
   * `Bearer ...`) redacted: what reaches here is often a raw error whose text nobody checked.
   */
  log(level: EngineLogLevel, message: string): void {
    const line = redactSecrets(this.masker.mask(message));
    if (this.options.log) this.options.log(level, line);
    else process.stderr.write(`${level.toUpperCase()} ${line}\n`);
  }

  get locale(): AppSettings['locale'] {
    return this.settings.get().locale;
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    this.events.emit('event', { channel, payload } as EngineEvent);
  }

  /** Subscribes to every engine event; returns the unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  /** Stops every server, letting in-flight runs finish their batch, then closes the state database. */
  async close(): Promise<void> {
    await this.sync.close();
    this.events.removeAllListeners();
    this.db.close();
  }
}
