// Transmitter faults: the process runs on untouched, only what one sensor reports is wrong (drifting or frozen).
import { catalogSignal, driftLimit } from './fault-kinds.js';
import type { SignalValue } from './asset-model.js';
import { clamp, lag } from './dynamics.js';
import { faultSeverity, type FaultSchedule } from './faults.js';

/** Smoothing of the true value used for the pre-onset envelope (a one-minute view, like an alarm filter). */
const ENVELOPE_TAU_SEC = 60;

interface Entry {
  fault: FaultSchedule;
  key: string;
  range: { low: number; high: number } | null;
  /** Drift target: the signal's H (or L) alarm limit. */
  limit: { level: number; direction: 'above' | 'below' } | null;
  smooth: number | null;
  high: number;
  low: number;
  started: boolean;
  /** Drift offset at full severity, fixed at onset so the healthy envelope just reaches the limit. */
  amplitude: number;
  frozen: number | null;
}

export class SensorFaults {
  private readonly entries: Entry[] = [];
  private readonly keys = new Set<string>();

  constructor(faults: readonly FaultSchedule[], defaultSignal: (f: FaultSchedule) => string | undefined) {
    for (const fault of faults) {
      if (fault.kind !== 'sensor-drift' && fault.kind !== 'stuck-sensor') continue;
      const name = defaultSignal(fault);
      const sig = name === undefined ? undefined : catalogSignal(fault.asset, name);
      if (!sig) continue;
      const key = `${fault.asset}.${sig.name}`;
      this.keys.add(key);
      this.entries.push({
        fault, key, range: sig.euRange, limit: fault.kind === 'sensor-drift' ? driftLimit(sig) : null,
        smooth: null, high: Number.NEGATIVE_INFINITY, low: Number.POSITIVE_INFINITY, started: false, amplitude: 0, frozen: null,
      });
    }
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** Called after every model substep with the true process values. */
  update(plantSec: number, dtSec: number, readTrue: (key: string) => SignalValue | undefined): void {
    for (const e of this.entries) {
      if (e.started) continue;
      const v = readTrue(e.key);
      if (typeof v !== 'number') continue;
      e.smooth = e.smooth === null ? v : lag(e.smooth, v, ENVELOPE_TAU_SEC, dtSec);
      e.high = Math.max(e.high, e.smooth);
      e.low = Math.min(e.low, e.smooth);
      if (plantSec < e.fault.onsetAfterSec) continue;
      e.started = true;
      if (e.fault.kind === 'stuck-sensor') e.frozen = v;
      else if (e.limit) {
        const edge = e.limit.direction === 'above' ? e.high : e.low;
        const toLimit = e.limit.level - edge;
        // Already past the limit when healthy (a mis-set alarm): drift from the present value instead.
        e.amplitude = Math.sign(toLimit) === (e.limit.direction === 'above' ? 1 : -1) ? toLimit : e.limit.level - e.smooth;
      }
    }
  }

  /** What the transmitter reports for a true value. */
  apply(key: string, value: SignalValue | undefined, plantSec: number): SignalValue | undefined {
    if (typeof value !== 'number' || !this.keys.has(key)) return value;
    let out = value;
    for (const e of this.entries) {
      if (e.key !== key || !e.started) continue;
      if (e.frozen !== null) out = e.frozen;
      else out += e.amplitude * faultSeverity(e.fault, plantSec);
      // A transmitter saturates at the ends of its range.
      if (e.range) out = clamp(out, e.range.low, e.range.high);
    }
    return out;
  }
}
