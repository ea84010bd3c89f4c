// Each fault kind's signature in the plant model, against a healthy twin with the same seed: nothing differs before
// onset, the specified signals move after it, and the ground truth names the right limit and crossing time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultGroundTruth, faultProblem, type FaultSchedule } from '../../../src-main/adapters/simulator/model/faults.js';
import { PlantModel } from '../../../src-main/adapters/simulator/model/plant-model.js';

const ONSET = 3600;

interface Stats {
  mean: number;
  sd: number;
  /** Standard deviation of second-to-second changes: noise, not the slow process swings. */
  roughness: number;
  values: number[];
}

/** Steps both models `seconds` at 1 s and collects one key from each. */
function collect(models: PlantModel[], key: string, seconds: number): Stats[] {
  const xs: number[][] = models.map(() => []);
  for (let i = 0; i < seconds; i++) {
    models.forEach((m, j) => {
      m.step(1);
      xs[j]?.push(m.read(key) as number);
    });
  }
  return xs.map((values) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    const diffs = values.slice(1).map((v, i) => v - (values[i] as number));
    const roughness = Math.sqrt(diffs.reduce((a, b) => a + b * b, 0) / Math.max(1, diffs.length));
    return { mean, sd, roughness, values };
  });
}

function advance(models: PlantModel[], toSec: number): void {
  for (const m of models) while (m.elapsedSec < toSec - 1e-9) m.step(Math.min(1, toSec - m.elapsedSec));
}

function twins(fault: FaultSchedule, seed = 11): [PlantModel, PlantModel] {
  return [new PlantModel({ seed, startMs: 0, faults: [fault] }), new PlantModel({ seed, startMs: 0, faults: [] })];
}

/** Before onset the faulty model is the healthy one, value for value. */
function assertIdenticalUntilOnset(faulty: PlantModel, healthy: PlantModel): void {
  advance([faulty, healthy], ONSET - 60);
  assert.deepEqual(faulty.values(), healthy.values(), 'no trace of the fault before onset');
}

describe('cavitation on pump-101', () => {
  const fault: FaultSchedule = { asset: 'pump-101', kind: 'cavitation', onsetAfterSec: ONSET, rampSec: 4 * 3600 };

  it('cuts and roughens flow and head, adds broadband vibration, lowers current only slightly', () => {
    const [f, h] = twins(fault);
    assertIdenticalUntilOnset(f, h);
    advance([f, h], ONSET + 0.6 * fault.rampSec);
    const [flowF, flowH] = collect([f, h], 'pump-101.flow', 600);
    const [presF, presH] = collect([f, h], 'pump-101.discharge-pressure', 600);
    const [vibF, vibH] = collect([f, h], 'pump-101.vibration', 600);
    const [curF, curH] = collect([f, h], 'pump-101.motor-current', 600);
    assert.ok(flowF!.mean < 0.85 * flowH!.mean, `flow falls (${flowF!.mean} vs ${flowH!.mean})`);
    assert.ok(flowF!.roughness > 2 * flowH!.roughness, 'and gets noisy');
    assert.ok(presF!.mean < presH!.mean && presF!.roughness > 2 * presH!.roughness, 'discharge pressure falls and fluctuates');
    assert.ok(vibF!.roughness > 2 * vibH!.roughness, 'vibration variance (broadband noise) rises');
    assert.ok(Math.abs(vibF!.mean - vibH!.mean) < 0.2, 'while its level barely moves');
    assert.ok(curF!.mean < curH!.mean && curF!.mean > 0.85 * curH!.mean, `current slightly down (${curF!.mean} vs ${curH!.mean})`);
  });

  it('states the low-flow limit (40 m3/h) as ground truth, crossed at the end of the ramp', () => {
    const t = faultGroundTruth(fault, 1_000_000);
    assert.equal(t.signal, 'flow');
    assert.deepEqual(t.limit, { alarm: 'L', level: 40, direction: 'below' });
    assert.equal(t.onsetMs, 1_000_000 + ONSET * 1000);
    assert.equal(t.expectedLimitMs, t.onsetMs + fault.rampSec * 1000);
    const [f] = twins(fault);
    advance([f], ONSET + fault.rampSec - 1800);
    const [around] = collect([f], 'pump-101.flow', 3600);
    assert.ok(around!.mean > 35 && around!.mean < 55, `flow is near its low limit around the expected crossing (${around!.mean})`);
  });
});

