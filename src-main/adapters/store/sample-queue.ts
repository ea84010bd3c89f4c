// The historian's ingest queue: batches as they arrived (no copying), bounded by a sample count.
// When the disk cannot keep up, the oldest samples go first: recent data is what an operator needs after an outage.
import type { TagSample } from '../../contract/index.js';

export interface SampleQueue {
  /** Samples waiting to be written. */
  readonly depth: number;
  /** Samples dropped so far because the queue was full. */
  readonly dropped: number;
  push(samples: readonly TagSample[]): void;
  /** Removes and returns up to `max` of the oldest samples. */
  take(max: number): TagSample[];
  /** Puts samples back at the head (a failed write), then enforces the bound again. */
  putBack(samples: TagSample[]): void;
}

export function createSampleQueue(capacity: number): SampleQueue {
  let chunks: (readonly TagSample[])[] = [];
  let head = 0; // index of the first chunk still in use
  let offset = 0; // samples of chunks[head] already taken
  let depth = 0;
  let dropped = 0;

  const compact = (): void => {
    if (head > 1024 && head * 2 > chunks.length) {
      chunks = chunks.slice(head);
      head = 0;
    }
  };

  const dropOldest = (count: number): void => {
    let left = count;
    while (left > 0 && head < chunks.length) {
      const chunk = chunks[head] as readonly TagSample[];
      const available = chunk.length - offset;
      const n = Math.min(available, left);
      offset += n;
      left -= n;
      depth -= n;
      dropped += n;
      if (offset >= chunk.length) {
        chunks[head] = [];
        head++;
        offset = 0;
      }
    }
    compact();
  };

  const enforceBound = (): void => {
    if (depth > capacity) dropOldest(depth - capacity);
  };

  return {
    get depth() {
      return depth;
    },
    get dropped() {
      return dropped;
    },
    push(samples) {
      if (samples.length === 0) return;
      chunks.push(samples);
      depth += samples.length;
      enforceBound();
    },
    take(max) {
      const out: TagSample[] = [];
      while (out.length < max && head < chunks.length) {
        const chunk = chunks[head] as readonly TagSample[];
        const n = Math.min(chunk.length - offset, max - out.length);
        for (let i = 0; i < n; i++) out.push(chunk[offset + i] as TagSample);
        offset += n;
        if (offset >= chunk.length) {
          chunks[head] = [];
          head++;
          offset = 0;
        }
      }
      depth -= out.length;
      compact();
      return out;
    },
    putBack(samples) {
      if (samples.length === 0) return;
      const rest = head < chunks.length ? [(chunks[head] as readonly TagSample[]).slice(offset)] : [];
      chunks = [samples, ...rest, ...chunks.slice(head + 1)];
      head = 0;
      offset = 0;
      depth += samples.length;
      enforceBound();
    },
  };
}
