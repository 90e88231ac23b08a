/**
 * Serve mode's event socket (`renderer/src/api/event-socket.ts`): what happened while it was not
 * open is not lost. A server saved right after the page loaded (before the socket was up) or while
 * it was down is announced as "reload everything" when it opens, the first time as on every
 * reconnect. A stand-in WebSocket lets the test open and drop it at will.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventSocket } from '../../renderer/src/api/event-socket';

class StandInSocket {
  static made: StandInSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    StandInSocket.made.push(this);
  }
  close(): void {}
}

beforeEach(() => {
  StandInSocket.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', StandInSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('event socket', () => {
  it('asks for a reload when it first opens and after each reconnect', () => {
    const socket = new EventSocket(() => 'ws://127.0.0.1/events');
    const seen: unknown[] = [];
    socket.on('servers:changedEvent', (p) => seen.push(p));
    expect(StandInSocket.made).toHaveLength(1);

    StandInSocket.made[0].onopen!();
    expect(seen).toEqual([{ ids: [] }]);

    StandInSocket.made[0].onclose!();
    vi.advanceTimersByTime(1_000);
    expect(StandInSocket.made).toHaveLength(2);
    StandInSocket.made[1].onopen!();
    expect(seen).toEqual([{ ids: [] }, { ids: [] }]);
  });

  it('passes events on as they come', () => {
    const socket = new EventSocket(() => 'ws://127.0.0.1/events');
    const seen: unknown[] = [];
    socket.on('servers:changedEvent', (p) => seen.push(p));
    StandInSocket.made[0].onopen!();
    StandInSocket.made[0].onmessage!({
      data: JSON.stringify({ channel: 'servers:changedEvent', payload: { ids: ['a'] } }),
    });
    expect(seen).toEqual([{ ids: [] }, { ids: ['a'] }]);
  });
});
