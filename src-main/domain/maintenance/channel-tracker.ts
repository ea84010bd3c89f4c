// Per-tag analytics in bounded memory, for the multi-signal rules: a learned normal band (median/MAD warm-up, then
// a slow clipped EWMA), two-sided CUSUM drift detection with the change point, noise (variance) change against the
// learned noise, "has not changed for" (stuck sensor) and, on demand, a Theil–Sen trend in either direction.
import { createBucketStats } from './bucket-stats.js';
import { createCusumDetector } from './cusum-detector.js';
import { createLoadCompensator, REFERENCE_LAGS_SEC, type CompensationState, type ReferenceLags } from './load-compensation.js';
import { createRobustBaseline } from './robust-baseline.js';
import { median } from './robust-stats.js';
import { estimateTrend, type TrendEstimate } from './trend-estimate.js';

const LEVEL_POINTS = 8;
const TREND_EVERY_POINTS = 3;
const BETWEEN_SLOWER = 4;

export type Direction = 'up' | 'down';

export interface ChannelSettings {
  /** Downsampling bucket (the statistics see one point per bucket). */
  bucketMs: number;
  /** Points used to learn the baseline, the noise and how lively the signal is. */
  warmupPoints: number;
  /** Time constant of the slow baseline: drifts much faster than this are not learned as normal. */
  baselineTauMs: number;
  clipSigmas: number;
  cusumK: number;
  cusumH: number;
  cusumCap: number;
  /** Cap on the trend window (points). */
  windowPoints: number;
  minTrendPoints: number;
  /** Points of the EWMA that follows the recent noise. */
  noiseTauPoints: number;
}

export interface ChannelSnapshot {
  warmedUp: boolean;
  /** Normal level and noise before the current drift (the live baseline when there is none). */
  normalLevel: number;
  normalSigma: number;
  /** Robust current level: median of the last few points (NaN before the first point). */
  level: number;
  /** Direction of a detected drift (CUSUM over its threshold), null when none. */
  drift: Direction | null;
  changePointTs: number | null;
  /** Recent noise over learned noise (≥ 1 means noisier than normal); NaN before warm-up. */
  noiseRatio: number;
  /** The same for the within-bucket spread only (fast, broadband noise, not the process wandering between buckets). */
  withinNoiseRatio: number;
  /** Fraction of warm-up buckets in which the value changed: ~1 for a live analog, 0 for a constant. */
  liveFraction: number;
  lastValue: number | null;
  lastChangeTs: number | null;
  lastSampleTs: number | null;
  lastPointTs: number | null;
}

export interface ChannelTracker {
  add(ts: number, value: number): void;
  snapshot(): ChannelSnapshot;
  /** Load compensation in use (null when the channel has no reference tag). */
  compensation(): CompensationState | null;
  /** Trend of the recent window; `down` estimates it on the negated values (so "rising" means falling). */
  trend(direction: Direction): TrendEstimate | null;
  /** Points held (window plus warm-up buffers): bounded by windowPoints + 3 × warmupPoints. */
  heldPoints(): number;
}

/**
 * `reference`: the lagged operating-point reference (speed, load) this signal is compensated for: the level,
 * baseline, drift and trend are then those of the value at the reference's usual operating point.
 */
