// Acknowledgements per second over a sliding window of a few seconds, from per-100 ms buckets: O(1) per ack
// call and per status() call, no timestamps kept per message.

const BUCKET_MS = 100;

export class DrainRate {
  private readonly buckets: Float64Array;
  private lastBucket = -1;

  constructor(private readonly windowMs = 5_000) {
    this.buckets = new Float64Array(Math.max(1, Math.round(windowMs / BUCKET_MS)));
  }

  add(count: number, now: number): void {
    this.advance(now);
    const slot = this.lastBucket % this.buckets.length;
    this.buckets[slot] = (this.buckets[slot] ?? 0) + count;
  }

  perSecond(now: number): number {
    this.advance(now);
    let sum = 0;
    for (const n of this.buckets) sum += n;
    return Math.round((sum * 1000) / this.windowMs);
  }

  /** Clears the buckets that fell out of the window since the last call. */
  private advance(now: number): void {
    const bucket = Math.floor(now / BUCKET_MS);
    if (this.lastBucket < 0 || bucket - this.lastBucket >= this.buckets.length) {
      this.buckets.fill(0);
    } else {
      for (let b = this.lastBucket + 1; b <= bucket; b++) this.buckets[b % this.buckets.length] = 0;
    }
    if (bucket > this.lastBucket) this.lastBucket = bucket;
  }
}
