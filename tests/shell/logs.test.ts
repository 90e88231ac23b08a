/**
 * The log files: size-based rotation (5 files of 1 MB by default; smaller here to keep it quick),
 * secrets masked before anything is written, and the engine's events turned into log lines.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engineLogLine } from '../../electron/shell/engine-log';
import { redactSecrets } from '../../electron/engine/secrets/redact';
import { RotatingLog } from '../../electron/shell/rotating-log';
import { finishedEvent, run } from './shell-fixtures';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'sklad-sync-logs-'));
  dirs.push(dir);
  return join(dir, 'logs');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('rotating log', () => {
  it('rotates by size and keeps at most maxFiles files, newest first', () => {
    const dir = tempDir();
    const log = new RotatingLog({ dir, maxBytes: 1000, maxFiles: 5, now: () => new Date('2026-01-10T08:00:00Z') });
    // Each line is 100 bytes: 24 stamp + 1 + 5 level + 1 + message + newline.
    for (let i = 0; i < 120; i++) log.info(`line ${String(i).padStart(3, '0')} ${'x'.repeat(59)}`);
    const files = readdirSync(dir).sort();
    console.log('log files after 120 lines of 100 bytes, 1000-byte limit:', files.join(', '));
    expect(files).toEqual([
      'sklad-sync.1.log',
      'sklad-sync.2.log',
      'sklad-sync.3.log',
      'sklad-sync.4.log',
      'sklad-sync.log',
    ]);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1000);
    // The newest lines are in the current file, the next older ones in .1, and so on.
    const current = readFileSync(log.file(0), 'utf8').trim().split('\n');
    expect(current.at(-1)).toContain('line 119');
    expect(readFileSync(log.file(1), 'utf8')).toContain('line 109');
    expect(readFileSync(log.file(4), 'utf8')).toContain('line 079');
    expect(readFileSync(log.file(4), 'utf8')).not.toContain('line 069');
  });

  it('defaults to 5 files of 1 MB and carries on from an existing file', () => {
    const dir = tempDir();
    const first = new RotatingLog({ dir });
    first.info('before restart');
    const second = new RotatingLog({ dir });
    second.warn('after restart');
    const text = readFileSync(second.file(0), 'utf8');
    expect(text).toMatch(/INFO {2}before restart\n.*WARN {2}after restart\n$/);
    expect(existsSync(second.file(1))).toBe(false);
    const big = 'y'.repeat(7_900);
    for (let i = 0; i < 140; i++) second.info(big);
    expect(existsSync(second.file(1))).toBe(true);
    expect(statSync(second.file(1)).size).toBeLessThanOrEqual(1024 * 1024);
  });

  it('never writes a secret: connection strings, URLs with passwords, API keys, bearer tokens', () => {
    const dir = tempDir();
    const log = new RotatingLog({ dir });
    log.error('mssql: Server=db;User Id=sa;Password=S3cret!;Database=wp failed');
    log.error('connect mysql://root:hunter2@127.0.0.1:3306/wp refused');
    log.info('request X-CloudCart-ApiKey: abcdef123456 sent');
    log.info('{"apiKey":"k-998877","name":"shop"}');
    log.info('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig');
    log.info('pwd=letmein; next');
    const text = readFileSync(log.file(0), 'utf8');
    for (const secret of ['S3cret!', 'hunter2', 'abcdef123456', 'k-998877', 'eyJhbGciOiJIUzI1NiJ9', 'letmein']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('Password=***;Database=wp');
    expect(text).toContain('mysql://root:***@127.0.0.1:3306/wp');
    expect(text).toContain('"name":"shop"');
  });

  it('cuts very long messages, and redacts a long line in linear time', () => {
    const dir = tempDir();
    const log = new RotatingLog({ dir });
    const started = Date.now();
    log.info('z'.repeat(200_000));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(readFileSync(log.file(0), 'utf8')).toContain('… (+192000 chars)');
  });

  it('redaction leaves ordinary text alone', () => {
    const plain = 'export: 120 goods, 3 prices changed; https://shop.example.bg/admin/orders/5';
    expect(redactSecrets(plain)).toBe(plain);
  });

  it('a closed log writes nothing more', () => {
    const dir = tempDir();
    const log = new RotatingLog({ dir });
    log.info('one');
    log.close();
    log.info('two');
    expect(readFileSync(log.file(0), 'utf8')).not.toContain('two');
  });
});

describe('engine events as log lines', () => {
  const name = (id: string) => (id === 'a' ? 'Магазин София' : id);
  it('run log lines keep their level, with the server name and the run id', () => {
    const line = engineLogLine(
      {
        channel: 'sync:logEvent',
        payload: { runId: '12345678-aaaa', serverId: 'a', level: 'warn', message: 'order 5: SKU not found', at: '' },
      },
      name,
    );
    expect(line).toEqual(['warn', '[Магазин София] run 12345678: order 5: SKU not found']);
  });
  it('a finished run is one line with its counts; a failure is an error with its message', () => {
    const ok = engineLogLine(
      finishedEvent(run('a', 'export', 'succeeded', { requests: 12, counts: { prices: 3 } })),
      name,
    );
    expect(ok).toEqual(['info', '[Магазин София] export succeeded, 12 requests prices=3']);
    const failed = engineLogLine(finishedEvent(run('a', 'import', 'failed', { dryRun: true })), name);
    expect(failed?.[0]).toBe('error');
    expect(failed?.[1]).toContain('import (dry run) failed');
    expect(engineLogLine({ channel: 'servers:changedEvent', payload: { ids: [] } }, name)).toBeNull();
  });
});
