// The static list of simulated signals: what the address space exposes and what the bridge builds its default project from.
//
// NodeId scheme: `ns=1;s=<site>.<area>.<asset>.<signal>` (namespace 1 is the simulator's own namespace), browse path
// `Objects/Plant/<site>/<area>/<asset>/<signal>`. Load-test tags follow the same scheme under area `load`.
import type { AlarmLimits, EuRange } from '../../contract/index.js';

export const SIM_SITE = 'demo-site';
export const SIM_NAMESPACE_INDEX = 1;

export type SignalKind = 'measurement' | 'setpoint' | 'command';

export interface CatalogSignal {
  site: string;
  area: string;
  asset: string;
  name: string;
  nodeId: string;
  dataType: 'Double' | 'Boolean';
  unit: string;
  euRange: EuRange | null;
  writable: boolean;
  /** `setpoint`: writable analog, range-checked. `command`: writable Boolean (true = start, false = stop). */
  kind: SignalKind;
  description: string;
  /** Suggested alarm limits for key analogs, null where an alarm makes no sense. */
  alarms: AlarmLimits | null;
}

type SignalSpec = Omit<CatalogSignal, 'site' | 'area' | 'asset' | 'nodeId' | 'writable'>;

export function simNodeId(area: string, asset: string, name: string, site = SIM_SITE): string {
  return `ns=${SIM_NAMESPACE_INDEX};s=${site}.${area}.${asset}.${name}`;
}

const analog = (name: string, unit: string, low: number, high: number, description: string, alarms: AlarmLimits | null = null): SignalSpec => ({
  name, dataType: 'Double', unit, euRange: { low, high }, kind: 'measurement', description, alarms,
});
const setpoint = (name: string, unit: string, low: number, high: number, description: string): SignalSpec => ({
  name, dataType: 'Double', unit, euRange: { low, high }, kind: 'setpoint', description, alarms: null,
});
const command = (name: string, description: string): SignalSpec => ({
  name, dataType: 'Boolean', unit: '', euRange: null, kind: 'command', description, alarms: null,
});

interface AssetSpec {
  area: string;
  asset: string;
  signals: SignalSpec[];
}

/** Vibration limits per ISO 10816-3 class II (medium machines, rigid foundation): 7.1 mm/s alert, 11 mm/s trip. */
export const PUMP_VIBRATION_TRIP = 11;
export const PUMP_BEARING_TEMP_TRIP = 95;
/** Vibration alert (H alarm): the limit bearing-wear lead time is scored against. */
export const PUMP_VIBRATION_ALERT = 7.1;
/** Low-flow alarm (L): the limit cavitation lead time is scored against. */
export const PUMP_FLOW_LOW = 40;

