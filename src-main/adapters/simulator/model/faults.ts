// Scheduled faults with ground truth, so analytics can be scored against when a fault really began and would trip.
import { mulberry32 } from './prng.js';

export type FaultKind = 'bearing-wear';

export interface FaultSchedule {
  asset: string;
  kind: FaultKind;
  /** Plant seconds after simulator start when the fault begins. */
  onsetAfterSec: number;
  /** Plant seconds from onset until the drifting signals cross their trip levels. */
  rampSec: number;
}

/** Ground truth in absolute plant time (ms since the Unix epoch). */
export interface FaultTruth {
  kind: FaultKind | 'none';
  asset: string;
  onsetMs: number | null;
  expectedTripMs: number | null;
}

/** Assets that support each fault kind. */
const FAULT_ASSETS: Record<FaultKind, readonly string[]> = { 'bearing-wear': ['pump-101'] };

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

/** Throws a specific error for a schedule the simulator cannot play. */
export function validateFaults(faults: readonly FaultSchedule[]): void {
  for (const f of faults) {
    const supported = FAULT_ASSETS[f.kind];
    if (!supported) throw new Error(`unknown fault kind '${String(f.kind)}' (supported: ${Object.keys(FAULT_ASSETS).join(', ')})`);
    if (!supported.includes(f.asset)) {
      throw new Error(`fault '${f.kind}' is not supported on asset '${f.asset}' (supported: ${supported.join(', ')})`);
    }
    if (!Number.isFinite(f.onsetAfterSec) || f.onsetAfterSec < 0) throw new Error('fault onsetAfterSec must be a number >= 0');
    if (!Number.isFinite(f.rampSec) || f.rampSec <= 0) throw new Error('fault rampSec must be a number > 0');
  }
}

/**
 * Progress of a fault at a plant time: 0 before onset, 1 at the expected trip, beyond 1 afterwards.
 * Wear accelerates (quadratic), as bearing degradation does once spalling starts.
 */
export function faultSeverity(f: FaultSchedule, plantSec: number): number {
  const x = (plantSec - f.onsetAfterSec) / f.rampSec;
  return x <= 0 ? 0 : x * x;
}

/** Ground truth of the first scheduled fault (the one exposed in the `Simulation` folder). */
export function faultTruth(faults: readonly FaultSchedule[], startMs: number): FaultTruth {
  const f = faults[0];
  if (!f) return { kind: 'none', asset: '', onsetMs: null, expectedTripMs: null };
  const onsetMs = startMs + f.onsetAfterSec * 1000;
  return { kind: f.kind, asset: f.asset, onsetMs, expectedTripMs: onsetMs + f.rampSec * 1000 };
}
