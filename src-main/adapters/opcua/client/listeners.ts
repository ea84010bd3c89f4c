// A minimal typed event: `on` returns a Disposable, a throwing listener never breaks the others.
import type { Disposable, Listener, Log } from '../../../services/ports.js';

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private readonly log: Log, private readonly name: string) {}

  on(listener: Listener<T>): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  emit(value: T): void {
    for (const l of this.listeners) {
      try {
        l(value);
      } catch (err) {
        this.log.error({ err: (err as Error).message, event: this.name }, 'listener failed');
      }
    }
  }
}
