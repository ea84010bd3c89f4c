// Everything the maintenance rules know about one signal, in bounded memory: bucket means, a robust baseline,
// a CUSUM drift detector and a capped window of recent points for the trend.
import { createBucketAverager } from './bucket-averager.js';
import { createCusumDetector } from './cusum-detector.js';
import { createRobustBaseline } from './robust-baseline.js';
import { estimateTrend, type TrendEstimate } from './trend-estimate.js';

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
  drifting: boolean;
  changePointTs: number | null;
  trend: TrendEstimate | null;
  lastPointTs: number | null;
}

export interface SignalTracker {
  add(ts: number, value: number): void;
  /** Runs the trend statistics: call at most every few seconds, not per sample. */
  snapshot(): SignalSnapshot;
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

  function addPoint(t: number, v: number): void {
    windowT.push(t);
    windowV.push(v);
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
    snapshot() {
      const b = baseline.state();
      const c = cusum.state();
      return {
        warmedUp: b.warmedUp,
        normalLevel: reference?.level ?? b.level,
        normalSigma: reference?.sigma ?? b.sigma,
        drifting: c.fired,
        changePointTs: c.changePointTs,
        trend: estimateTrend(windowT, windowV, settings.minTrendPoints),
        lastPointTs: windowT.at(-1) ?? null,
      };
    },
    heldPoints: () => windowT.length + baseline.heldPoints(),
  };
}
