/**
 * Stopping the long-running commands (serve, demo, sandbox) on Ctrl+C or SIGTERM, always within a
 * bound: the first signal drains (running syncs finish their batch, connections close) for at most
 * `stopTimeoutMs`; past that, or on a second signal, the process exits anyway and says so. A stuck
 * database or store, or a connection a driver left open, never keeps the process alive.
 */

export const DEFAULT_STOP_TIMEOUT_MS = 10_000;

/** Resolves on the first SIGINT or SIGTERM, so long-running commands can drain and close. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Waits for a stop signal, then runs `drain` within `stopTimeoutMs`. Resolves with the exit code:
 * 0 when everything closed in time, 1 when the drain failed or ran out of time. A second signal
 * during the drain exits at once (130).
 */
export async function runUntilStopped(
  name: string,
  drain: () => Promise<void>,
  stopTimeoutMs = DEFAULT_STOP_TIMEOUT_MS,
): Promise<number> {
  const signal = await waitForStopSignal();
  const seconds = Math.round(stopTimeoutMs / 1000);
  console.error(
    `sklad-sync ${name}: ${signal}: stopping; running syncs finish their current step (at most ${seconds} s). ` +
      'Press Ctrl+C again to exit at once.',
  );
  const again = () => {
    console.error(`sklad-sync ${name}: second stop signal: exiting now without waiting.`);
    process.exit(130);
  };
  process.once('SIGINT', again);
  process.once('SIGTERM', again);
  let timer: NodeJS.Timeout | null = null;
  const outcome = await Promise.race([
    drain().then(
      () => 'drained' as const,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    ),
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
      timer.unref();
    }),
  ]);
  if (timer) clearTimeout(timer);
  process.off('SIGINT', again);
  process.off('SIGTERM', again);
  if (outcome === 'drained') {
    console.error(`sklad-sync ${name}: stopped.`);
    return 0;
  }
  if (outcome === 'timeout') {
    console.error(
      `sklad-sync ${name}: not everything closed within ${seconds} s (a database or store that does not answer); ` +
        'exiting anyway. A run cut off this way is marked failed ("interrupted") at the next start and resumes then.',
    );
    return 1;
  }
  console.error(`sklad-sync ${name}: stopping failed (${outcome.message}); exiting anyway.`);
  return 1;
}
