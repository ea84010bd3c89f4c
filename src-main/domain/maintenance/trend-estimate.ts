// Robust trend of the recent window and the time it leaves until a limit is reached.
//
// Theil–Sen over the whole window gives the average rate and its spread (25th/75th percentile of the pairwise
// slopes). Bearing wear accelerates, so a straight line through the whole window is late: the slope of the recent
// half against the early half gives the acceleration, which sets the current rate and the early end of the range.
import { median, theilSen } from './robust-stats.js';

const HOUR_MS = 3_600_000;

export interface TrendEstimate {
  /** Current rate (units per hour): recent-half slope carried forward by the acceleration. */
  ratePerHour: number;
  /** Median pairwise slope over the whole window, and its 25th/75th percentiles (units per hour). */
  windowSlopePerHour: number;
  windowSlopeQ25: number;
  windowSlopeQ75: number;
  recentSlopePerHour: number;
  recentSlopeQ25: number;
  recentSlopeQ75: number;
  /** Units per hour²; ≥ 0 means steady or accelerating. */
  accelerationPerHour2: number;
  /** Robust level now: median of the last few points, carried forward to the newest point at the current rate. */
  level: number;
  /** Time of the newest point (ms epoch). */
  at: number;
  /** Rising consistently over the whole window and over its recent half (≥ 75 % of pairwise slopes positive). */
  risingConsistently: boolean;
}

export interface LimitProjection {
  /** ms epoch; equals `at` when the level is already at or over the limit. */
  eta: number;
  earliest: number;
  latest: number;
}

/** `t` ascending, ms epoch. Needs at least `minPoints` points (and ≥ 8) to say anything. */
export function estimateTrend(t: readonly number[], v: readonly number[], minPoints: number, levelPoints = 8): TrendEstimate | null {
  const n = t.length;
  if (n < Math.max(minPoints, 8)) return null;
  const t0 = t[n - 1] as number;
  const hours = t.map((x) => (x - t0) / HOUR_MS);
  const half = Math.floor(n / 2);
  const whole = theilSen(hours, v);
  const early = theilSen(hours, v, 0, half);
  const recent = theilSen(hours, v, half, n);
  if (!whole || !early || !recent) return null;
  const spanHours = -(hours[0] as number);
  // The two half-window slopes estimate the derivative at their centres, half a window span apart.
  const acceleration = spanHours > 0 ? (recent.slope - early.slope) / (spanHours / 2) : 0;
  const rate = recent.slope + Math.max(0, acceleration) * (spanHours / 4);
  return {
    ratePerHour: rate,
    windowSlopePerHour: whole.slope,
    windowSlopeQ25: whole.slopeQ25,
    windowSlopeQ75: whole.slopeQ75,
    recentSlopePerHour: recent.slope,
    recentSlopeQ25: recent.slopeQ25,
    recentSlopeQ75: recent.slopeQ75,
    accelerationPerHour2: acceleration,
    // The median of the last points describes a moment ~levelPoints/2 points ago: carry it forward to now.
    level: median(v.slice(-levelPoints)) + (rate * (t0 - median(t.slice(-levelPoints)))) / HOUR_MS,
    at: t0,
    risingConsistently: whole.slopeQ25 > 0 && recent.slopeQ25 > 0,
  };
}

/** Hours until `gap` is closed at `rate` with constant `acceleration` (≥ 0); Infinity when never. */
function hoursToClose(gap: number, rate: number, acceleration: number): number {
  if (acceleration > 0) {
    // ½·a·t² + r·t − gap = 0, positive root.
    return (-rate + Math.sqrt(rate * rate + 2 * acceleration * gap)) / acceleration;
  }
  return rate > 0 ? gap / rate : Number.POSITIVE_INFINITY;
}

/**
 * When a rising trend reaches a high limit. `eta`: at the current rate. `earliest`: if it keeps accelerating (or
 * at the recent 75th-percentile slope). `latest`: if it slows to the window's median slope (or the recent
 * 25th-percentile slope when higher). Null when not rising. `maxAheadMs` caps "never" to a finite time.
 */
export function projectToLimit(trend: TrendEstimate, limit: number, maxAheadMs: number): LimitProjection | null {
  const gap = limit - trend.level;
  if (gap <= 0) return { eta: trend.at, earliest: trend.at, latest: trend.at };
  if (trend.ratePerHour <= 0) return null;
  const toMs = (h: number): number => trend.at + Math.min(h * HOUR_MS, maxAheadMs);
  const central = hoursToClose(gap, trend.ratePerHour, 0);
  const early = Math.min(
    hoursToClose(gap, Math.max(trend.ratePerHour, trend.recentSlopeQ75), 0),
    hoursToClose(gap, trend.ratePerHour, Math.max(0, trend.accelerationPerHour2)),
  );
  // Late end: the rate falls back to the window's average (or to the recent 25th percentile if that is higher).
  const lateSlope = Math.min(trend.ratePerHour, Math.max(trend.windowSlopePerHour, trend.recentSlopeQ25));
  const late = Math.max(central, hoursToClose(gap, lateSlope, 0));
  return { eta: toMs(central), earliest: toMs(Math.min(early, central)), latest: toMs(late) };
}
