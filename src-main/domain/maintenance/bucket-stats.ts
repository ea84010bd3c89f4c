// Per-bucket statistics of a raw sample stream: mean, within-bucket spread and how often the value changed.
// Constant memory; the channel tracker turns the closed buckets into baseline, drift, noise and stuck evidence.

export interface BucketStats {
  /** Centre of the bucket, ms epoch. */
  t: number;
  mean: number;
  /** Within-bucket standard deviation (0 with a single sample). */
  sd: number;
  count: number;
  /** Samples whose value differed from the sample before them (across bucket boundaries too). */
  changes: number;
}

export interface BucketStatsAccumulator {
  /** Adds a sample; returns the previous bucket when this sample starts a new one. Late samples are dropped. */
  add(ts: number, value: number): BucketStats | null;
  /** Last value seen and the time it last changed (null before the first sample). */
  lastValue(): number | null;
  lastChangeTs(): number | null;
  lastSampleTs(): number | null;
}

export function createBucketStats(bucketMs: number): BucketStatsAccumulator {
  let index = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  let changes = 0;
  let last: number | null = null;
  let lastChange: number | null = null;
  let lastTs: number | null = null;
  // Shifted sums (around the bucket's first value) keep the variance exact for large, nearly constant values.
  let shift = 0;

  const close = (): BucketStats | null => {
    if (count === 0) return null;
    const mean = sum / count;
    const variance = Math.max(0, sumSq / count - mean * mean);
    return { t: index * bucketMs + bucketMs / 2, mean: mean + shift, sd: Math.sqrt(variance), count, changes };
  };

  return {
    add(ts, value) {
      const i = Math.floor(ts / bucketMs);
      if (i < index) return null;
      const changed = last !== null && value !== last;
      if (last === null || changed) lastChange = ts;
      last = value;
      lastTs = ts;
      let closed: BucketStats | null = null;
      if (i !== index) {
        closed = close();
        index = i;
        shift = value;
        sum = 0;
        sumSq = 0;
        count = 0;
        changes = 0;
      }
      const d = value - shift;
      sum += d;
      sumSq += d * d;
      count++;
      if (changed) changes++;
      return closed;
    },
    lastValue: () => last,
    lastChangeTs: () => lastChange,
    lastSampleTs: () => lastTs,
  };
}
