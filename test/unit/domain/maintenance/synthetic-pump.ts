// Synthetic pump-101 signals for the maintenance tests: seeded PRNG, 1 Hz, load changes with 2-minute ramps,
// an optional accelerating bearing fault and optional stops. Not a test file itself.
import type { TagSample } from '../../../../src-main/contract/index.js';
import type { TagDef } from '../../../../src-main/domain/tags.js';
import { mulberry32 } from '../../../../src-main/adapters/simulator/model/prng.js';

export const PUMP = 'demo-site/utilities/pump-101/';
export const VIBRATION_H = 7.1;


export interface PumpScenario {
  seed: number;
  start: number;
  durationMs: number;
  /** Bearing fault onset; vibration then rises as 0.4u + 0.6u² (u = time since onset / faultToLimitMs). */
  faultOnset?: number;
  /** Time from onset until noise-free vibration reaches the 7.1 mm/s H limit. */
  faultToLimitMs?: number;
  /** The bearing is replaced: vibration and temperature are normal again from here. */
  faultEnd?: number;
  stops?: { from: number; to: number }[];
}

export interface PumpStep {
  ts: number;
  samples: TagSample[];
  /** Noise-free vibration, to find the true limit crossing. */
  cleanVibration: number;
}

export function* pumpSamples(sc: PumpScenario): Generator<PumpStep> {
  const rnd = mulberry32(sc.seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const stepMs = 1000;
  let load = 0.8;
  let target = load;
  let nextLoadChange = sc.start + (1 + 2 * rnd()) * 3_600_000;
  let temperature = 45 + 15 * load;
  let faultSpan = 0;
  for (let ts = sc.start; ts < sc.start + sc.durationMs; ts += stepMs) {
    if (ts >= nextLoadChange) {
      target = 0.55 + 0.45 * rnd();
      nextLoadChange = ts + (0.5 + 2.5 * rnd()) * 3_600_000;
    }
    load += Math.sign(target - load) * Math.min(Math.abs(target - load), stepMs / 120_000);
    const stopped = (sc.stops ?? []).some((s) => ts >= s.from && ts < s.to);
    const normalVibration = 1.2 + 1.5 * load;
    let fault = 0;
    if (sc.faultOnset !== undefined && ts >= sc.faultOnset && (sc.faultEnd === undefined || ts < sc.faultEnd)) {
      if (faultSpan === 0) faultSpan = VIBRATION_H - normalVibration;
      const u = (ts - sc.faultOnset) / (sc.faultToLimitMs ?? 3_600_000);
      fault = 0.4 * u + 0.6 * u * u;
    }
    const cleanVibration = stopped ? 0 : normalVibration + faultSpan * fault;
    const temperatureTarget = stopped ? 25 : 45 + 15 * load + 14 * fault;
    temperature += (temperatureTarget - temperature) * (stepMs / 600_000);
    yield {
      ts,
      cleanVibration,
      samples: [
        { tagId: `${PUMP}vibration`, ts, value: stopped ? 0 : cleanVibration + 0.25 * gauss(), quality: 'good' },
        { tagId: `${PUMP}bearing-temperature`, ts, value: temperature + 0.3 * gauss(), quality: 'good' },
        { tagId: `${PUMP}motor-current`, ts, value: stopped ? 0 : 20 + 30 * load + 0.5 * gauss(), quality: 'good' },
        { tagId: `${PUMP}running`, ts, value: !stopped, quality: 'good' },
      ],
    };
  }
}

function tag(name: string, unit: string, alarms: TagDef['alarms']): TagDef {
  return {
    id: PUMP + name,
    site: 'demo-site',
    area: 'utilities',
    asset: 'pump-101',
    name,
    sourceId: 'simulator',
    nodeId: `ns=1;s=${name}`,
    dataType: name === 'running' ? 'Boolean' : 'Double',
    unit,
    euRange: null,
    description: '',
    writable: false,
    group: 'default',
    alarms,
    deadband: null,
  };
}

export function pumpTags(): TagDef[] {
  return [
    tag('vibration', 'mm/s', { H: VIBRATION_H, HH: 11, deadband: 0.3, priority: 2 }),
    tag('bearing-temperature', '°C', { H: 80, HH: 95, deadband: 1, priority: 2 }),
    tag('motor-current', 'A', null),
    tag('running', '', null),
  ];
}
