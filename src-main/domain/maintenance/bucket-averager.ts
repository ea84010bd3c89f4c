// Downsamples a raw sample stream to one mean per fixed time bucket, so the statistics see a steady,
// bounded rate whatever the source's sampling interval.

export interface BucketPoint {
  /** Centre of the bucket, ms epoch. */
  t: number;
  v: number;
  count: number;
}

export interface BucketAverager {
  /** Adds a sample; returns the previous bucket's point when this sample starts a new bucket. */
  add(ts: number, value: number): BucketPoint | null;
}

export function createBucketAverager(bucketMs: number): BucketAverager {
  let index = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let count = 0;
  return {
    add(ts, value) {
      const i = Math.floor(ts / bucketMs);
      if (i < index) return null; // late sample for a closed bucket: dropped rather than reordering history
      if (i === index) {
        sum += value;
        count++;
        return null;
      }
      const closed = count > 0 ? { t: index * bucketMs + bucketMs / 2, v: sum / count, count } : null;
      index = i;
      sum = value;
      count = 1;
      return closed;
    },
  };
}
