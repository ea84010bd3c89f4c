// Watches a replay for the first time a signal's one-minute mean crosses its alarm limit while the asset has been
// running steadily: the "observed" limit crossing, next to the ground truth's expected one.
import type { TagBatch } from '../../src-main/contract/index.js';

const WINDOW_MS = 60_000;
/** After a start the process is still settling (a flow of 0 is below any low limit): wait this long. */
const SETTLE_MS = 10 * 60_000;

export interface LimitCrossingOptions {
  tagId: string;
  /** Boolean running tag of the asset; null for assets that always run (a tank). */
  runningTagId: string | null;
  limit: { level: number; direction: 'above' | 'below' };
  /** Crossings before this time (the fault onset) are ignored. */
  fromMs: number;
}

export class LimitCrossingWatch {
  crossedAt: number | null = null;
  private runningSince: number | null = null;
  private windowStart = Number.NEGATIVE_INFINITY;
  private sum = 0;
  private count = 0;

  constructor(private readonly opts: LimitCrossingOptions) {
    if (opts.runningTagId === null) this.runningSince = Number.NEGATIVE_INFINITY;
  }

  add(batch: TagBatch): void {
    if (this.crossedAt !== null) return;
    const o = this.opts;
    for (const s of batch.samples) {
      if (s.tagId === o.runningTagId) {
        if (s.value === true && this.runningSince === null) this.runningSince = s.ts;
        else if (s.value !== true) this.runningSince = null;
      }
    }
    for (const s of batch.samples) {
      if (s.tagId !== o.tagId || typeof s.value !== 'number') continue;
      const steady = this.runningSince !== null && s.ts - this.runningSince >= SETTLE_MS;
      if (!steady) {
        this.sum = 0;
        this.count = 0;
        this.windowStart = Number.NEGATIVE_INFINITY;
        continue;
      }
      if (s.ts - this.windowStart >= WINDOW_MS) {
        this.closeWindow(s.ts);
        this.windowStart = s.ts;
        this.sum = 0;
        this.count = 0;
      }
      this.sum += s.value;
      this.count++;
    }
  }

  private closeWindow(ts: number): void {
    if (this.count === 0 || ts < this.opts.fromMs) return;
    const mean = this.sum / this.count;
    const { level, direction } = this.opts.limit;
    if (direction === 'above' ? mean >= level : mean <= level) this.crossedAt = ts;
  }
}
