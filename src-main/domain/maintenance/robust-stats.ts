// Robust statistics on small arrays: medians, quantiles, MAD and the Theil–Sen slope.
// Inputs are at most a few hundred points, so sorting copies is cheaper than anything clever.

/** Linear-interpolated quantile of an ascending array (q in [0, 1]). NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export function median(values: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/** Scaled median absolute deviation: estimates the standard deviation of normal noise, ignoring outliers. */
export function robustSigma(values: ArrayLike<number>, center = median(values)): number {
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs((values[i] as number) - center);
  return 1.4826 * quantileSorted(dev.sort(), 0.5);
}

export interface TheilSenFit {
  /** Median of all pairwise slopes (units of v per unit of t); quantiles are nearest-rank. */
  slope: number;
  /** 25th and 75th percentile of the pairwise slopes: how consistent the trend is. */
  slopeQ25: number;
  slopeQ75: number;
  n: number;
}

/**
 * Theil–Sen estimate over points [from, to). Robust to a few outliers (about 29 % breakdown point).
 * Returns null with fewer than 3 points or no time spread.
 */
export function theilSen(t: ArrayLike<number>, v: ArrayLike<number>, from = 0, to = t.length): TheilSenFit | null {
  const n = to - from;
  if (n < 3) return null;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = from; i < to; i++) {
    const ti = t[i] as number;
    const vi = v[i] as number;
    for (let j = i + 1; j < to; j++) {
      const dt = (t[j] as number) - ti;
      if (dt > 0) slopes[k++] = ((v[j] as number) - vi) / dt;
    }
  }
  if (k === 0) return null;
  // Three order statistics by selection instead of sorting thousands of slopes: this runs every few seconds.
  const m = Math.floor((k - 1) / 2);
  const mid = selectKth(slopes, m, 0, k - 1);
  const q25 = m > 0 ? selectKth(slopes, Math.floor((k - 1) / 4), 0, m - 1) : mid;
  const q75 = m < k - 1 ? selectKth(slopes, Math.floor((3 * (k - 1)) / 4), m + 1, k - 1) : mid;
  return {
    slope: mid,
    slopeQ25: q25,
    slopeQ75: q75,
    n,
  };
}

/**
 * Hoare quickselect: rearranges a[lo..hi] so a[kth] holds the value it would have if sorted, smaller values
 * before it and larger after it; returns that value.
 */
export function selectKth(a: Float64Array, kth: number, lo: number, hi: number): number {
  let l = lo;
  let r = hi;
  while (l < r) {
    const mid = (l + r) >> 1;
    // Median of three as pivot: sorted or reversed input stays O(n).
    const x = a[l] as number;
    const y = a[mid] as number;
    const z = a[r] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = l;
    let j = r;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (kth <= j) r = j;
    else if (kth >= i) l = i;
    else break;
  }
  return a[kth] as number;
}
