/**
 * The `serve` fixture: a real headless host (`node bin/sklad-sync.mjs serve --json`) with a fresh
 * data folder and key file per test, so nothing touches the user's home. Yields the URL with its
 * token; stops the host and removes the folder afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page, type TestInfo } from '@playwright/test';

export interface ServeInstance {
  /** `http://127.0.0.1:PORT/?token=...`: opening it sets the session cookie. */
  url: string;
  origin: string;
  port: number;
  dataDir: string;
}

const CLI = fileURLToPath(new URL('../bin/sklad-sync.mjs', import.meta.url));
const START_TIMEOUT_MS = 20_000;

/**
 * `serve`: the real CLI. `updateServe`: a serve host whose engine has the desktop app's updater on
 * electron-updater's real code, against a feed with version 0.2.0 on 127.0.0.1 (e2e/update-host.ts),
 * so the update UI can be seen in a browser; Electron's `app` and `net` are stood in as in the
 * vitest updater tests.
 */
export const test = base.extend<{ serve: ServeInstance; updateServe: ServeInstance }>({
  // eslint-disable-next-line no-empty-pattern
  serve: async ({}, use, testInfo) => {
    await runHost([CLI, 'serve', '--port', '0'], use, testInfo);
  },
  // eslint-disable-next-line no-empty-pattern
  updateServe: async ({}, use, testInfo) => {
    await runHost([TSX_CLI, UPDATE_HOST], use, testInfo);
  },
});

const TSX_CLI = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const UPDATE_HOST = fileURLToPath(new URL('./update-host.ts', import.meta.url));

async function runHost(args: string[], use: (s: ServeInstance) => Promise<void>, testInfo: TestInfo): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sklad-sync-e2e-'));
  const child = spawn(process.execPath, [...args, '--data-dir', dataDir, '--json'], {
    env: { ...process.env, SKLAD_SYNC_KEY_FILE: join(dataDir, 'key', 'secret.key') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const line = await firstLine(child, () => stderr);
    const info = JSON.parse(line) as { url: string; port: number; token: string };
    await use({ url: info.url, origin: new URL(info.url).origin, port: info.port, dataDir });
  } finally {
    await stop(child);
    if (stderr.trim()) await testInfo.attach('serve-stderr', { body: stderr, contentType: 'text/plain' });
    await rm(dataDir, { recursive: true, force: true });
  }
}

export { expect } from '@playwright/test';

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => fail(new Error(`serve printed no JSON line in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(new Error(`${err.message}\nstdout: ${out}\nstderr: ${stderr()}`));
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline).trim());
      }
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`serve exited with code ${code} before it was ready`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** A screenshot in the test's output folder, copied to test-results/screenshots/ for a quick look. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  const dir = join(testInfo.project.outputDir, 'screenshots');
  await mkdir(dir, { recursive: true });
  await copyFile(path, join(dir, name));
}
