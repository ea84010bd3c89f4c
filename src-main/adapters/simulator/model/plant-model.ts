// The whole simulated plant, pure and deterministic: same seed, same steps and same writes give the same values.
// Time is passed in (plant seconds), never read from the clock.
import { plantCatalog, signalKey, type CatalogSignal } from '../catalog.js';
import type { AssetModel, SignalValue } from './asset-model.js';
import { CompressorModel } from './compressor-model.js';
import { ConveyorModel } from './conveyor-model.js';
import { faultSeverity, faultTruth, validateFaults, type FaultSchedule, type FaultTruth } from './faults.js';
import { deriveSeed, mulberry32 } from './prng.js';
import { PumpModel } from './pump-model.js';
import { TankModel } from './tank-model.js';

/** OPC UA status code names a write can end with. */
export type WriteStatus = 'Good' | 'BadOutOfRange' | 'BadTypeMismatch' | 'BadNotWritable' | 'BadNodeIdUnknown';

export interface PlantModelOptions {
  seed: number;
  /** Plant time of the simulator start, ms since the Unix epoch (anchors fault ground truth and timestamps). */
  startMs: number;
  faults: readonly FaultSchedule[];
}

/** Longest internal step: large time-scaled steps are split so the PI loop and lags stay accurate. */
const MAX_SUBSTEP_SEC = 1;

export class PlantModel {
  /** Process signals (no load tags), in catalog order. */
  readonly signals: CatalogSignal[] = plantCatalog();
  readonly seed: number;
  readonly startMs: number;
  readonly faults: readonly FaultSchedule[];
  private plantSec = 0;
  private readonly pump: PumpModel;
  private readonly assets = new Map<string, AssetModel>();
  private readonly byKey = new Map<string, CatalogSignal>();

  constructor(opts: PlantModelOptions) {
    validateFaults(opts.faults);
    this.seed = opts.seed >>> 0;
    this.startMs = opts.startMs;
    this.faults = opts.faults.map((f) => ({ ...f }));
    this.pump = new PumpModel(mulberry32(deriveSeed(this.seed, 'pump-101')));
    const models: AssetModel[] = [
      this.pump,
      new CompressorModel(mulberry32(deriveSeed(this.seed, 'compressor-201'))),
      new TankModel(mulberry32(deriveSeed(this.seed, 'tank-301'))),
      new ConveyorModel(mulberry32(deriveSeed(this.seed, 'conveyor-401'))),
    ];
    for (const m of models) this.assets.set(m.asset, m);
    for (const s of this.signals) this.byKey.set(signalKey(s), s);
  }

  /** Plant seconds since the simulator start. */
  get elapsedSec(): number {
    return this.plantSec;
  }

  /** Current plant time, ms since the Unix epoch. */
  nowMs(): number {
    return this.startMs + this.plantSec * 1000;
  }

  step(dtSec: number): void {
    if (!(dtSec > 0)) return;
    let left = dtSec;
    while (left > 1e-9) {
      const dt = Math.min(left, MAX_SUBSTEP_SEC);
      this.plantSec += dt;
      this.pump.wear = this.wearOf('pump-101');
      for (const m of this.assets.values()) m.step(dt, this.plantSec);
      left -= dt;
    }
  }

  /** Value of `<asset>.<signal>`, or undefined for an unknown key. */
  read(key: string): SignalValue | undefined {
    const sig = this.byKey.get(key);
    return sig ? this.assets.get(sig.asset)?.read(sig.name) : undefined;
  }

  /** All process values, aligned with `signals`. */
  values(): SignalValue[] {
    return this.signals.map((s) => this.assets.get(s.asset)?.read(s.name) ?? 0);
  }

  /** Validates and applies a setpoint or command; the status says why a write was refused. */
  write(key: string, value: unknown): WriteStatus {
    const sig = this.byKey.get(key);
    const model = sig ? this.assets.get(sig.asset) : undefined;
    if (!sig || !model) return 'BadNodeIdUnknown';
    if (!sig.writable) return 'BadNotWritable';
    if (sig.dataType === 'Boolean') {
      if (typeof value !== 'boolean') return 'BadTypeMismatch';
    } else {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'BadTypeMismatch';
      if (sig.euRange && (value < sig.euRange.low || value > sig.euRange.high)) return 'BadOutOfRange';
    }
    model.write(sig.name, value);
    return 'Good';
  }

  truth(): FaultTruth {
    return faultTruth(this.faults, this.startMs);
  }

  /** True once the first scheduled fault has begun. */
  faultActive(): boolean {
    const f = this.faults[0];
    return f !== undefined && this.plantSec >= f.onsetAfterSec;
  }

  private wearOf(asset: string): number {
    let wear = 0;
    for (const f of this.faults) if (f.asset === asset) wear = Math.max(wear, faultSeverity(f, this.plantSec));
    return wear;
  }
}
