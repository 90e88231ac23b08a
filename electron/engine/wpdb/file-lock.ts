/**
 * Locks and leases kept in files beside an MS Access database: Jet has no named locks and our lease
 * table cannot be created from here, so the files next to the .mdb (on the same share that every
 * PC opens) carry them. A lock file holds "host pid time"; a lock left by a dead process of this
 * PC, or older than two minutes, is taken over.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync, openSync, closeSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '../errors';
import { processGone } from '../process-gone';
import { refusal, type LeaseResult } from './lease';

const STALE_MS = 120_000;
const WAIT_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stale(content: string, now: number): boolean {
  const [host, pid, at] = content.trim().split(' ');
  if (!Number.isFinite(Number(at)) || now - Number(at) > STALE_MS) return true;
  return host === hostname() && processGone(Number(pid));
}

/** Runs `fn` while holding the lock file; waits up to 30 s for another holder. */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${hostname()} ${process.pid} ${Date.now()}`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let content = '';
      try {
        content = readFileSync(lockPath, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      if (stale(content, Date.now())) {
        try {
          unlinkSync(lockPath);
        } catch {
          // another waiter took it over first
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw new AppError('conflict', {
          bg: 'Базата MS Access е заключена от друго копие на програмата повече от 30 секунди. Опитайте отново.',
          en: 'The MS Access database has been locked by another copy of the program for over 30 seconds. Try again.',
        });
      }
      await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  }
}

type Leases = Record<string, { holder: string; expiresAt: number }>;

/** The lease of `lease.ts`, kept as JSON in `<database>.sklad-sync-lease.json`. */
export class FileLease {
  constructor(private readonly databaseFile: string) {}

  private get file() {
    return `${this.databaseFile}.sklad-sync-lease.json`;
  }

  private read(): Leases {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Leases;
    } catch {
      return {};
    }
  }

  private write(leases: Leases): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(leases));
    renameSync(tmp, this.file);
  }

  private locked<T>(fn: () => T): Promise<T> {
    return withFileLock(`${this.file}.lock`, async () => fn());
  }

  acquire(name: string, holder: string, ttlMs: number, isDead: (h: string) => boolean): Promise<LeaseResult> {
    return this.locked(() => {
      const leases = this.read();
      const now = Date.now();
      const refused = refusal(leases[name], holder, now, isDead);
      if (refused) return refused;
      leases[name] = { holder, expiresAt: now + ttlMs };
      this.write(leases);
      return { ok: true };
    });
  }

  renew(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.locked(() => {
      const leases = this.read();
      if (leases[name]?.holder !== holder) return false;
      leases[name] = { holder, expiresAt: Date.now() + ttlMs };
      this.write(leases);
      return true;
    });
  }

  release(name: string, holder: string): Promise<void> {
    return this.locked(() => {
      const leases = this.read();
      if (leases[name]?.holder !== holder) return;
      delete leases[name];
      this.write(leases);
    });
  }
}
