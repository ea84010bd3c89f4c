// Latest sample per tag, kept outside React. Samples arrive up to 10 times a second; subscribers are told
// at most every `flushMs` and only about the tags that changed, so one value change re-renders one readout.
import type { TagSample } from '../../src-main/contract/index.js';

export type SamplesListener = (samples: readonly TagSample[]) => void;

export class LiveStore {
  private readonly latest = new Map<string, TagSample>();
  private readonly tagListeners = new Map<string, Set<() => void>>();
  private readonly batchListeners = new Set<SamplesListener>();
  private readonly pendingTags = new Set<string>();
  private pendingSamples: TagSample[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly flushMs = 200) {}

  get(tagId: string): TagSample | undefined {
    return this.latest.get(tagId);
  }

  /** Takes a batch from the backend; an older sample never overwrites a newer one unless its quality differs. */
  apply(samples: readonly TagSample[]): void {
    for (const s of samples) {
      const prev = this.latest.get(s.tagId);
      if (prev && s.ts < prev.ts && s.quality === prev.quality) continue;
      if (prev && prev.ts === s.ts && prev.value === s.value && prev.quality === s.quality) continue;
      this.latest.set(s.tagId, s);
      this.pendingTags.add(s.tagId);
      if (this.batchListeners.size > 0) this.pendingSamples.push(s);
    }
    if (this.pendingTags.size > 0 && this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
    }
  }

  /** Tells subscribers now; normally called by the timer. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const tags = [...this.pendingTags];
    const samples = this.pendingSamples;
    this.pendingTags.clear();
    this.pendingSamples = [];
    for (const tag of tags) {
      const set = this.tagListeners.get(tag);
      if (set) for (const l of set) l();
    }
    if (samples.length > 0) for (const l of this.batchListeners) l(samples);
  }

  subscribeTag(tagId: string, listener: () => void): () => void {
    let set = this.tagListeners.get(tagId);
    if (!set) {
      set = new Set();
      this.tagListeners.set(tagId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.tagListeners.delete(tagId);
    };
  }

  /** Every sample, in batches, at the flush rate: for trend buffers. */
  subscribeSamples(listener: SamplesListener): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
