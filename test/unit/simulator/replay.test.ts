// The headless replay: same seed, same batches; tags named as the bridge names them; a seeded operating pattern.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { plantCatalog } from '../../../src-main/adapters/simulator/catalog.js';
import { seededOperatingSchedule } from '../../../src-main/adapters/simulator/replay/operating-schedule.js';
import { PlantReplay, type ReplayOptions } from '../../../src-main/adapters/simulator/replay/replay.js';

const START = Date.UTC(2025, 0, 6);
const DAY = 86_400;

function digest(opts: ReplayOptions): { hash: string; batches: number } {
  const h = createHash('sha256');
  let batches = 0;
  for (const b of new PlantReplay(opts).batches()) {
    batches++;
    for (const s of b.samples) h.update(`${s.tagId}|${s.ts}|${String(s.value)}|${s.quality};`);
  }
  return { hash: h.digest('hex'), batches };
}

describe('plant replay', () => {
  const faults = [{ asset: 'pump-101', kind: 'cavitation' as const, onsetAfterSec: 6 * 3600, rampSec: 12 * 3600 }];

  it('gives the same batches for the same seed (a day of plant time, faults and operating changes included)', () => {
    const a = digest({ seed: 4, startMs: START, durationSec: DAY, faults });
    const b = digest({ seed: 4, startMs: START, durationSec: DAY, faults });
    assert.equal(a.batches, DAY / 5, 'one batch per 5 s step');
    assert.equal(a.hash, b.hash);
    assert.notEqual(digest({ seed: 5, startMs: START, durationSec: DAY, faults }).hash, a.hash, 'another seed, another plant');
  });

  it('names every sample demo-site/<area>/<asset>/<signal> and defines it with the catalog units and alarm limits', () => {
    const replay = new PlantReplay({ seed: 1, startMs: START, durationSec: 60 });
    const batch = replay.next();
    assert.ok(batch);
    const defs = new Map(replay.tags.map((t) => [t.id, t]));
    assert.equal(batch.samples.length, plantCatalog().length);
    for (const s of batch.samples) {
      assert.match(s.tagId, /^demo-site\/(utilities|packaging)\/[a-z]+-\d+\/[a-z-]+$/);
      assert.ok(defs.has(s.tagId), `${s.tagId} has a TagDef`);
      assert.equal(s.ts, START + 5000);
      assert.equal(s.quality, 'good');
    }
    assert.deepEqual(defs.get('demo-site/utilities/pump-101/vibration')?.alarms, { H: 7.1, HH: 11, deadband: 0.3, priority: 1 });
    assert.equal(defs.get('demo-site/utilities/pump-101/running')?.dataType, 'Boolean');
    assert.equal(typeof batch.samples.find((s) => s.tagId.endsWith('pump-101/running'))?.value, 'boolean');
  });

  it('stops and restarts machines and moves setpoints on a seeded schedule, every write accepted', () => {
    const ops = seededOperatingSchedule(9, 3 * DAY);
    assert.deepEqual(ops, seededOperatingSchedule(9, 3 * DAY), 'seeded');
    assert.ok(ops.some((o) => o.key === 'pump-101.running' && o.value === false), 'the pump stops at least once in three days');
    assert.ok(ops.some((o) => o.key === 'conveyor-401.speed-setpoint'));
    const replay = new PlantReplay({ seed: 9, startMs: START, durationSec: 3 * DAY });
    const pumpRunning = new Set<unknown>();
    const speedSetpoints = new Set<unknown>();
    for (const b of replay.batches()) {
      for (const s of b.samples) {
        if (s.tagId === 'demo-site/utilities/pump-101/running') pumpRunning.add(s.value);
        if (s.tagId === 'demo-site/utilities/pump-101/speed-setpoint') speedSetpoints.add(s.value);
      }
    }
    assert.deepEqual([...pumpRunning].sort(), [false, true]);
    assert.ok(speedSetpoints.size > 3, 'several pump speeds');
    assert.deepEqual(replay.refused, []);
  });

  it('can run a steady plant, and refuses a bad step', () => {
    const replay = new PlantReplay({ seed: 2, startMs: START, durationSec: DAY, operations: 'none' });
    for (const b of replay.batches()) for (const s of b.samples) if (s.tagId.endsWith('/running')) assert.equal(s.value, true);
    assert.throws(() => new PlantReplay({ seed: 1, startMs: START, durationSec: 60, stepSec: 0 }), /stepSec must be > 0/);
    assert.throws(() => new PlantReplay({ seed: 1, startMs: START, durationSec: 0 }), /durationSec must be > 0/);
  });
});
