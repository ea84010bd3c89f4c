// Downsampling for trends: turn many raw samples into at most `points` chart points before anything is drawn.
// Pure functions over columnar arrays (t = ms epoch, v = value or null for gaps and non-numeric samples).

/** A columnar series as charts take it. */
export interface ColumnarSeries {
  t: number[];
  v: (number | null)[];
}

/** Fixed-width time buckets for an average-style query: bucket i covers [from + i·width, from + (i+1)·width). */
export function bucketWidth(from: number, to: number, points: number): number {
  const span = Math.max(1, Math.floor(to) - Math.floor(from) + 1);
  return Math.max(1, Math.ceil(span / Math.max(1, Math.floor(points))));
}

export function bucketIndex(ts: number, from: number, width: number): number {
  return Math.floor((ts - from) / width);
}

export function bucketStart(index: number, from: number, width: number): number {
  return from + index * width;
}

export interface BucketedSeries extends ColumnarSeries {
  min: (number | null)[];
  max: (number | null)[];
  /** Samples per emitted bucket (numeric or not). */
  count: number[];
}

/**
 * Average, minimum and maximum per time bucket over [from, to], at most `points` buckets; empty buckets are skipped.
 * The in-memory twin of the historian's `GROUP BY` query (also its reference in tests).
 */
export function bucketAverages(
  series: ColumnarSeries,
  from: number,
  to: number,
  points: number,
): BucketedSeries {
  const width = bucketWidth(from, to, points);
  const out: BucketedSeries = { t: [], v: [], min: [], max: [], count: [] };
  let current = -1;
  let sum = 0;
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  const emit = (): void => {
    if (current < 0) return;
    out.t.push(bucketStart(current, from, width));
    out.v.push(n > 0 ? sum / n : null);
    out.min.push(n > 0 ? lo : null);
    out.max.push(n > 0 ? hi : null);
    out.count.push(count);
  };
  for (let i = 0; i < series.t.length; i++) {
    const ts = series.t[i] as number;
    if (ts < from || ts > to) continue;
    const b = bucketIndex(ts, from, width);
    if (b !== current) {
      emit();
      current = b;
      sum = 0;
      n = 0;
      lo = Infinity;
      hi = -Infinity;
      count = 0;
    }
    count++;
    const value = series.v[i];
    if (typeof value === 'number' && Number.isFinite(value)) {
      sum += value;
      n++;
      if (value < lo) lo = value;
      if (value > hi) hi = value;
    }
  }
  emit();
  return out;
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the first and last point and, per bucket, the point that
 * forms the largest triangle with the previously kept point and the next bucket's average, so peaks survive.
 * Input must be sorted by time. Null values are gaps: they never win a bucket that has a number, and a bucket of only
 * nulls keeps one null so the chart still shows the gap.
 */
export function lttb(series: ColumnarSeries, threshold: number): ColumnarSeries {
  const { t, v } = series;
  const len = Math.min(t.length, v.length);
  const n = Math.floor(threshold);
  if (n >= len) return { t: t.slice(0, len), v: v.slice(0, len) };
  if (n <= 0) return { t: [], v: [] };
  if (n === 1) return { t: [t[len - 1] as number], v: [v[len - 1] ?? null] };
  if (n === 2) return { t: [t[0] as number, t[len - 1] as number], v: [v[0] ?? null, v[len - 1] ?? null] };

  const outT: number[] = [t[0] as number];
  const outV: (number | null)[] = [v[0] ?? null];
  const every = (len - 2) / (n - 2);
  let a = 0;
  for (let i = 0; i < n - 2; i++) {
    const start = Math.floor(i * every) + 1;
    const end = Math.min(Math.floor((i + 1) * every) + 1, len - 1);
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, len);
    const next = averageOf(t, v, end, nextEnd);
    const here = averageOf(t, v, start, end);
    const ax = t[a] as number;
    const ay = v[a] ?? next.y ?? here.y;
    const cx = next.x;
    const cy = next.y ?? ay ?? here.y;
    let best = -1;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const y = v[j];
      if (y === null || y === undefined || !Number.isFinite(y)) continue;
      const area = Math.abs((ax - cx) * (y - (ay as number)) - (ax - (t[j] as number)) * ((cy as number) - (ay as number)));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    if (best < 0) best = start; // only gaps in this bucket: keep one of them
    outT.push(t[best] as number);
    outV.push(v[best] ?? null);
    a = best;
  }
  outT.push(t[len - 1] as number);
  outV.push(v[len - 1] ?? null);
  return { t: outT, v: outV };
}

/** Mean time and mean numeric value of points [start, end); y is null when the range holds no number. */
function averageOf(
  t: readonly number[],
  v: readonly (number | null)[],
  start: number,
  end: number,
): { x: number; y: number | null } {
  let sx = 0;
  let sy = 0;
  let ny = 0;
  const count = Math.max(0, end - start);
  for (let j = start; j < end; j++) {
    sx += t[j] as number;
    const y = v[j];
    if (typeof y === 'number' && Number.isFinite(y)) {
      sy += y;
      ny++;
    }
  }
  const x = count > 0 ? sx / count : (t[Math.min(start, t.length - 1)] ?? 0);
  return { x, y: ny > 0 ? sy / ny : null };
}
