// Load compensation on synthetic signals with known sensitivity, lag and change point: speed steps are not drift,
// a slow drift is, and the learned sensitivity ignores the drift.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../../../src-main/adapters/simulator/model/prng.js';
import { createChannelTracker, type ChannelSettings } from '../../../../src-main/domain/maintenance/channel-tracker.js';
import { createLoadCompensator, REFERENCE_LAGS_SEC, ReferenceLags } from '../../../../src-main/domain/maintenance/load-compensation.js';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2025, 0, 6);

const channel: ChannelSettings = {
  bucketMs: 2 * MIN, warmupPoints: 90, baselineTauMs: 24 * H, clipSigmas: 3, cusumK: 0.5, cusumH: 10, cusumCap: 50,
  windowPoints: 180, minTrendPoints: 45, noiseTauPoints: 15,
};

/** Speed steps every hour between 70 and 90 %; flow = 1.25 × speed + noise (+ a drift from `driftFrom`, −2 m3/h per hour). */
function* pumpFlow(seed: number, hours: number, driftFrom: number | null): Generator<{ ts: number; speed: number; flow: number }> {
  const rand = mulberry32(seed);
  let speed = 80;
  for (let ts = T0; ts < T0 + hours * H; ts += 5000) {
    if ((ts - T0) % H === 0 && ts > T0) speed = 70 + 20 * rand();
    const drift = driftFrom !== null && ts > driftFrom ? (-2 * (ts - driftFrom)) / H : 0;
    yield { ts, speed, flow: 1.25 * speed + drift + (rand() - 0.5) * 2 };
  }
}

describe('load compensation', () => {
  it('learns the sensitivity from steps of the reference while the signal drifts slowly', () => {
    const comp = createLoadCompensator();
    const rand = mulberry32(3);
    let level = 0;
    for (let i = 0; i < 2000; i++) {
      const r = i % 90 < 45 ? 70 : 85;
      level += 0.01; // slow drift: must not be taken for load
      const v = 2 * r + level + (rand() - 0.5);
      comp.learn(T0 + i * 2 * MIN, v, REFERENCE_LAGS_SEC.map(() => r), 2 * MIN);
    }
    comp.setReferencePoint(REFERENCE_LAGS_SEC.map(() => 80));
    assert.ok(Math.abs(comp.state().gain - 2) < 0.05, `gain ${comp.state().gain}`);
    assert.ok(Math.abs(comp.apply(2 * 85 + 5, REFERENCE_LAGS_SEC.map(() => 85)) - (2 * 80 + 5)) < 0.3);
  });

  it('uses no compensation while the reference has not moved (nothing to learn from)', () => {
    const comp = createLoadCompensator();
    for (let i = 0; i < 200; i++) comp.learn(T0 + i * 2 * MIN, 50 + Math.sin(i), REFERENCE_LAGS_SEC.map(() => 80), 2 * MIN);
    assert.equal(comp.state().gain, 0);
  });

  it('picks the lag of a first-order response (a temperature following its load current)', () => {
    const lags = new ReferenceLags();
    const comp = createLoadCompensator();
    const rand = mulberry32(9);
    let temp = 80;
    let current = 100;
    let sums = REFERENCE_LAGS_SEC.map(() => 0);
    let sumT = 0;
    let n = 0;
    for (let ts = T0; ts < T0 + 24 * H; ts += 5000) {
      if ((ts - T0) % (10 * MIN) === 0) current = 60 + 80 * rand();
      temp = 30 + 0.45 * current + (temp - 30 - 0.45 * current) * Math.exp(-5 / 240);
      lags.update(ts, current);
      sums = sums.map((s, k) => s + (lags.values[k] as number));
      sumT += temp;
      n++;
      if (n === 24) {
        comp.learn(ts, sumT / n, sums.map((s) => s / n), 2 * MIN);
        sums = sums.map(() => 0);
        sumT = 0;
        n = 0;
      }
    }
    assert.equal(comp.state().lagSec, 240);
    assert.ok(Math.abs(comp.state().gain - 0.45) < 0.05, `gain ${comp.state().gain}`);
  });
});

describe('channel tracker with a load reference', () => {
  function run(driftFrom: number | null, withReference: boolean) {
    const lags = new ReferenceLags();
    const tracker = createChannelTracker(channel, withReference ? lags : null);
    let firstDrift: number | null = null;
    for (const s of pumpFlow(11, 30, driftFrom)) {
      lags.update(s.ts, s.speed);
      tracker.add(s.ts, s.flow);
      if (firstDrift === null && tracker.snapshot().drift === 'down') firstDrift = s.ts;
    }
    return { firstDrift, snap: tracker.snapshot(), comp: tracker.compensation() };
  }

  it('does not take speed steps for drift once compensated (it does without the reference)', () => {
    assert.equal(run(null, true).firstDrift, null);
    assert.notEqual(run(null, false).firstDrift, null, 'the uncompensated flow jumps with every speed step');
  });

  it('finds a slow drift after a known change point, at the usual operating point', () => {
    const onset = T0 + 12 * H;
    const r = run(onset, true);
    assert.ok(r.firstDrift !== null && r.firstDrift > onset, 'no drift before the change point');
    assert.ok((r.firstDrift as number) - onset < 3 * H, `drift found ${(((r.firstDrift as number) - onset) / H).toFixed(1)} h after onset`);
    assert.ok(r.snap.changePointTs !== null && Math.abs(r.snap.changePointTs - onset) < 2 * H, 'change point near the onset');
    assert.ok(Math.abs((r.comp?.gain ?? 0) - 1.25) < 0.1, `learned gain ${r.comp?.gain}`);
  });
});
