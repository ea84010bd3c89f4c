// The whole simulated plant, pure and deterministic: same seed, same steps and same writes give the same values.
// Time is passed in (plant seconds), never read from the clock.
import { plantCatalog, signalKey, type CatalogSignal } from '../catalog.js';
import type { AssetModel, SignalValue } from './asset-model.js';
import { CompressorModel } from './compressor-model.js';
import { ConveyorModel } from './conveyor-model.js';
import { primarySignalOf } from './fault-kinds.js';
import {
  faultGroundTruth, faultSeverity, faultTruth, validateFaults, type FaultGroundTruth, type FaultKind, type FaultSchedule, type FaultTruth,
} from './faults.js';
import { deriveSeed, mulberry32 } from './prng.js';
import { PumpModel } from './pump-model.js';
import { SensorFaults } from './sensor-faults.js';
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
  private readonly compressor: CompressorModel;
  private readonly sensors: SensorFaults;
  private readonly assets = new Map<string, AssetModel>();
  private readonly byKey = new Map<string, CatalogSignal>();

  constructor(opts: PlantModelOptions) {
    validateFaults(opts.faults);
    this.seed = opts.seed >>> 0;
    this.startMs = opts.startMs;
    this.faults = opts.faults.map((f) => ({ ...f }));
    this.pump = new PumpModel(mulberry32(deriveSeed(this.seed, 'pump-101')));
    this.compressor = new CompressorModel(mulberry32(deriveSeed(this.seed, 'compressor-201')));
    this.sensors = new SensorFaults(this.faults, (f) => primarySignalOf(f.kind, f.asset, f.signal));
    const models: AssetModel[] = [
      this.pump,
      this.compressor,
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
      this.pump.wear = this.severityOf('pump-101', 'bearing-wear');
      this.pump.cavitation = this.severityOf('pump-101', 'cavitation');
      this.compressor.fouling = this.severityOf('compressor-201', 'fouling');
      for (const m of this.assets.values()) m.step(dt, this.plantSec);
      if (!this.sensors.empty) this.sensors.update(this.plantSec, dt, (key) => this.trueValue(key));
      left -= dt;
    }
  }

  /** Value of `<asset>.<signal>` as its transmitter reports it (sensor faults applied), undefined for an unknown key. */
  read(key: string): SignalValue | undefined {
    const value = this.trueValue(key);
    return this.sensors.empty ? value : this.sensors.apply(key, value, this.plantSec);
  }

  /** The process value itself, before any transmitter fault. */
  trueValue(key: string): SignalValue | undefined {
    const sig = this.byKey.get(key);
    return sig ? this.assets.get(sig.asset)?.read(sig.name) : undefined;
  }

  /** All process values as reported, aligned with `signals`. */
  values(): SignalValue[] {
    return this.signals.map((s) => this.read(signalKey(s)) ?? 0);
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

  /** Ground truth of every scheduled fault, in schedule order. */
  truths(): FaultGroundTruth[] {
    return this.faults.map((f) => faultGroundTruth(f, this.startMs));
  }

  /** True once the first scheduled fault has begun. */
  faultActive(): boolean {
    const f = this.faults[0];
    return f !== undefined && this.plantSec >= f.onsetAfterSec;
  }

  /** Per scheduled fault: has it begun. */
  activeFaults(): boolean[] {
    return this.faults.map((f) => this.plantSec >= f.onsetAfterSec);
  }

  private severityOf(asset: string, kind: FaultKind): number {
    let severity = 0;
    for (const f of this.faults) if (f.asset === asset && f.kind === kind) severity = Math.max(severity, faultSeverity(f, this.plantSec));
    return severity;
  }
}
