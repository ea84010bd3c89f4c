// A bounded FIFO of samples waiting to be published, in arrival order. When full, the oldest entry is dropped
// (and reported), so a long broker outage costs the oldest values, never memory without bound.
// Durable store-and-forward (the SQLite outbox) sits in front of this later; this ring only rides out short gaps.
import type { TagSample } from '../../contract/index.js';

/** Where a tag is published: resolved once per setTags, shared by all of its samples. */
export interface TagRoute {
  topic: string;
  unit: string;
}

export class PendingRing {
  private readonly routes: (TagRoute | undefined)[];
  private readonly samples: (TagSample | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('queue bound must be a positive integer');
    this.routes = new Array<TagRoute | undefined>(capacity);
    this.samples = new Array<TagSample | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Appends; returns 1 when the oldest entry had to be dropped to make room, else 0. */
  push(route: TagRoute, sample: TagSample): number {
    let dropped = 0;
    if (this.count === this.capacity) {
      this.head = (this.head + 1) % this.capacity;
      this.count -= 1;
      dropped = 1;
    }
    const tail = (this.head + this.count) % this.capacity;
    this.routes[tail] = route;
    this.samples[tail] = sample;
    this.count += 1;
    return dropped;
  }

  /** Removes the oldest entry and hands it to `use`; returns false when empty. */
  shift(use: (route: TagRoute, sample: TagSample) => void): boolean {
    if (this.count === 0) return false;
    const route = this.routes[this.head];
    const sample = this.samples[this.head];
    this.routes[this.head] = undefined;
    this.samples[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count -= 1;
    if (route !== undefined && sample !== undefined) use(route, sample);
    return true;
  }

  clear(): number {
    const n = this.count;
    this.routes.fill(undefined);
    this.samples.fill(undefined);
    this.head = 0;
    this.count = 0;
    return n;
  }
}
