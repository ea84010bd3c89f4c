// The pure plant model: deterministic for a seed, physically coherent, and responsive to writes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlantModel } from '../../../src-main/adapters/simulator/model/plant-model.js';
import type { FaultSchedule } from '../../../src-main/adapters/simulator/model/faults.js';

const healthy = (seed = 1) => new PlantModel({ seed, startMs: 0, faults: [] });
const num = (m: PlantModel, key: string) => m.read(key) as number;

function run(m: PlantModel, seconds: number, dt = 1): void {
  for (let t = 0; t < seconds; t += dt) m.step(dt);
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function correlation(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('plant model', () => {
  it('replays exactly the same values for the same seed and steps', () => {
    const a = healthy(123);
    const b = healthy(123);
    for (let i = 0; i < 600; i++) {
      a.step(0.1);
      b.step(0.1);
    }
    assert.deepEqual(a.values(), b.values());
  });

  it('produces different noise for a different seed', () => {
    const a = healthy(1);
    const b = healthy(2);
    run(a, 60);
    run(b, 60);
    assert.notDeepEqual(a.values(), b.values());
  });

  it('gives every signal a value inside its EURange', () => {
    const m = healthy();
    for (let i = 0; i < 100; i++) {
      m.step(30);
      m.signals.forEach((s, k) => {
        const v = m.values()[k];
        if (s.euRange) assert.ok((v as number) >= s.euRange.low && (v as number) <= s.euRange.high, `${s.asset}.${s.name}=${String(v)}`);
        else assert.equal(typeof v, s.dataType === 'Boolean' ? 'boolean' : 'number');
      });
    }
  });

  it('couples pump flow to speed and pressure and current to flow', () => {
    const m = healthy();
    const flow: number[] = [];
    const pressure: number[] = [];
    const current: number[] = [];
    for (const sp of [30, 50, 70, 90, 100, 60, 40]) {
      assert.equal(m.write('pump-101.speed-setpoint', sp), 'Good');
      run(m, 30);
      flow.push(num(m, 'pump-101.flow'));
      pressure.push(num(m, 'pump-101.discharge-pressure'));
      current.push(num(m, 'pump-101.motor-current'));
    }
    assert.ok(correlation(flow, pressure) > 0.95, 'pressure rises with flow');
    assert.ok(correlation(flow.map((f) => f * f), pressure) > 0.98, 'pressure ~ flow²');
    assert.ok(correlation(flow, current) > 0.95, 'current rises with load');
  });

  it('lets the bearing temperature lag behind a load step', () => {
    const m = healthy();
    run(m, 1800);
    const before = num(m, 'pump-101.bearing-temperature');
    m.write('pump-101.speed-setpoint', 100);
    run(m, 30);
    const soon = num(m, 'pump-101.bearing-temperature');
    run(m, 3000);
    const later = num(m, 'pump-101.bearing-temperature');
    assert.ok(soon - before < (later - before) / 3, `temperature rises slowly (${before} → ${soon} → ${later})`);
    assert.ok(later > before + 5);
  });

  it('drops flow, current and vibration to about zero when the pump stops, and lets it cool', () => {
    const m = healthy();
    run(m, 60);
    const hot = num(m, 'pump-101.bearing-temperature');
    assert.equal(m.write('pump-101.running', false), 'Good');
    run(m, 30);
    assert.equal(num(m, 'pump-101.flow'), 0);
    assert.ok(num(m, 'pump-101.motor-current') < 0.01);
    assert.ok(num(m, 'pump-101.vibration') < 0.2);
    run(m, 1800);
    assert.ok(num(m, 'pump-101.bearing-temperature') < hot - 10, 'bearing cools towards ambient');
    m.write('pump-101.running', true);
    run(m, 30);
    assert.ok(num(m, 'pump-101.flow') > 60, 'restart restores flow');
  });

  it('moves the tank level to a new setpoint through the PI loop', () => {
    const m = healthy();
    run(m, 600);
    assert.ok(Math.abs(num(m, 'tank-301.level') - 50) < 5);
    assert.equal(m.write('tank-301.level-setpoint', 70), 'Good');
    run(m, 300);
    assert.ok(num(m, 'tank-301.valve-position') > 50, 'valve opens to fill');
    run(m, 3600);
    assert.ok(Math.abs(num(m, 'tank-301.level') - 70) < 4, `level settles near 70 (${num(m, 'tank-301.level')})`);
  });

  it('stops the conveyor and the compressor on command', () => {
    const m = healthy();
    run(m, 60);
    m.write('conveyor-401.running', false);
    m.write('compressor-201.running', false);
    run(m, 60);
    assert.ok(num(m, 'conveyor-401.speed') < 0.01);
    assert.ok(num(m, 'conveyor-401.motor-current') < 0.01);
    assert.ok(num(m, 'compressor-201.motor-current') < 0.01);
    run(m, 600);
    assert.ok(num(m, 'compressor-201.discharge-pressure') < 5, 'header pressure drains');
  });

  it('refuses bad writes with specific status codes', () => {
    const m = healthy();
    assert.equal(m.write('pump-101.speed-setpoint', 101), 'BadOutOfRange');
    assert.equal(m.write('pump-101.speed-setpoint', -1), 'BadOutOfRange');
    assert.equal(m.write('pump-101.speed-setpoint', Number.NaN), 'BadTypeMismatch');
    assert.equal(m.write('pump-101.speed-setpoint', true), 'BadTypeMismatch');
    assert.equal(m.write('pump-101.running', 1), 'BadTypeMismatch');
    assert.equal(m.write('pump-101.flow', 10), 'BadNotWritable');
    assert.equal(m.write('pump-999.flow', 10), 'BadNodeIdUnknown');
    assert.equal(m.read('pump-101.speed-setpoint'), 80);
  });
});

describe('bearing-wear fault', () => {
  const fault: FaultSchedule = { asset: 'pump-101', kind: 'bearing-wear', onsetAfterSec: 600, rampSec: 3600 };

  it('leaves the pump healthy before onset and drifts up, accelerating, until the trip levels are crossed', () => {
    const m = new PlantModel({ seed: 5, startMs: 1_000_000, faults: [fault] });
    const truth = m.truth();
    assert.equal(truth.kind, 'bearing-wear');
    assert.equal(truth.onsetMs, 1_000_000 + 600_000);
    assert.equal(truth.expectedTripMs, 1_000_000 + 4_200_000);
    const vib = (t: number) => {
      run(m, t - m.elapsedSec);
      // Average a minute of samples so noise does not decide the comparison.
      const xs: number[] = [];
      for (let i = 0; i < 60; i++) {
        m.step(1);
        xs.push(num(m, 'pump-101.vibration'));
      }
      return mean(xs);
    };
    const atOnset = vib(530);
    assert.equal(m.faultActive(), false);
    assert.ok(atOnset < 4, `healthy vibration (${atOnset})`);
    const early = vib(1800);
    assert.equal(m.faultActive(), true);
    const mid = vib(3000);
    const late = vib(3900);
    assert.ok(early > atOnset && mid > early && late > mid, 'vibration rises');
    assert.ok(late - mid > mid - early, 'and accelerates');
    assert.ok(late < 11, 'not yet tripped well before the expected trip');
    const tripVib = vib(4260);
    assert.ok(tripVib > 11, `vibration crosses the 11 mm/s trip level at the expected trip (${tripVib})`);
    assert.ok(num(m, 'pump-101.bearing-temperature') > 95, 'bearing temperature crosses 95 degC');
  });

  it('rejects a fault on an asset that cannot have it', () => {
    assert.throws(() => new PlantModel({ seed: 1, startMs: 0, faults: [{ ...fault, asset: 'tank-301' }] }), /not supported on asset 'tank-301'/);
    assert.throws(() => new PlantModel({ seed: 1, startMs: 0, faults: [{ ...fault, rampSec: 0 }] }), /rampSec/);
  });
});
