/**
 * Waiting on what a test is waiting for (an engine event, a condition) instead of a fixed pause:
 * the test goes on as soon as it happened, and a timeout says what never did. Subscribe before
 * starting what sends the event: `const done = waitForEvent(...); engine.sync.start(...); await done`.
 */
import type { EventChannel } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';
import type { Engine, EngineEvent } from '../../electron/engine/engine';

type Payload<C extends EventChannel> = EventPayload<C>;

export function waitForEvent<C extends EventChannel>(
  engine: Engine,
  channel: C,
  matches: (payload: Payload<C>) => boolean,
  options: { timeoutMs?: number; what: string },
): Promise<Payload<C>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`waited ${timeoutMs} ms for ${options.what} (${channel}); it never came`));
    }, timeoutMs);
    const off = engine.onEvent((event) => {
      if (event.channel !== channel) return;
      const payload = event.payload as Payload<C>;
      if (!matches(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/**
 * For "nothing happens for a while": resolves after `forMs` if no matching event came, and
 * rejects at once, naming it, when one does (instead of finding out after a pause).
 */
export function expectNoEvent(
  engine: Engine,
  matches: (event: EngineEvent) => boolean,
  options: { forMs: number; what: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      resolve();
    }, options.forMs);
    const off = engine.onEvent((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      off();
      reject(new Error(`${options.what}, but got ${event.channel} ${JSON.stringify(event.payload).slice(0, 200)}`));
    });
  });
}

/** Checks `condition` until it holds (every `everyMs`), or fails after `timeoutMs` naming `what`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; everyMs?: number; what: string },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${options.timeoutMs ?? 30_000} ms for ${options.what}`);
    await new Promise((r) => setTimeout(r, options.everyMs ?? 20));
  }
}