describe('fouling on compressor-201', () => {
  const fault: FaultSchedule = { asset: 'compressor-201', kind: 'fouling', onsetAfterSec: ONSET, rampSec: 10 * 3600 };

  it('creeps discharge temperature and current up while pressure holds', () => {
    const [f, h] = twins(fault);
    assertIdenticalUntilOnset(f, h);
    advance([f, h], ONSET + 0.3 * fault.rampSec);
    const [t1F, t1H] = collect([f, h], 'compressor-201.discharge-temperature', 1800);
    advance([f, h], ONSET + 0.7 * fault.rampSec);
    const [t2F, t2H] = collect([f, h], 'compressor-201.discharge-temperature', 1800);
    const [cF, cH] = collect([f, h], 'compressor-201.motor-current', 1800);
    const [pF, pH] = collect([f, h], 'compressor-201.discharge-pressure', 1800);
    const rise1 = t1F!.mean - t1H!.mean;
    const rise2 = t2F!.mean - t2H!.mean;
    assert.ok(rise1 > 2 && rise2 > 2 * rise1, `temperature creeps up steadily (${rise1}, ${rise2})`);
    assert.ok(cF!.mean > cH!.mean + 2, 'current creeps up');
    assert.ok(Math.abs(pF!.mean - pH!.mean) < 0.1, 'pressure holds');
  });

  it('states the 105 degC discharge temperature limit, reached by the one-minute peaks at the end of the ramp', () => {
    const t = faultGroundTruth(fault, 0);
    assert.deepEqual(t.limit, { alarm: 'H', level: 105, direction: 'above' });
    assert.equal(t.expectedLimitMs, (ONSET + fault.rampSec) * 1000);
    const [f] = twins(fault);
    advance([f], ONSET + fault.rampSec - 3 * 3600);
    const [early] = collect([f], 'compressor-201.discharge-temperature', 3600);
    assert.ok(Math.max(...early!.values) < 105, 'not yet at the limit three hours before');
    advance([f], ONSET + fault.rampSec + 3600);
    const [late] = collect([f], 'compressor-201.discharge-temperature', 3600);
    assert.ok(Math.max(...late!.values) > 105, 'past it after the expected crossing');
  });
});

describe('sensor-drift on pump-101 bearing-temperature', () => {
  const fault: FaultSchedule = { asset: 'pump-101', kind: 'sensor-drift', onsetAfterSec: ONSET, rampSec: 8 * 3600 };

  it('walks the reported value linearly away from the truth while the related signals stay exactly as healthy', () => {
    const [f, h] = twins(fault);
    assertIdenticalUntilOnset(f, h);
    advance([f, h], ONSET + 0.25 * fault.rampSec);
    const off1 = (f.read('pump-101.bearing-temperature') as number) - (f.trueValue('pump-101.bearing-temperature') as number);
    advance([f, h], ONSET + 0.5 * fault.rampSec);
    const off2 = (f.read('pump-101.bearing-temperature') as number) - (f.trueValue('pump-101.bearing-temperature') as number);
    assert.ok(off1 > 3, `offset after a quarter of the ramp (${off1})`);
    assert.ok(Math.abs(off2 / off1 - 2) < 1e-6, 'linear in time');
    for (const key of ['pump-101.vibration', 'pump-101.motor-current', 'pump-101.flow']) assert.equal(f.read(key), h.read(key), `${key} untouched`);
    assert.equal(f.trueValue('pump-101.bearing-temperature'), h.read('pump-101.bearing-temperature'), 'the bearing itself is fine');
  });

  it('drifts to its H limit (80 degC) at the end of the ramp', () => {
    const t = faultGroundTruth(fault, 0);
    assert.equal(t.signal, 'bearing-temperature');
    assert.deepEqual(t.limit, { alarm: 'H', level: 80, direction: 'above' });
    assert.equal(t.expectedLimitMs, (ONSET + fault.rampSec) * 1000);
    const [f] = twins(fault);
    advance([f], ONSET + fault.rampSec - 1800);
    const [around] = collect([f], 'pump-101.bearing-temperature', 3600);
    assert.ok(around!.mean > 72 && around!.mean < 82, `near 80 degC around the expected crossing (${around!.mean})`);
  });
});

