/**
 * The command line (`sklad-sync run`) as a real OS process for the fault tests. It is started as
 * one node process (`node --import tsx`), not through the `tsx` wrapper: the wrapper runs the
 * program in a child process, so a SIGKILL sent to the wrapper would leave the program running.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

export interface CliRun {
  pid: number;
  kill(): void;
  done: Promise<CliResult>;
}

export function startCli(args: string[], opts: { root: string; apiKey: string; env?: Record<string, string> }): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'electron/cli/main.ts'), ...args], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      SKLAD_SYNC_KEY_FILE: join(opts.root, 'key'),
      SKLAD_SYNC_API_KEY: opts.apiKey,
      ...opts.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const done = new Promise<CliResult>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid ?? 0 })),
  );
  return { pid: child.pid ?? 0, kill: () => child.kill('SIGKILL'), done };
}

/** `run --task <task> --json` for a profile file, in its own data folder. */
export function runArgs(root: string, task: string, dataDir = join(root, 'data')): string[] {
  return ['run', '--profile', join(root, 'profile.json'), '--task', task, '--json', '--data-dir', dataDir];
}

/** The last JSON report line the command printed. */
export function lastReport(stdout: string): { state: string; error: string | null; counts: Record<string, number> } {
  const lines = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'));
  if (lines.length === 0) throw new Error(`the command printed no JSON report; its output was:\n${stdout}`);
  return JSON.parse(lines[lines.length - 1]);
}
