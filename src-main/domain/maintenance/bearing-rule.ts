// Rule "bearing-wear": vibration drifting up towards its alarm limit, confirmed by bearing temperature.
import type { FlagEvidence, FlagSeverity } from '../../contract/index.js';
import { explainBearingFlag } from './flag-explanation.js';
import type { SignalSnapshot } from './signal-tracker.js';
import { projectToLimit, type LimitProjection } from './trend-estimate.js';
import type { RuleAssessment } from './rules/rule-assessment.js';

export const BEARING_WEAR_RULE = 'bearing-wear';

/** One pump-like asset watched by the rule. Tag fields are full tag ids (`site/area/asset/tag`). */
export interface BearingRuleConfig {
  asset: string;
  vibrationTag: string;
  temperatureTag: string;
  /** Used to tell a load change from wear in the explanation. */
  currentTag?: string;
  /** Boolean tag; while it is false (and for a settling time after a start) samples are ignored. */
  runningTag?: string;
}

export interface BearingRuleSettings {
  /** Flag only when the limit is projected within this horizon. */
  horizonMs: number;
  /** Severity is critical when the limit is projected within this time. */
  criticalMs: number;
  /** The rise must be at least this fraction of the way from normal to the limit (ignores tiny, slow creeps). */
  minRiseFraction: number;
  /** Half-width of the normal band, in sigmas of the downsampled signal. */
  bandSigmas: number;
}

/** The demo plant of the built-in simulator. */
export function defaultBearingRules(): BearingRuleConfig[] {
  const base = 'demo-site/utilities/pump-101';
  return [
    {
      asset: 'pump-101',
      vibrationTag: `${base}/vibration`,
      temperatureTag: `${base}/bearing-temperature`,
      currentTag: `${base}/motor-current`,
      runningTag: `${base}/running`,
    },
  ];
}

export interface SignalInput {
  tag: string;
  /** Plain name for sentences, e.g. "Vibration", "Bearing temperature". */
  label: string;
  unit: string;
  /** The high alarm limit it is projected to (H, else HH); null when the tag has none. */
  limit: number | null;
  snapshot: SignalSnapshot;
}

export interface SignalFinding {
  input: SignalInput;
  /** Drift detected, consistently rising, above its band and projected to its limit within the horizon. */
  triggered: boolean;
  /** Weaker: rising above normal, enough to confirm the other signal. */
  rising: boolean;
  projection: LimitProjection | null;
  evidence: FlagEvidence | null;
}

/** False `evaluable` until the vibration baseline is learned: nothing can be said yet (and nothing cleared). */
export type BearingAssessment = RuleAssessment;

const WEEK_MS = 7 * 24 * 3_600_000;

export function assessSignal(input: SignalInput, settings: BearingRuleSettings): SignalFinding {
  const { snapshot: s, limit } = input;
  const trend = s.trend;
  if (!s.warmedUp || Number.isNaN(s.level)) {
    return { input, triggered: false, rising: false, projection: null, evidence: null };
  }
  const bandLow = s.normalLevel - settings.bandSigmas * s.normalSigma;
  const bandHigh = s.normalLevel + settings.bandSigmas * s.normalSigma;
  const aboveBand = s.level > bandHigh;
  const projection = limit === null || !trend ? null : projectToLimit(trend, limit, WEEK_MS);
  const bigEnough = limit !== null && s.level - s.normalLevel >= settings.minRiseFraction * (limit - s.normalLevel);
  const triggered =
    s.drifting &&
    trend !== null &&
    trend.risingConsistently &&
    aboveBand &&
    bigEnough &&
    projection !== null &&
    projection.eta - trend.at <= settings.horizonMs;
  const rising = s.drifting && aboveBand;
  const evidence: FlagEvidence | null =
    limit === null
      ? null
      : {
          tag: input.tag,
          unit: input.unit,
          baseline: s.normalLevel,
          bandLow,
          bandHigh,
          current: s.level,
          slopePerHour: trend?.ratePerHour ?? 0,
          limit,
          changePointTs: s.drifting ? s.changePointTs : null,
        };
  return { input, triggered, rising, projection, evidence };
}

export function assessBearing(
  asset: string,
  vibration: SignalInput,
  temperature: SignalInput,
  current: SignalInput | null,
  settings: BearingRuleSettings,
): BearingAssessment {
  const vib = assessSignal(vibration, settings);
  const temp = assessSignal(temperature, settings);
  const load = current ? assessSignal(current, settings) : null;
  const evidence = [vib.evidence, temp.evidence].filter((e): e is FlagEvidence => e !== null);
  const tags = [vibration.tag, temperature.tag, ...(current ? [current.tag] : [])];
  // Vibration leads: bearing temperature alone also follows load and ambient, so it only confirms.
  if (!vib.triggered || !vib.projection) {
    return {
      evaluable: vibration.snapshot.warmedUp,
      condition: false,
      severity: 'advisory',
      limitEta: null,
      limitEtaRange: null,
      tags,
      evidence,
      explanation: '',
    };
  }
  const p = vib.projection;
  const at = vibration.snapshot.trend?.at ?? p.eta;
  const severity: FlagSeverity = p.eta - at < settings.criticalMs ? 'critical' : temp.rising ? 'warning' : 'advisory';
  return {
    evaluable: true,
    condition: true,
    severity,
    limitEta: p.eta,
    limitEtaRange: [p.earliest, p.latest],
    tags,
    evidence,
    explanation: explainBearingFlag({ asset, vibration: vib, temperature: temp, load, severity }),
  };
}
