// Browser events: one WebSocket to /api/live, subscribed to every event, reconnected with back-off.
import { eventNames, isEventName } from '../../src-main/contract/index.js';
import type { ClientMessage, EventName, EventPayloads, ServerMessage } from '../../src-main/contract/index.js';
import type { LinkState } from './transport.js';
import { nextBackoffMs } from '../lib/backoff.js';

type AnyListener = (payload: unknown) => void;

export class LiveSocket {
  private socket: WebSocket | null = null;
  private state: LinkState = 'connecting';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private readonly stateListeners = new Set<(s: LinkState) => void>();

  constructor(private readonly url: string) {}

  start(): void {
    this.connect();
  }

  linkState(): LinkState {
    return this.state;
  }

  onLinkState(listener: (s: LinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const l = listener as AnyListener;
    set.add(l);
    return () => set.delete(l);
  }

  private connect(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = ws;
    ws.onopen = () => {
      this.attempt = 0;
      const msg: ClientMessage = { type: 'subscribe', names: [...eventNames] };
      ws.send(JSON.stringify(msg));
      this.setState('open');
    };
    ws.onmessage = (ev: MessageEvent) => this.dispatch(ev.data);
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    ws.onerror = () => ws.close();
  }

  private scheduleReconnect(): void {
    this.setState('down');
    if (this.retryTimer) return;
    const delay = nextBackoffMs(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private setState(next: LinkState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.stateListeners) l(next);
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: ServerMessage;
    try {
      msg = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type !== 'event' || !isEventName(msg.name)) return;
    const set = this.listeners.get(msg.name);
    if (!set) return;
    for (const l of set) {
      try {
        l(msg.payload);
      } catch (err) {
        // One broken view must not stop the others receiving events.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}

export function liveSocketUrl(loc: Location): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${loc.host}/api/live`;
}
