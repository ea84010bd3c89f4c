import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, quantileSorted, robustSigma, selectKth, theilSen } from '../../../../src-main/domain/maintenance/robust-stats.js';
import { mulberry32 } from '../../../../src-main/adapters/simulator/model/prng.js';

describe('robust statistics', () => {
  it('median and interpolated quantiles', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(quantileSorted([0, 10, 20, 30, 40], 0.25), 10);
    assert.ok(Number.isNaN(median([])));
  });

  it('robust sigma estimates the noise and ignores a few outliers', () => {
    const rnd = mulberry32(7);
    const values = Array.from({ length: 2000 }, () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()));
    for (let i = 0; i < 40; i++) values[i * 50] = 1000;
    const s = robustSigma(values);
    assert.ok(s > 0.9 && s < 1.15, `sigma ${s}`);
  });

  it('quickselect finds the same order statistics as sorting', () => {
    const rnd = mulberry32(3);
    for (let n = 1; n < 60; n++) {
      const a = Float64Array.from({ length: n }, () => Math.round(rnd() * 10));
      const sorted = Float64Array.from(a).sort();
      for (let k = 0; k < n; k++) assert.equal(selectKth(Float64Array.from(a), k, 0, n - 1), sorted[k]);
    }
  });

  it('Theil–Sen recovers a slope exactly on a line and resists outliers', () => {
    const t = Array.from({ length: 50 }, (_, i) => i);
    const v = t.map((x) => 2 + 0.5 * x);
    assert.equal(theilSen(t, v)?.slope, 0.5);
    v[10] = 100;
    v[20] = -100;
    v[30] = 55;
    const fit = theilSen(t, v);
    assert.ok(fit && Math.abs(fit.slope - 0.5) < 0.01, `slope ${fit?.slope}`);
    assert.ok(fit.slopeQ25 <= fit.slope && fit.slope <= fit.slopeQ75);
  });

  it('Theil–Sen needs at least three points', () => {
    assert.equal(theilSen([1, 2], [1, 2]), null);
  });
});
