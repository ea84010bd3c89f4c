import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TickClock } from '../../../src-main/adapters/simulator/tick-clock.js';
import { PlantModel } from '../../../src-main/adapters/simulator/model/plant-model.js';

const START = Date.UTC(2026, 0, 15, 8);

/** Drives a TickClock and a real plant model with the given wall times; returns the stamps published. */
function stampsFor(wallOffsets: number[], tickMs = 100, timeScale = 1): number[] {
  const stepSec = (tickMs / 1000) * timeScale;
  const clock = new TickClock(START, stepSec, timeScale, 50);
  const model = new PlantModel({ seed: 42, startMs: START, faults: [] });
  return wallOffsets.map((offset) => {
    const { steps } = clock.next(START + offset);
    for (let i = 0; i < steps; i++) model.step(stepSec);
    return clock.stamp(model.nowMs());
  });
}

function assertStrictlyRising(stamps: number[]): void {
  for (let i = 1; i < stamps.length; i++) {
    assert.ok((stamps[i] as number) > (stamps[i - 1] as number), `stamp ${i} (${stamps[i]}) is not after ${stamps[i - 1]}`);
  }
}

describe('simulator tick clock: every tick is its own plant instant', () => {
  it('advances one step when a timer fires before a whole step is due (no repeated source timestamp)', () => {
    // 100 ms ticks whose phase sits on a step boundary, jittering 1 ms either side: every other tick finds no whole
    // step due. The old code then published without advancing, so two ticks carried one source timestamp.
    const stamps = stampsFor([99, 201, 299, 401, 499, 600]);
    assertStrictlyRising(stamps);
    assert.deepEqual(stamps.map((s) => s - START), [100, 200, 300, 400, 500, 600], 'one step per tick, never ahead by more');
  });

  it('catches up several due steps in one tick and stays aligned with wall time afterwards', () => {
    const stamps = stampsFor([100, 450, 500, 600]);
    assertStrictlyRising(stamps);
    assert.deepEqual(stamps.map((s) => s - START), [100, 400, 500, 600]);
  });

  it('keeps stamps strictly rising when one step is shorter than a millisecond (tiny timeScale)', () => {
    const stamps = stampsFor([10, 20, 30, 40, 50], 10, 0.01); // 0.1 ms of plant time per tick
    assertStrictlyRising(stamps);
  });

  it('caps the model steps of one tick but reports what was due', () => {
    const clock = new TickClock(START, 0.1, 1, 50);
    assert.deepEqual(clock.next(START + 10_000), { steps: 50, due: 100 });
    assert.deepEqual(clock.next(START + 10_050), { steps: 1, due: 1 });
  });
});
