// Latencies in 1 ms buckets up to 2 minutes: exact-to-the-millisecond percentiles over millions of messages in
// constant memory (an array of every latency would cost 8 bytes per message).
const MAX_MS = 120_000;

export class LatencyHistogram {
  private readonly buckets = new Uint32Array(MAX_MS + 1);
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** Arrivals stamped before their source timestamp (clock skew or a coarse source clock), counted in bucket 0. */
  negative = 0;

  add(ms: number): void {
    this.count += 1;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    if (ms < 0) this.negative += 1;
    const b = ms <= 0 ? 0 : ms >= MAX_MS ? MAX_MS : Math.round(ms);
    this.buckets[b] = (this.buckets[b] ?? 0) + 1;
  }

  /** The smallest latency (ms) that at least `p` (0..1) of the samples do not exceed; NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const target = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let ms = 0; ms <= MAX_MS; ms++) {
      seen += this.buckets[ms] ?? 0;
      if (seen >= target) return ms;
    }
    return MAX_MS;
  }
}
