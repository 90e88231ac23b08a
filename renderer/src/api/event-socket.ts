/**
 * The event half of serve mode: one WebSocket to `/events`, opened on the first subscription and
 * reopened with exponential backoff when it drops. Payloads are checked against the contract
 * before a listener sees them. Whenever the socket opens, the first time too, events may have been
 * missed (sent before it was up: a server saved right after the page loaded, or while it was
 * down), so listeners of `servers:changedEvent` get `{ ids: [] }` ("reload everything") and
 * settings are fetched again.
 */
import { EVENT_CHANNELS, type EventChannel } from '../../../shared/ipc/channels';
import { eventContract, type EventPayload } from '../../../shared/ipc/contract';

type Listener = (payload: unknown) => void;

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
const knownEvents = new Set<string>(EVENT_CHANNELS);

export class EventSocket {
  private readonly listeners = new Map<EventChannel, Set<Listener>>();
  private socket: WebSocket | null = null;
  private started = false;
  private delay = MIN_DELAY_MS;

  constructor(
    private readonly url: () => string,
    /** Called whenever the socket opens, to resynchronise state that events may have missed. */
    private readonly onReconnect: (emit: (channel: EventChannel, payload: unknown) => void) => void = (emit) =>
      emit('servers:changedEvent', { ids: [] }),
  ) {}

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const wrapped = listener as Listener;
    set.add(wrapped);
    this.start();
    return () => {
      set.delete(wrapped);
    };
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  private connect(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.delay = MIN_DELAY_MS;
      this.onReconnect((channel, payload) => this.emit(channel, payload));
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = () => {
      if (this.socket === socket) this.socket = null;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const jitter = Math.random() * this.delay * 0.3;
    setTimeout(() => this.connect(), this.delay + jitter);
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: { channel?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      return;
    }
    if (typeof message.channel !== 'string' || !knownEvents.has(message.channel)) return;
    const channel = message.channel as EventChannel;
    const parsed = eventContract[channel].safeParse(message.payload);
    if (parsed.success) this.emit(channel, parsed.data);
  }

  private emit(channel: EventChannel, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`listener of ${channel} failed`, err);
      }
    }
  }
}
