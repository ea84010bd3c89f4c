// Scoring maintenance flags against simulator ground truth: lead time before the alarm limit, detection delay,
// false flags. Pure functions over plain records, so they can be checked on hand-made flag lists.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A flag as the eval saw it: raisedAt is the plant time the service first reported it active. */
export interface RaisedFlag {
  id: string;
  asset: string;
  rule: string;
  raisedAt: number;
}

export interface FaultCaseTruth {
  asset: string;
  onsetMs: number;
  /** Ground truth: when the primary signal crosses its alarm limit (null: no limit, e.g. a stuck transmitter). */
  expectedLimitMs: number | null;
  /** When the replay actually saw the one-minute mean cross the limit while running; null when it did not. */
  observedLimitMs: number | null;
  /** For faults without a limit: how long after onset a flag still counts as a detection. */
  detectWithinMs: number;
}

export interface FaultRunScore {
  detected: boolean;
  /** The first flag naming the right asset raised at or after onset and before the deadline. */
  flag: RaisedFlag | null;
  /** Detection deadline: the observed limit crossing, else the expected one (or onset + detectWithinMs). */
  deadlineMs: number;
  /** Limit crossing (observed, else expected) − raisedAt. */
  leadMs: number | null;
  /** leadMs / (limit crossing − onset). */
  leadFraction: number | null;
  /** raisedAt − onset. */
  delayMs: number | null;
  /** Flags on other assets, and flags on the faulty asset raised before onset. */
  falseFlags: RaisedFlag[];
  /** Flags on the right asset raised after the deadline (too late to count). */
  lateFlags: RaisedFlag[];
}

/**
 * When the primary signal crossed its limit: the crossing the replay saw (the plant under its operating pattern is
 * the ground truth), else the schedule's nominal time (computed at the default operating point); null without a limit.
 */
export function limitCrossingMs(t: FaultCaseTruth): number | null {
  if (t.expectedLimitMs === null) return null;
  return t.observedLimitMs ?? t.expectedLimitMs;
}

export function detectionDeadline(t: FaultCaseTruth): number {
  return limitCrossingMs(t) ?? t.onsetMs + t.detectWithinMs;
}

export function scoreFaultRun(t: FaultCaseTruth, flags: readonly RaisedFlag[]): FaultRunScore {
  const deadlineMs = detectionDeadline(t);
  const ordered = [...flags].sort((a, b) => a.raisedAt - b.raisedAt);
  const falseFlags = ordered.filter((f) => f.asset !== t.asset || f.raisedAt < t.onsetMs);
  const onTime = ordered.filter((f) => f.asset === t.asset && f.raisedAt >= t.onsetMs && f.raisedAt < deadlineMs);
  const lateFlags = ordered.filter((f) => f.asset === t.asset && f.raisedAt >= t.onsetMs && f.raisedAt >= deadlineMs);
  const flag = onTime[0] ?? null;
  const limitMs = limitCrossingMs(t);
  const span = limitMs === null ? null : limitMs - t.onsetMs;
  const leadMs = flag && limitMs !== null ? limitMs - flag.raisedAt : null;
  return {
    detected: flag !== null,
    flag,
    deadlineMs,
    leadMs,
    leadFraction: leadMs !== null && span !== null && span > 0 ? leadMs / span : null,
    delayMs: flag ? flag.raisedAt - t.onsetMs : null,
    falseFlags,
    lateFlags,
  };
}

/** Median of the finite values; null for none. */
export function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

export interface KindTargets {
  /** Fraction of injected faults that must be flagged in time (1: every one). */
  detectionRate: number;
  /** Median lead / (limit − onset) at least this, misses counting as 0 (faults with a limit only). */
  leadFraction: number;
}

export const TARGETS: KindTargets & { falseFlagsPer30Days: number } = { detectionRate: 1, leadFraction: 0.5, falseFlagsPer30Days: 1 };

export interface KindSummary {
  runs: number;
  detected: number;
  detectionRate: number;
  /** Over the detected runs. */
  medianLeadHours: number | null;
  /** Over all runs, a miss counting as 0; null for kinds without a limit. */
  medianLeadFraction: number | null;
  medianDelayHours: number | null;
  /** False flags raised during these fault runs (other assets, or before onset). */
  falseFlags: number;
  hasLimit: boolean;
  detectionPass: boolean;
  /** Null when the kind has no limit (lead time does not apply). */
  leadPass: boolean | null;
}

export function summarizeKind(scores: readonly FaultRunScore[], hasLimit: boolean, targets: KindTargets = TARGETS): KindSummary {
  const runs = scores.length;
  const detected = scores.filter((s) => s.detected).length;
  const detectionRate = runs === 0 ? 0 : detected / runs;
  const medianLeadHours = median(scores.map((s) => s.leadMs));
  // A missed fault has no lead: it counts as zero, so misses cannot flatter the median.
  const medianLeadFraction = hasLimit ? median(scores.map((s) => (s.detected ? s.leadFraction : 0))) : null;
  const medianDelay = median(scores.map((s) => s.delayMs));
  return {
    runs,
    detected,
    detectionRate,
    medianLeadHours: medianLeadHours === null ? null : medianLeadHours / HOUR_MS,
    medianLeadFraction,
    medianDelayHours: medianDelay === null ? null : medianDelay / HOUR_MS,
    falseFlags: scores.reduce((n, s) => n + s.falseFlags.length, 0),
    hasLimit,
    detectionPass: runs > 0 && detectionRate >= targets.detectionRate,
    leadPass: hasLimit ? (medianLeadFraction ?? 0) >= targets.leadFraction : null,
  };
}

export interface HealthyRun {
  /** Plant time covered, ms. */
  durationMs: number;
  flags: readonly RaisedFlag[];
}

export interface FalseFlagRate {
  asset: string;
  flags: number;
  days: number;
  perDay: number;
  per30Days: number;
  pass: boolean;
}

/** False flags per asset on fault-free runs: every flag raised there is false. */
export function falseFlagRates(runs: readonly HealthyRun[], assets: readonly string[], limitPer30Days = TARGETS.falseFlagsPer30Days): FalseFlagRate[] {
  const days = runs.reduce((d, r) => d + r.durationMs, 0) / DAY_MS;
  return assets.map((asset) => {
    const flags = runs.reduce((n, r) => n + r.flags.filter((f) => f.asset === asset).length, 0);
    const perDay = days > 0 ? flags / days : 0;
    return { asset, flags, days, perDay, per30Days: perDay * 30, pass: days > 0 && perDay * 30 <= limitPer30Days };
  });
}
