/** The command line, run as a user would (through tsx, so no build is needed for this test). */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = (args: string[]) =>
  spawnSync(tsx, ['electron/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('sklad-sync command line', () => {
  it('lists its commands with --help', () => {
    const out = cli(['--help']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/Usage: sklad-sync <command>/);
    expect(out.stdout).toMatch(/serve/);
  });

  it('has --help on each command', () => {
    const out = cli(['serve', '--help']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/--port N/);
  });

  it('names an unknown command and exits 2', () => {
    const out = cli(['frobnicate']);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('serve prints one JSON line with a loopback URL and stops on SIGTERM', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sklad-cli-'));
    mkdirSync(join(root, 'ui'));
    writeFileSync(join(root, 'ui', 'index.html'), '<!doctype html><title>t</title>');
    const child = spawn(tsx, ['electron/cli/main.ts', 'serve', '--json', '--data-dir', join(root, 'data')], {
      env: {
        ...process.env,
        SKLAD_SYNC_KEY_FILE: join(root, 'key', 'secret.key'),
        SKLAD_SYNC_RENDERER_DIR: join(root, 'ui'),
      },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (c) => {
          out += c;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.stderr.on('data', (c) => (err += c));
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const info = JSON.parse(line);
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const res = await fetch(`http://127.0.0.1:${info.port}/api/servers:list`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(401);
      const code = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });
});
