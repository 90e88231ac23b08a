/**
 * Quitting drains: the first `before-quit` is held back while the steps run in order (remember the
 * running servers, unhook IPC, stop the servers, which waits for in-flight batches to close, close
 * the logs), then the app exits. Further quit requests during the drain are ignored, so a second
 * click on "Quit" cannot cut a batch in half. A hung run is not waited for forever: after
 * `timeoutMs` the app exits anyway and says so in the log (the state database is transactional, so
 * the worst case is a run marked interrupted at the next start).
 */
import type { App } from 'electron';

export interface DrainStep {
  name: string;
  run(): void | Promise<void>;
}

export interface QuitDrainOptions {
  app: Pick<App, 'on' | 'exit'>;
  steps: DrainStep[];
  log?: (level: 'info' | 'error', message: string) => void;
  timeoutMs?: number;
  /** Told when draining starts, e.g. to show "Stopping…" in the tray. */
  onDrainStart?: () => void;
}

export class QuitDrain {
  private state: 'running' | 'draining' | 'done' = 'running';

  constructor(private readonly options: QuitDrainOptions) {
    options.app.on('before-quit', (event) => {
      if (this.state === 'done') return;
      event.preventDefault();
      void this.drain();
    });
  }

  get quitting(): boolean {
    return this.state !== 'running';
  }

  /** Runs the steps once, then exits the app. Safe to call again: later calls wait for the first. */
  drain(): Promise<void> {
    if (this.state !== 'running') return this.drained ?? Promise.resolve();
    this.state = 'draining';
    this.options.onDrainStart?.();
    this.drained = this.runSteps().then(() => {
      this.state = 'done';
      this.options.app.exit(0);
    });
    return this.drained;
  }

  private drained: Promise<void> | null = null;

  private async runSteps(): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs ?? 120_000);
    });
    const steps = (async () => {
      for (const step of this.options.steps) {
        try {
          await step.run();
        } catch (err) {
          // One failing step (say, the log folder is gone) must not keep the servers from stopping.
          log('error', `quit: ${step.name} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return 'done' as const;
    })();
    const outcome = await Promise.race([steps, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') log('error', 'quit: the servers did not stop in time; exiting anyway');
  }
}