const assets: AssetSpec[] = [
  {
    area: 'utilities',
    asset: 'pump-101',
    signals: [
      analog('flow', 'm3/h', 0, 150, 'Cooling water pump discharge flow', { L: PUMP_FLOW_LOW, LL: 20, deadband: 2, priority: 3 }),
      analog('discharge-pressure', 'bar', 0, 10, 'Pump discharge pressure', { H: 8, HH: 9, L: 1.5, deadband: 0.2, priority: 2 }),
      analog('motor-current', 'A', 0, 60, 'Pump motor current', { H: 50, HH: 55, deadband: 1, priority: 2 }),
      analog('bearing-temperature', 'degC', 0, 120, 'Pump drive-end bearing temperature', {
        H: 80, HH: PUMP_BEARING_TEMP_TRIP, deadband: 2, priority: 2,
      }),
      analog('vibration', 'mm/s', 0, 20, 'Pump bearing housing vibration velocity (RMS)', {
        H: PUMP_VIBRATION_ALERT, HH: PUMP_VIBRATION_TRIP, deadband: 0.3, priority: 1,
      }),
      command('running', 'Pump running; write true to start, false to stop'),
      setpoint('speed-setpoint', '%', 0, 100, 'Pump variable speed drive setpoint'),
    ],
  },
  {
    area: 'utilities',
    asset: 'compressor-201',
    signals: [
      analog('discharge-pressure', 'bar', 0, 12, 'Compressed air header pressure', { H: 8.5, HH: 9.5, L: 5.5, LL: 5, deadband: 0.1, priority: 2 }),
      analog('discharge-temperature', 'degC', 0, 150, 'Compressor discharge air temperature', { H: 105, HH: 115, deadband: 2, priority: 2 }),
      analog('motor-current', 'A', 0, 200, 'Compressor motor current', { H: 170, HH: 185, deadband: 2, priority: 3 }),
      command('running', 'Compressor running; write true to start, false to stop'),
      setpoint('pressure-setpoint', 'bar', 5, 9, 'Header pressure setpoint (load/unload band is +/- 0.3 bar)'),
    ],
  },
  {
    area: 'utilities',
    asset: 'tank-301',
    signals: [
      analog('level', '%', 0, 100, 'Buffer tank level', { H: 85, HH: 95, L: 15, LL: 5, deadband: 1, priority: 2 }),
      analog('inflow', 'm3/h', 0, 60, 'Tank inflow through the fill control valve'),
      analog('outflow', 'm3/h', 0, 60, 'Tank outflow to the process (demand)'),
      analog('valve-position', '%', 0, 100, 'Fill control valve position (PI level controller output)'),
      setpoint('level-setpoint', '%', 10, 90, 'Level controller setpoint'),
    ],
  },
  {
    area: 'packaging',
    asset: 'conveyor-401',
    signals: [
      analog('speed', 'm/s', 0, 3, 'Conveyor belt speed'),
      analog('motor-current', 'A', 0, 30, 'Conveyor motor current', { H: 24, HH: 27, deadband: 0.5, priority: 3 }),
      analog('motor-temperature', 'degC', 0, 150, 'Conveyor motor winding temperature', { H: 100, HH: 115, deadband: 2, priority: 2 }),
      command('running', 'Conveyor running; write true to start, false to stop'),
      setpoint('speed-setpoint', 'm/s', 0, 2.5, 'Conveyor speed setpoint'),
    ],
  },
];

export const LOAD_AREA = 'load';
/** Load-test tags are grouped 100 per asset so browsing stays manageable at 10,000 tags. */
export const LOAD_TAGS_PER_ASSET = 100;

/** Load tag `i` (0-based): asset `load-<floor(i/100)>`, signal `value-<i>`. */
export function loadTagSignal(i: number): CatalogSignal {
  const asset = `load-${Math.floor(i / LOAD_TAGS_PER_ASSET)}`;
  const name = `value-${i}`;
  return {
    site: SIM_SITE, area: LOAD_AREA, asset, name, nodeId: simNodeId(LOAD_AREA, asset, name),
    dataType: 'Double', unit: '', euRange: null, writable: false, kind: 'measurement',
    description: 'Load-test counter: +1 on every change, so loss, duplication and reordering show by arithmetic',
    alarms: null,
  };
}

/** The plant's signals (process assets first, then `extraTags` load-test counters), in a stable order. */
export function plantCatalog(extraTags = 0): CatalogSignal[] {
  const out: CatalogSignal[] = [];
  for (const a of assets) {
    for (const s of a.signals) {
      out.push({
        ...s, site: SIM_SITE, area: a.area, asset: a.asset, nodeId: simNodeId(a.area, a.asset, s.name),
        writable: s.kind !== 'measurement',
      });
    }
  }
  for (let i = 0; i < extraTags; i++) out.push(loadTagSignal(i));
  return out;
}

/** Key of a process signal inside the model: `<asset>.<signal>`. */
export function signalKey(s: Pick<CatalogSignal, 'asset' | 'name'>): string {
  return `${s.asset}.${s.name}`;
}
