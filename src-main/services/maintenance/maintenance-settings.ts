// Tunables of the maintenance analytics (flat, so a partial override is a shallow merge), with defaults chosen for
// plant signals sampled every 0.25–10 s and faults that develop over hours to days.
import type { BearingRuleSettings } from '../../domain/maintenance/bearing-rule.js';
import type { SignalTrackerSettings } from '../../domain/maintenance/signal-tracker.js';
import type { ChannelRuleSettings } from './channel-rules.js';

const MIN = 60_000;
const HOUR = 3_600_000;

/** The bearing-wear rule's fast statistics (15 s buckets, 30 min trend window) come from the tracker and the rule. */
export interface MaintenanceSettings extends SignalTrackerSettings, BearingRuleSettings {
  // Shared.
  /** The statistics run at most this often (clock time). */
  evaluateEveryMs: number;
  /** After the asset starts, samples are ignored for this long (start-up transients). */
  settleMs: number;
  clearAfterMs: number;
  /** Cleared flags kept in memory (and re-saved) for the UI's recent history. */
  keepClearedFlags: number;
  // Multi-signal rules (slow statistics: 2 min buckets, 6 h trend window, 24 h baseline).
  channelBucketMs: number;
  channelWarmupPoints: number;
  channelBaselineTauMs: number;
  channelWindowPoints: number;
  channelMinTrendPoints: number;
  channelCusumH: number;
  noiseTauPoints: number;
  ruleBandSigmas: number;
  minShiftFraction: number;
  ruleHorizonMs: number;
  ruleWarningMs: number;
  ruleCriticalMs: number;
  noiseRatio: number;
  stuckAfterMs: number;
  minLiveFraction: number;
  driftMinShiftFraction: number;
  runHoursSaveEveryMs: number;
  /** Bearing wear also on the long-memory channel statistics (wear over days, not only within hours). */
  slowBearing: boolean;
}

export const defaultMaintenanceSettings: MaintenanceSettings = {
  bucketMs: 15_000,
  windowPoints: 120,
  warmupPoints: 40,
  baselineTauMs: 2 * HOUR,
  clipSigmas: 3,
  cusumK: 0.5,
  cusumH: 8,
  cusumCap: 40,
  minTrendPoints: 40,
  horizonMs: 24 * HOUR,
  criticalMs: HOUR,
  minRiseFraction: 0.1,
  bandSigmas: 3,
  evaluateEveryMs: 5_000,
  settleMs: 120_000,
  clearAfterMs: 10 * MIN,
  keepClearedFlags: 50,
  channelBucketMs: 2 * MIN,
  channelWarmupPoints: 90,
  channelBaselineTauMs: 24 * HOUR,
  channelWindowPoints: 180,
  channelMinTrendPoints: 45,
  channelCusumH: 10,
  noiseTauPoints: 15,
  ruleBandSigmas: 3,
  minShiftFraction: 0.15,
  ruleHorizonMs: 14 * 24 * HOUR,
  ruleWarningMs: 3 * 24 * HOUR,
  ruleCriticalMs: 8 * HOUR,
  noiseRatio: 1.8,
  stuckAfterMs: 15 * MIN,
  minLiveFraction: 0.8,
  driftMinShiftFraction: 0.5,
  runHoursSaveEveryMs: MIN,
  slowBearing: true,
};

export function settingsParts(overrides: Partial<MaintenanceSettings> | undefined): {
  all: MaintenanceSettings;
  channelRules: ChannelRuleSettings;
} {
  const s: MaintenanceSettings = { ...defaultMaintenanceSettings, ...overrides };
  return {
    all: s,
    channelRules: {
      channel: {
        bucketMs: s.channelBucketMs,
        warmupPoints: s.channelWarmupPoints,
        baselineTauMs: s.channelBaselineTauMs,
        clipSigmas: s.clipSigmas,
        cusumK: s.cusumK,
        cusumH: s.channelCusumH,
        cusumCap: 5 * s.channelCusumH,
        windowPoints: s.channelWindowPoints,
        minTrendPoints: s.channelMinTrendPoints,
        noiseTauPoints: s.noiseTauPoints,
      },
      thresholds: {
        bandSigmas: s.ruleBandSigmas,
        minShiftFraction: s.minShiftFraction,
        horizonMs: s.ruleHorizonMs,
        warningMs: s.ruleWarningMs,
        criticalMs: s.ruleCriticalMs,
        noiseRatio: s.noiseRatio,
      },
      stuck: { stuckAfterMs: s.stuckAfterMs, minLiveFraction: s.minLiveFraction },
      driftMinShiftFraction: s.driftMinShiftFraction,
      settleMs: s.settleMs,
    },
  };
}
