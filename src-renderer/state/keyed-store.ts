// Alarms and flags: a keyed set updated by `changed` events, read as one sorted array (rebuilt once per change).
import { ValueStore } from './value-store.js';

export class KeyedStore<T> {
  private readonly items = new Map<string, T>();
  readonly view: ValueStore<readonly T[]>;

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly keep: (item: T) => boolean,
    private readonly order: (a: T, b: T) => number,
  ) {
    this.view = new ValueStore<readonly T[]>([]);
  }

  replaceAll(items: readonly T[]): void {
    this.items.clear();
    this.merge(items);
  }

  merge(changed: readonly T[]): void {
    for (const item of changed) {
      const key = this.keyOf(item);
      if (this.keep(item)) this.items.set(key, item);
      else this.items.delete(key);
    }
    this.view.set([...this.items.values()].sort(this.order));
  }
}
