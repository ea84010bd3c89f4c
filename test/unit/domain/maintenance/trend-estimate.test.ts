import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTrend, projectToLimit } from '../../../../src-main/domain/maintenance/trend-estimate.js';
import { mulberry32 } from '../../../../src-main/adapters/simulator/model/prng.js';

const HOUR = 3_600_000;
const STEP = 15_000;

function series(n: number, f: (hours: number) => number, noise = 0, seed = 1): { t: number[]; v: number[] } {
  const rnd = mulberry32(seed);
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    t.push(1_000_000_000 + i * STEP);
    v.push(f((i * STEP) / HOUR) + noise * (rnd() - 0.5) * 2);
  }
  return { t, v };
}

describe('trend estimate and time to limit', () => {
  it('a steady ramp gives its rate and the time it needs to reach the limit', () => {
    const { t, v } = series(120, (h) => 3 + 2 * h); // 2 units per hour
    const trend = estimateTrend(t, v, 40);
    assert.ok(trend);
    assert.ok(Math.abs(trend.ratePerHour - 2) < 1e-9);
    assert.ok(trend.risingConsistently);
    const p = projectToLimit(trend, trend.level + 2, 7 * 24 * HOUR);
    assert.ok(p);
    assert.ok(Math.abs(p.eta - trend.at - HOUR) < 60_000, 'one hour to climb 2 units at 2 per hour');
    assert.ok(p.earliest <= p.eta && p.eta <= p.latest);
  });

  it('an accelerating rise: the range reaches from "keeps accelerating" to "slows down" around the true time', () => {
    // Quadratic: x = 2 + 4·h². At the end of a 30-min window (h = 0.5) it is 3; it reaches 7.1 at h ≈ 1.012.
    const { t, v } = series(121, (h) => 2 + 4 * h * h);
    const trend = estimateTrend(t, v, 40);
    assert.ok(trend && trend.accelerationPerHour2 > 7 && trend.accelerationPerHour2 < 9);
    const p = projectToLimit(trend, 7.1, 7 * 24 * HOUR);
    assert.ok(p);
    const trueTime = trend.at + (Math.sqrt(5.1 / 4) - 0.5) * HOUR;
    assert.ok(p.earliest <= trueTime && trueTime <= p.latest, 'true crossing inside the range');
  });

  it('a level step is not a consistent rise (a load change is not wear)', () => {
    for (const at of [0.3, 0.5, 0.6, 0.75]) {
      const { t, v } = series(120, (h) => (h >= at * 0.5 ? 3 : 2.5), 0.05, 9);
      const trend = estimateTrend(t, v, 40);
      assert.equal(trend?.risingConsistently, false, `step at ${at} of the window`);
    }
  });

  it('flat noise is not rising and projects no limit when the rate is not positive', () => {
    const { t, v } = series(120, () => 2.5, 0.3, 4);
    const trend = estimateTrend(t, v, 40);
    assert.ok(trend);
    assert.equal(trend.risingConsistently, false);
    const flat = { ...trend, ratePerHour: 0 };
    assert.equal(projectToLimit(flat, 7.1, HOUR), null);
  });

  it('a level already over the limit projects "now"', () => {
    const { t, v } = series(60, (h) => 8 + h);
    const trend = estimateTrend(t, v, 40);
    assert.ok(trend);
    assert.deepEqual(projectToLimit(trend, 7.1, HOUR), { eta: trend.at, earliest: trend.at, latest: trend.at });
  });

  it('says nothing with too few points', () => {
    const { t, v } = series(20, (h) => h);
    assert.equal(estimateTrend(t, v, 40), null);
  });
});
