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
  /** Median of all pairwise slopes (units of v per unit of t). */
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
  const sorted = slopes.subarray(0, k).sort();
  return {
    slope: quantileSorted(sorted, 0.5),
    slopeQ25: quantileSorted(sorted, 0.25),
    slopeQ75: quantileSorted(sorted, 0.75),
    n,
  };
}
