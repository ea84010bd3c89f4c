// What every maintenance rule says about one asset at one evaluation: the input of the flag lifecycle.
import type { FlagEvidence, FlagSeverity } from '../../../contract/index.js';

export interface RuleAssessment {
  /** False until the rule's primary signal has a learned baseline: nothing can be said yet (and nothing cleared). */
  evaluable: boolean;
  condition: boolean;
  severity: FlagSeverity;
  limitEta: number | null;
  limitEtaRange: [number, number] | null;
  tags: string[];
  evidence: FlagEvidence[];
  explanation: string;
  /** No new flag, but an active one is kept (hysteresis): the primary signal is still away from normal. */
  holds?: boolean;
}

export function quietAssessment(evaluable: boolean, tags: string[], evidence: FlagEvidence[] = [], holds = false): RuleAssessment {
  return { evaluable, condition: false, severity: 'advisory', limitEta: null, limitEtaRange: null, tags, evidence, explanation: '', holds };
}

/** The thresholds shared by the multi-signal rules (all tunable in the project file). */
export interface RuleThresholds {
  /** Half-width of the normal band in sigmas of the downsampled signal. */
  bandSigmas: number;
  /** The primary signal must have moved at least this fraction of the way from normal to its limit. */
  minShiftFraction: number;
  /** Flag only when the limit is projected within this horizon. */
  horizonMs: number;
  /** Warning when the limit is projected within this time, critical within `criticalMs`. */
  warningMs: number;
  criticalMs: number;
  /** Recent noise over learned noise at or above which a signal counts as "noisier". */
  noiseRatio: number;
}

export const defaultRuleThresholds: RuleThresholds = {
  bandSigmas: 3,
  minShiftFraction: 0.15,
  horizonMs: 14 * 24 * 3_600_000,
  warningMs: 3 * 24 * 3_600_000,
  criticalMs: 8 * 3_600_000,
  noiseRatio: 1.8,
};

export function severityForEta(etaMs: number, now: number, t: RuleThresholds): FlagSeverity {
  const left = etaMs - now;
  return left <= t.criticalMs ? 'critical' : left <= t.warningMs ? 'warning' : 'advisory';
}
