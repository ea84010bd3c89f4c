// Which maintenance rules watch which assets, and which tag plays which role in each rule: the shape of the
// project file's `maintenance` section after validation, and the defaults for the built-in simulator's plant.

export type AssetKind = 'pump' | 'compressor' | 'conveyor' | 'motor' | 'tank' | 'other';

/** A watched asset: its `running` tag gates the analytics (stopped machines are not judged) and drives run hours. */
export interface AssetConfig {
  asset: string;
  kind: AssetKind;
  runningTag?: string | undefined;
  serviceIntervalHours: number;
  maxStartsPerHour: number;
  maxStartsPerDay: number;
}

export type AssetRuleConfig =
  | { rule: 'cavitation'; asset: string; tags: { flow: string; pressure: string; vibration?: string | undefined; current?: string | undefined } }
  | { rule: 'fouling'; asset: string; tags: { temperature: string; current: string; pressure?: string | undefined } }
  | { rule: 'sensor-drift'; asset: string; tag: string; related: string[] }
  | { rule: 'stuck-sensor'; asset: string; tags: string[] }
  | { rule: 'drift'; asset: string; tag: string };

/** Compensate `tag` for the operating point given by `reference` (a speed setpoint, a load current). */
export interface LoadReference {
  tag: string;
  reference: string;
}

const SITE = 'demo-site';
const tagOf = (area: string, asset: string, signal: string): string => `${SITE}/${area}/${asset}/${signal}`;

export const defaultServiceLimits = { serviceIntervalHours: 4000, maxStartsPerHour: 6, maxStartsPerDay: 48 };

/** The simulator's motor-driven assets (and the tank, which has no running tag). */
export function defaultAssets(): AssetConfig[] {
  const motor = (area: string, asset: string, kind: AssetKind): AssetConfig => ({
    asset, kind, runningTag: tagOf(area, asset, 'running'), ...defaultServiceLimits,
  });
  return [
    motor('utilities', 'pump-101', 'pump'),
    motor('utilities', 'compressor-201', 'compressor'),
    motor('packaging', 'conveyor-401', 'conveyor'),
    { asset: 'tank-301', kind: 'tank', ...defaultServiceLimits },
  ];
}

/** Rules for the simulator's plant (bearing wear is configured separately: it has its own fast statistics). */
export function defaultAssetRules(): AssetRuleConfig[] {
  const pump = (s: string): string => tagOf('utilities', 'pump-101', s);
  const comp = (s: string): string => tagOf('utilities', 'compressor-201', s);
  const conv = (s: string): string => tagOf('packaging', 'conveyor-401', s);
  const tank = (s: string): string => tagOf('utilities', 'tank-301', s);
  return [
    {
      rule: 'cavitation',
      asset: 'pump-101',
      tags: { flow: pump('flow'), pressure: pump('discharge-pressure'), vibration: pump('vibration'), current: pump('motor-current') },
    },
    { rule: 'fouling', asset: 'compressor-201', tags: { temperature: comp('discharge-temperature'), current: comp('motor-current'), pressure: comp('discharge-pressure') } },
    {
      rule: 'sensor-drift',
      asset: 'pump-101',
      tag: pump('bearing-temperature'),
      related: [pump('vibration'), pump('motor-current'), pump('flow')],
    },
    { rule: 'stuck-sensor', asset: 'pump-101', tags: ['flow', 'discharge-pressure', 'motor-current', 'bearing-temperature', 'vibration'].map(pump) },
    { rule: 'stuck-sensor', asset: 'compressor-201', tags: ['discharge-pressure', 'discharge-temperature', 'motor-current'].map(comp) },
    { rule: 'stuck-sensor', asset: 'conveyor-401', tags: ['speed', 'motor-current', 'motor-temperature'].map(conv) },
    { rule: 'stuck-sensor', asset: 'tank-301', tags: ['level', 'outflow'].map(tank) },
    { rule: 'drift', asset: 'conveyor-401', tag: conv('motor-temperature') },
    { rule: 'drift', asset: 'conveyor-401', tag: conv('motor-current') },
  ];
}

/**
 * Operating-point references of the simulator's plant: pump signals follow the drive speed, temperatures follow the
 * motor load they are heated by, the compressor's header pressure follows its setpoint (the sensitivity and lag are learned, so a wrong pairing only costs nothing).
 */
export function defaultLoadReferences(): LoadReference[] {
  const pump = (s: string): string => tagOf('utilities', 'pump-101', s);
  const comp = (s: string): string => tagOf('utilities', 'compressor-201', s);
  const conv = (s: string): string => tagOf('packaging', 'conveyor-401', s);
  return [
    ...['flow', 'discharge-pressure', 'motor-current', 'vibration'].map((s) => ({ tag: pump(s), reference: pump('speed-setpoint') })),
    { tag: pump('bearing-temperature'), reference: pump('motor-current') },
    { tag: comp('discharge-temperature'), reference: comp('motor-current') },
    { tag: comp('discharge-pressure'), reference: comp('pressure-setpoint') },
    { tag: conv('motor-current'), reference: conv('speed-setpoint') },
    { tag: conv('motor-temperature'), reference: conv('motor-current') },
  ];
}
