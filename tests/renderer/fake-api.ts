/**
 * The renderer's unit tests run in plain Node (no DOM): they put a stand-in `window.api` in place
 * before the store under test is imported, so the store's own code runs unchanged while the test
 * decides which events arrive in which order and when an answer comes back. Compiled with the
 * renderer's tsconfig (DOM types, no Node), as the code it tests is.
 */
import { INVOKE_CHANNELS, methodName } from '../../shared/ipc/channels';
import type { Api } from '../../shared/ipc/contract';

type Listener = (payload: unknown) => void;

export interface FakeApi {
  /** Delivers an engine event to every listener of the channel, as the preload would. */
  emit(channel: string, payload: unknown): void;
  /** Sets what a method answers; a function is called with the request. */
  answer(method: string, value: unknown): void;
}

export function installFakeApi(): FakeApi {
  const listeners = new Map<string, Set<Listener>>();
  const answers = new Map<string, unknown>();
  const api: Record<string, unknown> = {
    on: (channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
  // One method per contract channel, as the preload exposes them (the store wraps each).
  for (const channel of INVOKE_CHANNELS) {
    const name = methodName(channel);
    api[name] = async (request: unknown) => {
      const value = answers.get(name);
      return typeof value === 'function' ? (value as (r: unknown) => unknown)(request) : value;
    };
  }
  (globalThis as { window?: unknown }).window = { api: api as unknown as Api };
  return {
    emit(channel, payload) {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
    answer(method, value) {
      answers.set(method, value);
    },
  };
}
