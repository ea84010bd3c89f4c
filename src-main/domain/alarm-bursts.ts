// Bursts of events in time: sliding windows that start at an event and hold at least N events, merged where they
// overlap. Used for alarm floods (> 10 in 10 min) and chattering (≥ 3 activations in 60 s).

export interface Burst {
  /** The first event of the first qualifying window. */
  start: number;
  /** End of the last qualifying window (its start + the window length). */
  end: number;
  /** Events in [start, end). */
  count: number;
  /** Index range of those events in the sorted input. */
  first: number;
  last: number;
}

/** Largest index j ≥ i with times[j] < limit (times sorted ascending, times[i] < limit). */
function lastBefore(times: readonly number[], i: number, limit: number): number {
  let lo = i;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((times[mid] ?? Infinity) < limit) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Windows [t, t + windowMs) starting at each event that hold at least `minCount` events, merged where they overlap.
 * `times` must be sorted ascending.
 */
export function findBursts(times: readonly number[], windowMs: number, minCount: number): Burst[] {
  const bursts: Burst[] = [];
  let current: Burst | null = null;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? 0;
    const j = lastBefore(times, i, t + windowMs);
    if (j - i + 1 < minCount) continue;
    if (current && t < current.end) {
      current.end = t + windowMs;
      current.last = Math.max(current.last, j);
    } else {
      if (current) bursts.push(current);
      current = { start: t, end: t + windowMs, count: 0, first: i, last: j };
    }
  }
  if (current) bursts.push(current);
  for (const b of bursts) {
    // Events up to the merged end (later windows may reach beyond the last qualifying window's own events).
    b.last = lastBefore(times, b.last, b.end);
    b.count = b.last - b.first + 1;
  }
  return bursts;
}

/** The window [t, t + windowMs) starting at an event that holds the most events (the earliest such on a tie). */
export function busiestWindow(times: readonly number[], windowMs: number): { start: number; count: number } | null {
  let best: { start: number; count: number } | null = null;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? 0;
    const count = lastBefore(times, i, t + windowMs) - i + 1;
    if (!best || count > best.count) best = { start: t, count };
  }
  return best;
}

/** Event counts per fixed period [from + k·periodMs, from + (k+1)·periodMs) up to `to` (the last may be partial). */
export function countPerPeriod(times: readonly number[], from: number, to: number, periodMs: number): number[] {
  const n = Math.max(1, Math.ceil((to - from) / periodMs));
  const counts = new Array<number>(n).fill(0);
  for (const t of times) {
    if (t < from || t > to) continue;
    const k = Math.min(n - 1, Math.floor((t - from) / periodMs));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}
