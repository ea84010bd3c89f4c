// What each fault kind does: where it can be injected, which signal shows it first, its alarm limit and how fast
// the severity grows, so the simulator can both play a fault and state its ground truth up front.
import { plantCatalog, type CatalogSignal } from '../catalog.js';
import { BEARING_WEAR_LIMIT_FRACTION } from './pump-model.js';

export const FAULT_KINDS = ['bearing-wear', 'cavitation', 'fouling', 'sensor-drift', 'stuck-sensor'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A process fault changes the physics of one asset; a sensor fault only changes what one transmitter reports. */
export interface KindSpec {
  sensor: boolean;
  /** Process faults: the assets that have the physics for it. Sensor faults: any asset with a suitable analog. */
  assets: readonly string[] | 'any';
  /** Process faults: the signal that crosses its alarm limit first (the one lead time is scored against). */
  primarySignal: string | null;
  /** Sensor faults: the transmitter used when the schedule names none, per asset. */
  defaultSignal: Readonly<Record<string, string>>;
  /** Severity at progress x = (t − onset) / ramp, x ≥ 0. */
  shape: (x: number) => number;
  /** Progress at which the primary signal crosses its alarm limit (null: the fault has no limit, e.g. stuck). */
  limitAt: number | null;
  /** Whether the ramp matters (a stuck transmitter freezes at once). */
  needsRamp: boolean;
}

export const KIND_SPECS: Record<FaultKind, KindSpec> = {
  // Spalling accelerates, so vibration grows with the square of progress; ramp = onset → trip level (11 mm/s).
  'bearing-wear': {
    sensor: false, assets: ['pump-101'], primarySignal: 'vibration', defaultSignal: {},
    shape: (x) => x * x, limitAt: BEARING_WEAR_LIMIT_FRACTION, needsRamp: true,
  },
  // Suction conditions worsen (falling NPSH margin), slowly at first: flow falls, pump gets noisy.
  cavitation: {
    sensor: false, assets: ['pump-101'], primarySignal: 'flow', defaultSignal: {},
    shape: (x) => x ** 1.5, limitAt: 1, needsRamp: true,
  },
  // Clogging intake filter / fouled cooler: a steady creep of discharge temperature and current.
  fouling: {
    sensor: false, assets: ['compressor-201'], primarySignal: 'discharge-temperature', defaultSignal: {},
    shape: (x) => x, limitAt: 1, needsRamp: true,
  },
  'sensor-drift': {
    sensor: true, assets: 'any', primarySignal: null,
    defaultSignal: {
      'pump-101': 'bearing-temperature', 'compressor-201': 'discharge-temperature',
      'tank-301': 'level', 'conveyor-401': 'motor-temperature',
    },
    shape: (x) => x, limitAt: 1, needsRamp: true,
  },
  'stuck-sensor': {
    sensor: true, assets: 'any', primarySignal: null,
    defaultSignal: {
      'pump-101': 'discharge-pressure', 'compressor-201': 'discharge-pressure',
      'tank-301': 'level', 'conveyor-401': 'motor-current',
    },
    shape: (x) => (x > 0 ? 1 : 0), limitAt: null, needsRamp: false,
  },
};

export function isFaultKind(kind: unknown): kind is FaultKind {
  return typeof kind === 'string' && (FAULT_KINDS as readonly string[]).includes(kind);
}

/** The alarm limit a fault drives its primary signal across. */
export interface FaultLimit {
  alarm: 'H' | 'L';
  level: number;
  direction: 'above' | 'below';
}

const catalogByKey = new Map(plantCatalog().map((s) => [`${s.asset}.${s.name}`, s]));
const plantAssets = [...new Set(plantCatalog().map((s) => s.asset))];

export function catalogSignal(asset: string, signal: string): CatalogSignal | undefined {
  return catalogByKey.get(`${asset}.${signal}`);
}

/** H if the signal has one, else L: the limit a drifting transmitter walks towards. */
export function driftLimit(sig: CatalogSignal): FaultLimit | null {
  const a = sig.alarms;
  if (a?.H !== undefined) return { alarm: 'H', level: a.H, direction: 'above' };
  if (a?.L !== undefined) return { alarm: 'L', level: a.L, direction: 'below' };
  return null;
}

/** Analog process measurements of an asset (what a transmitter fault can hit). */
export function analogMeasurements(asset: string): CatalogSignal[] {
  return plantCatalog().filter((s) => s.asset === asset && s.dataType === 'Double' && s.kind === 'measurement');
}

export function supportedAssets(kind: FaultKind): readonly string[] {
  const a = KIND_SPECS[kind].assets;
  return a === 'any' ? plantAssets : a;
}

/** The primary signal of a fault: fixed for process faults, the named (or default) transmitter for sensor faults. */
export function primarySignalOf(kind: FaultKind, asset: string, signal: string | undefined): string | undefined {
  const spec = KIND_SPECS[kind];
  return spec.sensor ? (signal ?? spec.defaultSignal[asset]) : (spec.primarySignal ?? undefined);
}

/** The alarm limit scored for a fault; null when the fault has none (stuck sensor) or the signal is unknown. */
export function faultLimit(kind: FaultKind, asset: string, signal: string | undefined): FaultLimit | null {
  const name = primarySignalOf(kind, asset, signal);
  const sig = name === undefined ? undefined : catalogSignal(asset, name);
  if (!sig || KIND_SPECS[kind].limitAt === null) return null;
  if (kind === 'sensor-drift') return driftLimit(sig);
  if (kind === 'cavitation') return sig.alarms?.L === undefined ? null : { alarm: 'L', level: sig.alarms.L, direction: 'below' };
  return sig.alarms?.H === undefined ? null : { alarm: 'H', level: sig.alarms.H, direction: 'above' };
}
