// Typed fan-out of the contract's events (alarms, flags, health) to every transport. Live values do not pass
// here: they go through LiveStream, which coalesces them per client.
import type { EventName, EventPayloads } from '../contract/index.js';
import type { Disposable } from './ports.js';

type AnyListener = (name: EventName, payload: EventPayloads[EventName]) => void;

export class EventHub {
  private readonly listeners = new Set<AnyListener>();

  emit<N extends EventName>(name: N, payload: EventPayloads[N]): void {
    for (const l of this.listeners) l(name, payload);
  }

  onAny(listener: AnyListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
