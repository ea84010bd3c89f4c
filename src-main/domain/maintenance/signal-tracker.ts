// Everything the maintenance rules know about one signal, in bounded memory: bucket means, a robust baseline,
// a CUSUM drift detector and a capped window of recent points for the trend.
import { createBucketAverager } from './bucket-averager.js';
import { createCusumDetector } from './cusum-detector.js';
import { createRobustBaseline } from './robust-baseline.js';
import { median } from './robust-stats.js';
import { estimateTrend, type TrendEstimate } from './trend-estimate.js';

const LEVEL_POINTS = 8;
const TREND_EVERY_POINTS = 4;

export interface SignalTrackerSettings {
  bucketMs: number;
  /** Cap on the trend window (points after downsampling). */
  windowPoints: number;
  warmupPoints: number;
  /** Time constant of the slow baseline EWMA. */
  baselineTauMs: number;
  clipSigmas: number;
  cusumK: number;
  cusumH: number;
  cusumCap: number;
  /** Points the window needs before a trend is estimated. */
  minTrendPoints: number;
}

export interface SignalSnapshot {
  warmedUp: boolean;
  /** The normal level and noise before the current rise (the live baseline when there is no rise). */
  normalLevel: number;
  normalSigma: number;
  /** Robust current level: median of the last few points (NaN before the first point). */
  level: number;
  drifting: boolean;
  changePointTs: number | null;
  /** Only computed while drifting: in normal operation the statistics cost nothing. */
  trend: TrendEstimate | null;
  lastPointTs: number | null;
}

export interface SignalTracker {
  add(ts: number, value: number): void;
  /**
   * `withTrend` runs the trend statistics (only while drifting, and only when the window changed): call it every
   * few seconds, not per sample, and only for the signal that needs a projection.
   */
  snapshot(withTrend: boolean): SignalSnapshot;
  /** Points held in memory (window plus warm-up), bounded by windowPoints + warmupPoints. */
  heldPoints(): number;
}

export function createSignalTracker(settings: SignalTrackerSettings): SignalTracker {
  const buckets = createBucketAverager(settings.bucketMs);
  const baseline = createRobustBaseline({
    warmupPoints: settings.warmupPoints,
    alpha: Math.min(1, settings.bucketMs / settings.baselineTauMs),
    clipSigmas: settings.clipSigmas,
  });
  const cusum = createCusumDetector({ k: settings.cusumK, h: settings.cusumH, cap: settings.cusumCap });
  const windowT: number[] = [];
  const windowV: number[] = [];
  let reference: { level: number; sigma: number } | null = null;
  // The trend is recomputed only when the window has a new point.
  let windowVersion = 0;
  let cached: { version: number; trend: TrendEstimate | null } = { version: -1, trend: null };

  function trend(): TrendEstimate | null {
    // Theil–Sen is the costly part: refresh every TREND_EVERY_POINTS new points (a minute at 15 s buckets).
    if (cached.version !== windowVersion && (cached.trend === null || windowVersion - cached.version >= TREND_EVERY_POINTS)) {
      cached = { version: windowVersion, trend: estimateTrend(windowT, windowV, settings.minTrendPoints, LEVEL_POINTS) };
    }
    return cached.trend;
  }

  function addPoint(t: number, v: number): void {
    windowT.push(t);
    windowV.push(v);
    windowVersion++;
    if (windowT.length > settings.windowPoints) {
      windowT.shift();
      windowV.shift();
    }
    const before = baseline.state();
    const z = baseline.add(v);
    if (z === null) return;
    const wasRising = cusum.state().sum > 0;
    const now = cusum.add(t, z);
    if (now.sum === 0) reference = null;
    else if (!wasRising) reference = { level: before.level, sigma: before.sigma };
  }

  return {
    add(ts, value) {
      const closed = buckets.add(ts, value);
      if (closed) addPoint(closed.t, closed.v);
    },
    snapshot(withTrend) {
      const b = baseline.state();
      const c = cusum.state();
      return {
        warmedUp: b.warmedUp,
        normalLevel: reference?.level ?? b.level,
        normalSigma: reference?.sigma ?? b.sigma,
        level: median(windowV.slice(-LEVEL_POINTS)),
        drifting: c.fired,
        changePointTs: c.changePointTs,
        trend: withTrend && c.fired ? trend() : null,
        lastPointTs: windowT.at(-1) ?? null,
      };
    },
    heldPoints: () => windowT.length + baseline.heldPoints(),
  };
}
