// Drives the maintenance service with the simulator's real plant model (fake clock, inline evaluation), with the
// fault signatures of the PdM evaluation overlaid on its signals. Not a test file itself.
import type { FlagDto, TagSample } from '../../../src-main/contract/index.js';
import { replayTagDefs, replayTagId } from '../../../src-main/adapters/simulator/replay/replay-tags.js';
import { PlantModel } from '../../../src-main/adapters/simulator/model/plant-model.js';
import { gaussian, mulberry32 } from '../../../src-main/adapters/simulator/model/prng.js';
import { createMaintenanceService, defaultBearingRules, type MaintenanceService } from '../../../src-main/services/maintenance-service.js';
import { FakeStore } from '../../fixtures/fake-store.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2025, 2, 3, 0, 0, 0);

export type OverlayKind = 'cavitation' | 'fouling' | 'sensor-drift' | 'stuck-sensor';

export interface Overlay {
  kind: OverlayKind;
  onsetMs: number;
  /** From onset until progress 1 (the primary signal is past its alarm limit by then). */
  rampMs: number;
}

/** Progress fraction at which the noise-free primary signal crosses its alarm limit, per overlay. */
export const CROSSING: Record<OverlayKind, number | null> = {
  cavitation: 0.9, // flow ~100 → 40 at 0.9 of (1 − 0.67 u)
  fouling: 0.9,
  'sensor-drift': 0.9,
  'stuck-sensor': null,
};

const id = (asset: string, area: string, name: string): string => replayTagId({ site: 'demo-site', area, asset, name });

/** Applies a fault signature to one sample (values of the healthy plant in, faulty values out). */
function overlay(o: Overlay | undefined, tag: string, v: number, ts: number, rnd: () => number, frozen: Map<string, number>): number {
  if (!o || ts < o.onsetMs) return v;
  const u = (ts - o.onsetMs) / o.rampMs;
  const g = (): number => gaussian(rnd);
  switch (o.kind) {
    case 'cavitation':
      if (tag.endsWith('pump-101/flow')) return v * (1 - 0.67 * u) + 4 * u * g();
      if (tag.endsWith('pump-101/discharge-pressure')) return v * (1 - 0.5 * u) + 0.3 * u * g();
      if (tag.endsWith('pump-101/vibration')) return v + 0.6 * u * g();
      if (tag.endsWith('pump-101/motor-current')) return v - 2 * u;
      return v;
    case 'fouling':
      // ~80 °C normal: +28 °C at progress 1 crosses 105 °C at about 0.9.
      if (tag.endsWith('compressor-201/discharge-temperature')) return v + 28 * u;
      if (tag.endsWith('compressor-201/motor-current')) return v + 12 * u;
      return v;
    case 'sensor-drift':
      // ~49 °C normal: +34 °C at progress 1 crosses 80 °C at about 0.9.
      return tag.endsWith('pump-101/bearing-temperature') ? v + 34 * u : v;
    case 'stuck-sensor': {
      if (!tag.endsWith('compressor-201/discharge-pressure')) return v;
      const held = frozen.get(tag) ?? v;
      frozen.set(tag, held);
      return held;
    }
  }
}

export interface PlantRun {
  service: MaintenanceService;
  store: FakeStore;
  /** Every flag as raised, updated or cleared, in order. */
  changes: FlagDto[];
}

export async function runPlant(opts: { seed: number; days: number; stepSec?: number; overlay?: Overlay }): Promise<PlantRun> {
  const stepSec = opts.stepSec ?? 10;
  const model = new PlantModel({ seed: opts.seed, startMs: T0, faults: [] });
  const rnd = mulberry32(opts.seed ^ 0xfa17);
  let now = T0;
  const store = new FakeStore();
  const service = createMaintenanceService({
    store,
    clock: { now: () => now },
    log: { debug() {}, info() {}, warn() {}, error() {} },
    rules: defaultBearingRules(),
    schedule: (run) => run(),
  });
  const tags = replayTagDefs();
  service.setTags(tags);
  await service.start();
  const changes: FlagDto[] = [];
  service.onChange((c) => changes.push(...structuredClone(c)));
  const keys = model.signals.map((s) => id(s.asset, s.area, s.name));
  const frozen = new Map<string, number>();
  const end = T0 + opts.days * DAY;
  while (now < end) {
    model.step(stepSec);
    now = model.nowMs();
    const values = model.values();
    const samples: TagSample[] = [];
    keys.forEach((tagId, i) => {
      const raw = values[i];
      const value = typeof raw === 'number' ? overlay(opts.overlay, tagId, raw, now, rnd, frozen) : raw;
      if (value !== undefined) samples.push({ tagId, ts: now, value, quality: 'good' });
    });
    service.ingest({ samples });
  }
  await service.stop();
  return { service, store, changes };
}
