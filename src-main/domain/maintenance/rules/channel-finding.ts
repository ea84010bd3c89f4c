// One signal judged for a rule: has it left its normal band in a given direction, is it drifting and trending
// that way, how far towards its limit, and when would it reach it (Theil–Sen, with a range).
import type { FlagEvidence } from '../../../contract/index.js';
import type { ChannelSnapshot, ChannelTracker, Direction } from '../channel-tracker.js';
import { projectToLimit, type LimitProjection, type TrendEstimate } from '../trend-estimate.js';
import type { RuleThresholds } from './rule-assessment.js';

export interface ChannelInput {
  tag: string;
  /** Plain name for sentences, e.g. "Flow", "Discharge temperature". */
  label: string;
  unit: string;
  /** The alarm limits it could be projected to (H else HH; L else LL); null when the tag has none. */
  high: number | null;
  low: number | null;
  tracker: ChannelTracker;
}

export interface ChannelFinding {
  input: ChannelInput;
  snapshot: ChannelSnapshot;
  direction: Direction;
  /** The limit in `direction`, if any. */
  limit: number | null;
  /** Beyond the normal band in `direction`. */
  outside: boolean;
  /** CUSUM has fired in `direction`. */
  drifting: boolean;
  /** Moved at least `minShiftFraction` of the way to its limit (always true when there is no limit). */
  farEnough: boolean;
  /** Consistently moving in `direction` over the trend window and its recent half. */
  trending: boolean;
  trend: TrendEstimate | null;
  projection: LimitProjection | null;
  /** Noisier than learned. */
  noisy: boolean;
  /** Looser than `outside` (hysteresis for an active flag): drifting, or beyond half the band in `direction`. */
  holding: boolean;
  bandLow: number;
  bandHigh: number;
}

const WEEKS_AHEAD_MS = 8 * 7 * 24 * 3_600_000;

export function findChannel(input: ChannelInput, direction: Direction, t: RuleThresholds): ChannelFinding {
  const s = input.tracker.snapshot();
  const limit = direction === 'up' ? input.high : input.low;
  const bandLow = s.normalLevel - t.bandSigmas * s.normalSigma;
  const bandHigh = s.normalLevel + t.bandSigmas * s.normalSigma;
  const base: ChannelFinding = {
    input, snapshot: s, direction, limit, outside: false, drifting: false, farEnough: false, trending: false,
    trend: null, projection: null, noisy: false, holding: false, bandLow, bandHigh,
  };
  if (!s.warmedUp || Number.isNaN(s.level)) return base;
  const sign = direction === 'up' ? 1 : -1;
  const outside = direction === 'up' ? s.level > bandHigh : s.level < bandLow;
  const drifting = s.drift === direction;
  const moved = sign * (s.level - s.normalLevel);
  const gap = limit === null ? Number.NaN : sign * (limit - s.normalLevel);
  const farEnough = limit === null || gap <= 0 || moved >= t.minShiftFraction * gap;
  const trend = drifting ? input.tracker.trend(direction) : null;
  const trending = trend !== null && trend.risingConsistently;
  // The trend is estimated on sign × value, so the limit is mirrored the same way.
  const projection = trend && limit !== null ? projectToLimit(trend, sign * limit, WEEKS_AHEAD_MS) : null;
  const noisy = Number.isFinite(s.noiseRatio) && s.noiseRatio >= t.noiseRatio;
  const holding = drifting || moved > 0.5 * t.bandSigmas * s.normalSigma;
  return { ...base, outside, drifting, farEnough, trending, trend, projection, noisy, holding };
}

/** Drifted out of its band towards its limit, consistently, and projected to reach it within the horizon. */
export function headingToLimit(f: ChannelFinding, t: RuleThresholds): boolean {
  if (!(f.drifting && f.outside && f.farEnough && f.trending && f.projection && f.trend)) return false;
  return f.projection.eta - f.trend.at <= t.horizonMs;
}

/** Inside its normal band and not drifting: a related signal that "stays normal". */
export function steady(f: ChannelFinding): boolean {
  return f.snapshot.warmedUp && !Number.isNaN(f.snapshot.level) && f.snapshot.drift === null && !outsideEitherWay(f);
}

export function outsideEitherWay(f: ChannelFinding): boolean {
  return f.snapshot.level > f.bandHigh || f.snapshot.level < f.bandLow;
}

export function evidenceOf(f: ChannelFinding): FlagEvidence {
  const s = f.snapshot;
  const sign = f.direction === 'up' ? 1 : -1;
  const reference = f.limit ?? (f.direction === 'up' ? f.bandHigh : f.bandLow);
  return {
    tag: f.input.tag,
    unit: f.input.unit,
    baseline: s.normalLevel,
    bandLow: f.bandLow,
    bandHigh: f.bandHigh,
    current: s.level,
    slopePerHour: f.trend ? sign * f.trend.ratePerHour : 0,
    limit: reference,
    changePointTs: f.drifting ? s.changePointTs : null,
    limitKind: f.limit === null ? 'none' : f.direction === 'up' ? 'high' : 'low',
  };
}