describe('stuck-sensor on compressor-201 discharge-pressure', () => {
  const fault: FaultSchedule = { asset: 'compressor-201', kind: 'stuck-sensor', onsetAfterSec: ONSET, rampSec: 0 };

  it('freezes the reported value (exact repeats) while the process keeps moving', () => {
    const [f, h] = twins(fault);
    assertIdenticalUntilOnset(f, h);
    advance([f, h], ONSET + 10);
    const [stuck] = collect([f], 'compressor-201.discharge-pressure', 600);
    const [live] = collect([h], 'compressor-201.discharge-pressure', 600);
    assert.equal(new Set(stuck!.values).size, 1, 'one value, repeated exactly');
    assert.ok(stuck!.sd < 1e-9, 'zero variance');
    assert.ok(live!.sd > 0.01, 'the true header pressure still moves');
    assert.equal(f.read('compressor-201.motor-current'), h.read('compressor-201.motor-current'), 'the compressor itself is untouched');
  });

  it('has no limit: ground truth gives the onset only', () => {
    const t = faultGroundTruth(fault, 0);
    assert.equal(t.signal, 'discharge-pressure');
    assert.equal(t.limit, null);
    assert.equal(t.expectedLimitMs, null);
    assert.equal(t.onsetMs, ONSET * 1000);
  });
});

describe('bearing-wear ground truth', () => {
  it('expects the 7.1 mm/s vibration alert well before the 11 mm/s trip at the end of the ramp', () => {
    const fault: FaultSchedule = { asset: 'pump-101', kind: 'bearing-wear', onsetAfterSec: ONSET, rampSec: 6 * 3600 };
    const t = faultGroundTruth(fault, 0);
    assert.deepEqual(t.limit, { alarm: 'H', level: 7.1, direction: 'above' });
    assert.equal(t.expectedTripMs, (ONSET + fault.rampSec) * 1000);
    const limitSec = (t.expectedLimitMs ?? 0) / 1000;
    assert.ok(limitSec > ONSET + 0.6 * fault.rampSec && limitSec < ONSET + 0.8 * fault.rampSec);
    const [f] = twins(fault);
    advance([f], limitSec - 300);
    const [around] = collect([f], 'pump-101.vibration', 600);
    assert.ok(Math.abs(around!.mean - 7.1) < 0.3, `vibration is at 7.1 mm/s at the expected crossing (${around!.mean})`);
  });
});

describe('fault schedule validation', () => {
  const base = { onsetAfterSec: 60, rampSec: 600 };
  it('names what is wrong', () => {
    assert.match(faultProblem({ ...base, asset: 'tank-301', kind: 'fouling' })?.message ?? '', /not supported on asset 'tank-301' \(supported: compressor-201\)/);
    assert.match(faultProblem({ ...base, asset: 'pump-101', kind: 'stuck-sensor', signal: 'running' })?.message ?? '', /analog measurement/);
    assert.match(faultProblem({ ...base, asset: 'tank-301', kind: 'sensor-drift', signal: 'outflow' })?.message ?? '', /H or L alarm limit/);
    assert.match(faultProblem({ ...base, asset: 'pump-101', kind: 'cavitation', signal: 'vibration' })?.message ?? '', /leave out 'signal'/);
    assert.match(faultProblem({ ...base, asset: 'pump-101', kind: 'cavitation', rampSec: 0 })?.message ?? '', /rampSec must be a number > 0/);
    assert.equal(faultProblem({ ...base, asset: 'pump-101', kind: 'stuck-sensor', rampSec: 0 }), null, 'a stuck sensor needs no ramp');
    assert.throws(() => new PlantModel({ seed: 1, startMs: 0, faults: [{ ...base, asset: 'pump-101', kind: 'melting' as never }] }), /unknown fault kind 'melting'/);
  });
});
