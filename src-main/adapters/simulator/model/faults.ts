// Scheduled faults with ground truth, so analytics can be scored against when a fault really began and would trip.
import { catalogSignal, driftLimit, faultLimit, isFaultKind, KIND_SPECS, primarySignalOf, supportedAssets, FAULT_KINDS } from './fault-kinds.js';
import type { FaultKind, FaultLimit } from './fault-kinds.js';
import { mulberry32 } from './prng.js';

export { FAULT_KINDS, type FaultKind, type FaultLimit } from './fault-kinds.js';

export interface FaultSchedule {
  asset: string;
  kind: FaultKind;
  /** Plant seconds after simulator start when the fault begins. */
  onsetAfterSec: number;
  /**
   * Plant seconds from onset to full severity: for bearing-wear the trip levels (11 mm/s, 95 °C), for the other
   * kinds the primary signal's alarm limit. Ignored by stuck-sensor (it freezes at onset).
   */
  rampSec: number;
  /** Sensor faults only: the transmitter (catalog signal name on `asset`); a per-asset default otherwise. */
  signal?: string;
}

/** Ground truth of the first fault in absolute plant time (ms since the Unix epoch); kept for the original nodes. */
export interface FaultTruth {
  kind: FaultKind | 'none';
  asset: string;
  onsetMs: number | null;
  expectedTripMs: number | null;
}

/** Full ground truth of one scheduled fault. */
export interface FaultGroundTruth {
  kind: FaultKind;
  asset: string;
  /** The signal that shows the fault first (catalog name on `asset`). */
  signal: string;
  onsetMs: number;
  /** The alarm limit the primary signal crosses; null for a stuck transmitter (score the delay after onset). */
  limit: FaultLimit | null;
  /** When the primary signal crosses `limit` at the default operating point; null without a limit. */
  expectedLimitMs: number | null;
  /** When the fault reaches full severity (onset + ramp); null for a stuck transmitter. */
  expectedTripMs: number | null;
}

/** Onset about 10 min after start, trip about 60 min after onset, jittered by the seed (±1 min, ±5 min). */
export function defaultFaultSchedule(seed: number): FaultSchedule[] {
  const rand = mulberry32(seed ^ 0x5eed);
  return [
    {
      asset: 'pump-101',
      kind: 'bearing-wear',
      onsetAfterSec: Math.round(600 + (rand() - 0.5) * 120),
      rampSec: Math.round(3600 + (rand() - 0.5) * 600),
    },
  ];
}

/** The first problem with one scheduled fault, as a sentence; null when the simulator can play it. */
export function faultProblem(f: FaultSchedule): { field: 'kind' | 'asset' | 'signal' | 'onset' | 'ramp'; message: string } | null {
  if (!isFaultKind(f.kind)) return { field: 'kind', message: `unknown fault kind '${String(f.kind)}' (supported: ${FAULT_KINDS.join(', ')})` };
  const spec = KIND_SPECS[f.kind];
  const assets = supportedAssets(f.kind);
  if (!assets.includes(f.asset)) {
    return { field: 'asset', message: `fault '${f.kind}' is not supported on asset '${f.asset}' (supported: ${assets.join(', ')})` };
  }
  if (!spec.sensor && f.signal !== undefined && f.signal !== spec.primarySignal) {
    return { field: 'signal', message: `fault '${f.kind}' acts on the asset, not one transmitter: leave out 'signal'` };
  }
  if (spec.sensor) {
    const name = primarySignalOf(f.kind, f.asset, f.signal) ?? '';
    const sig = catalogSignal(f.asset, name);
    if (!sig || sig.dataType !== 'Double' || sig.kind !== 'measurement') {
      return { field: 'signal', message: `fault '${f.kind}' needs an analog measurement of '${f.asset}' as signal (got '${name}')` };
    }
    if (f.kind === 'sensor-drift' && !driftLimit(sig)) {
      return { field: 'signal', message: `sensor-drift needs a signal with an H or L alarm limit to drift towards ('${name}' has none)` };
    }
  }
  if (!Number.isFinite(f.onsetAfterSec) || f.onsetAfterSec < 0) return { field: 'onset', message: 'fault onsetAfterSec must be a number >= 0' };
  if (spec.needsRamp ? !(Number.isFinite(f.rampSec) && f.rampSec > 0) : !(Number.isFinite(f.rampSec) && f.rampSec >= 0)) {
    return { field: 'ramp', message: `fault rampSec must be a number ${spec.needsRamp ? '> 0' : '>= 0'}` };
  }
  return null;
}

/** Throws a specific error for a schedule the simulator cannot play. */
export function validateFaults(faults: readonly FaultSchedule[]): void {
  for (const f of faults) {
    const problem = faultProblem(f);
    if (problem) throw new Error(problem.message);
  }
}

/** Progress of a fault: 0 before onset, 1 at the end of the ramp, beyond 1 afterwards. */
export function faultProgress(f: FaultSchedule, plantSec: number): number {
  if (plantSec < f.onsetAfterSec) return 0;
  if (!(f.rampSec > 0)) return 1;
  return (plantSec - f.onsetAfterSec) / f.rampSec;
}

/** Severity of a fault at a plant time, shaped per kind (bearing wear accelerates, quadratic). */
export function faultSeverity(f: FaultSchedule, plantSec: number): number {
  const x = faultProgress(f, plantSec);
  return x <= 0 ? 0 : KIND_SPECS[f.kind].shape(x);
}

/** Ground truth of one fault, known up front from the schedule. */
export function faultGroundTruth(f: FaultSchedule, startMs: number): FaultGroundTruth {
  const spec = KIND_SPECS[f.kind];
  const onsetMs = startMs + f.onsetAfterSec * 1000;
  const limit = faultLimit(f.kind, f.asset, f.signal);
  return {
    kind: f.kind,
    asset: f.asset,
    signal: primarySignalOf(f.kind, f.asset, f.signal) ?? '',
    onsetMs,
    limit,
    expectedLimitMs: limit && spec.limitAt !== null ? onsetMs + Math.round(f.rampSec * spec.limitAt * 1000) : null,
    expectedTripMs: spec.needsRamp ? onsetMs + f.rampSec * 1000 : null,
  };
}

/** Ground truth of the first scheduled fault (the one exposed in the `Simulation` folder). */
export function faultTruth(faults: readonly FaultSchedule[], startMs: number): FaultTruth {
  const f = faults[0];
  if (!f) return { kind: 'none', asset: '', onsetMs: null, expectedTripMs: null };
  const t = faultGroundTruth(f, startMs);
  return { kind: f.kind, asset: f.asset, onsetMs: t.onsetMs, expectedTripMs: t.expectedTripMs };
}
