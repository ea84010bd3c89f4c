// The seeded experiment plan: per fault kind N runs with a healthy start of 6–12 h and a limit crossing hours to
// days after onset; plus fault-free runs that add up to the asked number of plant days.
import { FAULT_KINDS, faultGroundTruth, type FaultKind, type FaultSchedule } from '../../src-main/adapters/simulator/model/faults.js';
import { mulberry32 } from '../../src-main/adapters/simulator/model/prng.js';
import type { ReplayCase } from './run-case.js';

const HOUR = 3600;
/** Plant start of every replay: a fixed date, so timestamps in reports are reproducible. */
export const EVAL_START_MS = Date.UTC(2025, 0, 6, 0, 0, 0);
/** A transmitter freezing has no limit to beat: a flag within this long after onset counts as a detection. */
export const STUCK_DETECT_WITHIN_SEC = 12 * HOUR;
/** Longest single healthy replay; longer totals are split across seeds (different weather, different operation). */
const HEALTHY_RUN_DAYS = 10;

export const DEFAULT_ASSET: Record<FaultKind, string> = {
  'bearing-wear': 'pump-101',
  cavitation: 'pump-101',
  fouling: 'compressor-201',
  'sensor-drift': 'pump-101',
  'stuck-sensor': 'compressor-201',
};

export interface PlanOptions {
  runs: number;
  healthyDays: number;
  seed: number;
  stepSec: number;
  kinds: readonly FaultKind[];
  /** Onset window (hours after start) and onset → limit crossing window (hours, drawn log-uniformly). */
  onsetHours: [number, number];
  limitHours: [number, number];
}

export const DEFAULT_PLAN: PlanOptions = {
  runs: 10, healthyDays: 30, seed: 1, stepSec: 5, kinds: FAULT_KINDS,
  onsetHours: [6, 12], limitHours: [4, 72],
};

export interface FaultCase extends ReplayCase {
  kind: FaultKind;
  run: number;
  /** Seconds after onset a flag may come for a fault without a limit. */
  detectWithinSec: number;
}

function caseSeed(base: number, kindIndex: number, run: number): number {
  return (Math.imul(base, 7919) + kindIndex * 1009 + run * 31 + 17) >>> 0;
}

export function faultCases(plan: PlanOptions): FaultCase[] {
  const out: FaultCase[] = [];
  plan.kinds.forEach((kind) => {
    const kindIndex = FAULT_KINDS.indexOf(kind);
    for (let run = 0; run < plan.runs; run++) {
      const seed = caseSeed(plan.seed, kindIndex, run);
      const rand = mulberry32(seed ^ 0xfa017);
      const onsetSec = Math.round((plan.onsetHours[0] + (plan.onsetHours[1] - plan.onsetHours[0]) * rand()) * HOUR);
      const [lo, hi] = plan.limitHours;
      const limitSec = Math.round(lo * Math.pow(hi / lo, rand()) * HOUR);
      const probe: FaultSchedule = { asset: DEFAULT_ASSET[kind], kind, onsetAfterSec: onsetSec, rampSec: 1 };
      // rampSec such that the primary signal crosses its limit limitSec after onset (bearing wear: ramp is to trip).
      const atOne = faultGroundTruth(probe, 0).expectedLimitMs;
      const fraction = atOne === null ? null : (atOne - onsetSec * 1000) / 1000;
      const rampSec = fraction === null ? 0 : Math.round(limitSec / fraction);
      const fault: FaultSchedule = { ...probe, rampSec };
      // The operating pattern moves the real crossing around the nominal time: run on (the ramp keeps growing) until
      // it is seen; the replay stops an hour after the crossing.
      const endSec = fraction === null ? onsetSec + STUCK_DETECT_WITHIN_SEC : onsetSec + 2 * limitSec + HOUR;
      out.push({
        kind, run, seed, startMs: EVAL_START_MS, durationSec: endSec, stepSec: plan.stepSec, faults: [fault],
        detectWithinSec: STUCK_DETECT_WITHIN_SEC,
      });
    }
  });
  return out;
}

export function healthyCases(plan: PlanOptions): ReplayCase[] {
  const out: ReplayCase[] = [];
  let left = plan.healthyDays;
  for (let i = 0; left > 1e-9; i++) {
    const days = Math.min(HEALTHY_RUN_DAYS, left);
    out.push({ seed: caseSeed(plan.seed, 99, i), startMs: EVAL_START_MS, durationSec: Math.round(days * 86400), stepSec: plan.stepSec, faults: [] });
    left -= days;
  }
  return out;
}