export function createChannelTracker(settings: ChannelSettings, reference: ReferenceLags | null = null): ChannelTracker {
  const buckets = createBucketStats(settings.bucketMs);
  const compensator = reference ? createLoadCompensator() : null;
  const refSums = REFERENCE_LAGS_SEC.map(() => 0);
  let refCount = 0;
  const baseline = createRobustBaseline({
    warmupPoints: settings.warmupPoints,
    alpha: Math.min(1, settings.bucketMs / settings.baselineTauMs),
    clipSigmas: settings.clipSigmas,
  });
  const cusumSettings = { k: settings.cusumK, h: settings.cusumH, cap: settings.cusumCap };
  const up = createCusumDetector(cusumSettings);
  const down = createCusumDetector(cusumSettings);
  const ref: Record<Direction, { level: number; sigma: number } | null> = { up: null, down: null };
  const windowT: number[] = [];
  const windowV: number[] = [];
  let warmSd: number[] = [];
  let warmDiff: number[] = [];
  let warmLive = 0;
  let warmCount = 0;
  let learnedSd = Number.NaN;
  let learnedDiff = Number.NaN;
  let liveFraction = Number.NaN;
  let recentSd = Number.NaN;
  let recentDiff = Number.NaN;
  let previousMean: number | null = null;
  let version = 0;
  const cache: Record<Direction, { version: number; trend: TrendEstimate | null }> = {
    up: { version: -1, trend: null },
    down: { version: -1, trend: null },
  };
  const noiseAlpha = 1 / Math.max(1, settings.noiseTauPoints);
  // The step between bucket means is a single, skewed draw per bucket (the within-bucket spread already averages a
  // bucket's samples): it needs a longer average to stay near 1 on pure noise.
  const diffAlpha = noiseAlpha / BETWEEN_SLOWER;

  const mean = (xs: number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

  function learnNoise(sd: number, diff: number | null, changed: boolean): void {
    if (warmCount < settings.warmupPoints) {
      warmSd.push(sd);
      if (diff !== null) warmDiff.push(diff);
      warmCount++;
      if (changed) warmLive++;
      if (warmCount === settings.warmupPoints) {
        // The step between bucket means is one half-normal draw per bucket, skewed enough that the median of the
        // warm-up steps sits ~15 % below their mean: the recent steps are an EWMA (a mean), so the learned one is a
        // mean too. The within-bucket spread averages a bucket's samples (little skew): its robust median stays.
        learnedSd = median(warmSd);
        learnedDiff = mean(warmDiff);
        liveFraction = warmLive / warmCount;
        recentSd = learnedSd;
        recentDiff = learnedDiff;
        warmSd = [];
        warmDiff = [];
      }
      return;
    }
    recentSd += noiseAlpha * (sd - recentSd);
    if (diff !== null) recentDiff += diffAlpha * (diff - recentDiff);
  }

  // With a reference, the warm-up points wait until the compensation has seen the whole warm-up, then all of them
  // go in at the reference's mean operating point (the baseline must not mix raw and compensated values).
  let pending: { t: number; raw: number; sd: number; changed: boolean; refs: number[] }[] | null = compensator ? [] : null;

  function addPoint(t: number, raw: number, sd: number, changed: boolean, refMeans: number[] | null): void {
    if (!compensator || !refMeans) {
      addCompensated(t, raw, sd, changed);
      return;
    }
    compensator.learn(t, raw, refMeans, settings.bucketMs);
    if (pending) {
      pending.push({ t, raw, sd, changed, refs: refMeans });
      if (pending.length < settings.warmupPoints) return;
      const held = pending;
      pending = null;
      compensator.setReferencePoint(refMeans.map((_, k) => held.reduce((sum, p) => sum + (p.refs[k] as number), 0) / held.length));
      for (const p of held) addCompensated(p.t, compensator.apply(p.raw, p.refs), p.sd, p.changed, compensator.uncertainty(p.refs));
      return;
    }
    addCompensated(t, compensator.apply(raw, refMeans), sd, changed, compensator.uncertainty(refMeans));
  }

  function addCompensated(t: number, v: number, sd: number, changed: boolean, extraSigma = 0): void {
    windowT.push(t);
    windowV.push(v);
    version++;
    if (windowT.length > settings.windowPoints) {
      windowT.shift();
      windowV.shift();
    }
    learnNoise(sd, previousMean === null ? null : Math.abs(v - previousMean), changed);
    previousMean = v;
    const before = baseline.state();
    const z = baseline.add(v, extraSigma);
    if (z === null) return;
    for (const [dir, det, zz] of [['up', up, z], ['down', down, -z]] as const) {
      const wasRising = det.state().sum > 0;
      const now = det.add(t, zz);
      if (now.sum === 0) ref[dir] = null;
      else if (!wasRising) ref[dir] = { level: before.level, sigma: before.sigma };
    }
  }

  // A floor relative to the level keeps a quantised or perfectly clean signal from dividing by ~0.
  const noiseFloor = (): number => 1e-6 + 1e-4 * Math.abs(baseline.state().level || 0);

  function withinNoiseRatio(): number {
    if (Number.isNaN(learnedSd)) return Number.NaN;
    return recentSd / Math.max(learnedSd, noiseFloor());
  }

  function noiseRatio(): number {
    if (Number.isNaN(learnedSd)) return Number.NaN;
    const between = recentDiff / Math.max(learnedDiff, noiseFloor());
    return Math.max(withinNoiseRatio(), between);
  }

  return {
    add(ts, value) {
      const closed = buckets.add(ts, value);
      let refMeans: number[] | null = null;
      if (closed && refCount > 0) refMeans = refSums.map((x) => x / refCount);
      if (closed) {
        refSums.fill(0);
        refCount = 0;
      }
      if (reference?.ready()) {
        for (let k = 0; k < refSums.length; k++) refSums[k] = (refSums[k] as number) + (reference.values[k] as number);
        refCount++;
      }
      if (closed) addPoint(closed.t, closed.mean, closed.sd, closed.changes > 0, refMeans);
    },
    compensation: () => compensator?.state() ?? null,
    snapshot() {
      const b = baseline.state();
      const u = up.state();
      const d = down.state();
      // Both can fire only briefly after a step; the larger sum is the drift.
      const drift: Direction | null = u.fired && (!d.fired || u.sum >= d.sum) ? 'up' : d.fired ? 'down' : null;
      const r = drift ? ref[drift] : null;
      return {
        warmedUp: b.warmedUp && !Number.isNaN(liveFraction),
        normalLevel: r?.level ?? b.level,
        normalSigma: r?.sigma ?? b.sigma,
        level: windowV.length > 0 ? median(windowV.slice(-LEVEL_POINTS)) : Number.NaN,
        drift,
        changePointTs: drift === 'up' ? u.changePointTs : drift === 'down' ? d.changePointTs : null,
        noiseRatio: noiseRatio(),
        withinNoiseRatio: withinNoiseRatio(),
        liveFraction,
        lastValue: buckets.lastValue(),
        lastChangeTs: buckets.lastChangeTs(),
        lastSampleTs: buckets.lastSampleTs(),
        lastPointTs: windowT.at(-1) ?? null,
      };
    },
    trend(direction) {
      const c = cache[direction];
      // Theil–Sen over the window is the costly part: refresh it every TREND_EVERY_POINTS new points (a few minutes
      // of plant time; the faults it projects develop over hours), at once when there is none yet.
      if (c.version !== version && (c.trend === null || c.version < 0 || version - c.version >= TREND_EVERY_POINTS)) {
        const v = direction === 'up' ? windowV : windowV.map((x) => -x);
        cache[direction] = { version, trend: estimateTrend(windowT, v, settings.minTrendPoints, LEVEL_POINTS) };
      }
      return cache[direction].trend;
    },
    heldPoints: () => windowT.length + baseline.heldPoints() + warmSd.length + warmDiff.length + (pending?.length ?? 0),
  };
}
