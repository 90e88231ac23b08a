/**
 * `sklad-sync serve` as a real OS process (one node process through `--import tsx`, so a signal
 * reaches the program itself), with a stand-in UI page, its own data folder and key file, plus a
 * raw-socket client so a test can send exactly the bytes a hostile or broken client would.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  token: string;
  /** Everything the process wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the process has exited, with its code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** An authorised API call; resolves with the HTTP status and the parsed body. */
  api(
    channel: string,
    body?: unknown,
  ): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: unknown } }>;
  kill(): void;
}

/** Starts `serve --json` in `root` (data in root/data, key in root/key, UI page in root/ui). */
export async function startServeProcess(
  root: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<ServeProcess> {
  mkdirSync(join(root, 'ui'), { recursive: true });
  writeFileSync(join(root, 'ui', 'index.html'), '<!doctype html><title>Sklad Sync</title>');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(process.cwd(), 'electron/cli/main.ts'),
      'serve',
      '--json',
      '--data-dir',
      join(root, 'data'),
      ...args,
    ],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        SKLAD_SYNC_KEY_FILE: join(root, 'key', 'secret.key'),
        SKLAD_SYNC_RENDERER_DIR: join(root, 'ui'),
        ...env,
      },
    },
  );
  let stdout = '';
  let stderr = '';
  let running = true;
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  const info = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    const onData = () => {
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      child.stdout.off('data', onData);
      resolve(JSON.parse(line));
    };
    child.stdout.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`serve exited (${code}) before it listened: ${stderr}`)));
  });
  const api: ServeProcess['api'] = async (channel, body = {}) => {
    const res = await fetch(`http://127.0.0.1:${info.port}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: unknown } };
  };
  return {
    child,
    port: info.port,
    token: info.token,
    output: () => ({ stdout, stderr }),
    exited,
    isRunning: () => running,
    api,
    kill: () => {
      if (running) child.kill('SIGKILL');
    },
  };
}

/**
 * Sends raw bytes on a new connection and collects what comes back until the server closes the
 * connection or `settleMs` pass without a byte (a bound for the read, not a timing assertion).
 */
export function rawExchange(port: number, bytes: string | Buffer, settleMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    let timer: NodeJS.Timeout;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(done, settleMs);
    };
    socket.on('connect', () => {
      socket.write(bytes);
      arm();
    });
    socket.on('data', (d) => {
      reply += d.toString('latin1');
      arm();
    });
    socket.on('error', done);
    socket.on('close', done);
  });
}
