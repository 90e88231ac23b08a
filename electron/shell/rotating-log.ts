/**
 * The app's log files in `<data folder>/logs`: `sklad-sync.log` and up to `maxFiles - 1` older ones
 * (`sklad-sync.1.log` newest to `sklad-sync.4.log` oldest by default), each at most `maxBytes`.
 * Lines are written synchronously, so the last lines before a crash are on disk. Every line goes
 * through redactSecrets. Plain Node: no Electron here, the shell only says where the folder is.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SecretMasker } from '../engine/secrets/secret-mask';
import { redactSecrets } from '../engine/secrets/redact';

export type LogLevel = 'info' | 'warn' | 'error';

const MAX_MESSAGE = 8_000;

export interface RotatingLogOptions {
  dir: string;
  baseName?: string;
  maxBytes?: number;
  maxFiles?: number;
  now?: () => Date;
  /** The servers' secrets, masked wherever they appear in a line (set once the engine exists). */
  knownSecrets?: () => readonly string[];
}

export class RotatingLog {
  readonly dir: string;
  private readonly baseName: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private size: number;
  private closed = false;
  private knownSecrets: () => readonly string[];
  private readonly masker = new SecretMasker(() => safely(this.knownSecrets));

  constructor(private readonly options: RotatingLogOptions) {
    this.dir = options.dir;
    this.baseName = options.baseName ?? 'sklad-sync';
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxFiles = Math.max(1, options.maxFiles ?? 5);
    this.knownSecrets = options.knownSecrets ?? (() => []);
    mkdirSync(this.dir, { recursive: true });
    this.size = existsSync(this.file(0)) ? statSync(this.file(0)).size : 0;
  }

  /** Masks these secrets from now on (the log starts before the engine that knows them). */
  maskSecrets(source: () => readonly string[]): void {
    this.knownSecrets = source;
  }

  /** The current file (index 0) or an older one (1 = the newest of the old ones). */
  file(index: number): string {
    return join(this.dir, index === 0 ? `${this.baseName}.log` : `${this.baseName}.${index}.log`);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string): void {
    this.write('error', message);
  }

  write(level: LogLevel, message: string): void {
    if (this.closed) return;
    const stamp = (this.options.now?.() ?? new Date()).toISOString();
    // A whole HTTP body in an error message helps nobody and would crowd out the other lines.
    const text =
      message.length > MAX_MESSAGE
        ? `${message.slice(0, MAX_MESSAGE)}… (+${message.length - MAX_MESSAGE} chars)`
        : message;
    const line = `${stamp} ${level.toUpperCase().padEnd(5)} ${redactSecrets(this.masker.mask(text)).replace(/\r?\n/g, '\n    ')}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    try {
      appendFileSync(this.file(0), line);
      this.size += bytes;
    } catch {
      // A full disk or a deleted folder must not take the app down with it.
    }
  }

  close(): void {
    this.closed = true;
  }

  private rotate(): void {
    try {
      rmSync(this.file(this.maxFiles - 1), { force: true });
      for (let i = this.maxFiles - 2; i >= 0; i--) {
        if (existsSync(this.file(i))) renameSync(this.file(i), this.file(i + 1));
      }
    } catch {
      // If a file is locked (an editor on Windows), keep appending to the current one.
    }
    this.size = existsSync(this.file(0)) ? statSync(this.file(0)).size : 0;
  }
}

/** The secrets to mask; a source that fails (the engine closing) masks with the patterns alone. */
function safely(source: () => readonly string[]): readonly string[] {
  try {
    return source();
  } catch {
    return [];
  }
}
