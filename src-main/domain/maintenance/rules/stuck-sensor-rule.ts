// Rule "stuck-sensor": a live analog whose reported value has frozen (exact repeats, zero variance) while its
// asset runs and the asset's other signals keep moving. A value resting on its range limit is saturation, not this.
import type { EuRange, FlagEvidence } from '../../../contract/index.js';
import type { ChannelSnapshot } from '../channel-tracker.js';
import { formatDuration, formatWithUnit } from '../text-format.js';
import { quietAssessment, type RuleAssessment } from './rule-assessment.js';

export const STUCK_SENSOR_RULE = 'stuck-sensor';

export interface StuckInput {
  tag: string;
  label: string;
  unit: string;
  euRange: EuRange | null;
  snapshot: ChannelSnapshot;
}

export interface StuckSettings {
  /** Frozen at least this long (plant time) to count. */
  stuckAfterMs: number;
  /** A signal counts as live when its value changed in at least this fraction of the learning buckets. */
  minLiveFraction: number;
}

function frozenFor(s: ChannelSnapshot, now: number): number {
  return s.lastChangeTs === null ? 0 : now - s.lastChangeTs;
}

export function isStuck(i: StuckInput, now: number, runningSince: number, st: StuckSettings): boolean {
  const s = i.snapshot;
  if (!s.warmedUp || !(s.liveFraction >= st.minLiveFraction) || s.lastChangeTs === null || s.lastValue === null) return false;
  // Frozen since before the asset (re)started does not count: the value had no reason to move while stopped.
  if (s.lastChangeTs < runningSince) return false;
  if (i.euRange && (s.lastValue <= i.euRange.low || s.lastValue >= i.euRange.high)) return false;
  return frozenFor(s, now) >= st.stuckAfterMs;
}

/** `running`: the asset runs (and has since `runningSince`); assets without a running tag always run. */
export function assessStuck(
  asset: string,
  inputs: readonly StuckInput[],
  running: boolean,
  runningSince: number,
  now: number,
  st: StuckSettings,
): RuleAssessment {
  const tags = inputs.map((i) => i.tag);
  const evaluable = inputs.some((i) => i.snapshot.warmedUp);
  if (!running) return quietAssessment(false, tags);
  const stuck = inputs.filter((i) => isStuck(i, now, runningSince, st));
  // The process must visibly keep moving: another live signal of the asset changed recently.
  const moving = inputs.some(
    (i) => !stuck.includes(i) && i.snapshot.liveFraction >= st.minLiveFraction && frozenFor(i.snapshot, now) < st.stuckAfterMs,
  );
  if (stuck.length === 0 || !moving) return quietAssessment(evaluable, tags);
  const evidence: FlagEvidence[] = stuck.map((i) => ({
    tag: i.tag,
    unit: i.unit,
    baseline: i.snapshot.normalLevel,
    bandLow: i.snapshot.normalLevel - 3 * i.snapshot.normalSigma,
    bandHigh: i.snapshot.normalLevel + 3 * i.snapshot.normalSigma,
    current: i.snapshot.lastValue ?? Number.NaN,
    slopePerHour: 0,
    limit: i.snapshot.lastValue ?? Number.NaN,
    changePointTs: i.snapshot.lastChangeTs,
    limitKind: 'none',
  }));
  const parts = stuck.map(
    (i) => `${i.label} has reported exactly ${formatWithUnit(i.snapshot.lastValue ?? Number.NaN, i.unit)} for ` +
      `${formatDuration(frozenFor(i.snapshot, now))} while ${asset} runs and its other signals keep moving.`,
  );
  return {
    evaluable: true,
    condition: true,
    severity: 'warning',
    limitEta: null,
    limitEtaRange: null,
    tags: stuck.map((i) => i.tag),
    evidence,
    explanation: `${parts.join(' ')} The sensor or its transmitter is probably stuck: its alarms cannot be trusted; check the wiring and the transmitter.`,
  };
}
