import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketAverages, bucketIndex, bucketWidth, lttb, type ColumnarSeries } from '../../../src-main/domain/downsample.js';

function ramp(n: number, f: (i: number) => number | null = (i) => Math.sin(i / 50)): ColumnarSeries {
  const t: number[] = [];
  const v: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    t.push(1_000_000 + i * 1000);
    v.push(f(i));
  }
  return { t, v };
}

describe('lttb', () => {
  it('keeps the first and the last point', () => {
    const s = ramp(10_000);
    const out = lttb(s, 100);
    assert.equal(out.t[0], s.t[0]);
    assert.equal(out.v[0], s.v[0]);
    assert.equal(out.t.at(-1), s.t.at(-1));
    assert.equal(out.v.at(-1), s.v.at(-1));
  });

  it('returns exactly n points in time order when the input is longer', () => {
    for (const n of [3, 7, 100, 999]) {
      const out = lttb(ramp(5_000), n);
      assert.equal(out.t.length, n);
      assert.equal(out.v.length, n);
      for (let i = 1; i < out.t.length; i++) assert.ok((out.t[i] as number) > (out.t[i - 1] as number));
    }
  });

  it('picks the peak of a one-sample spike', () => {
    const s = ramp(10_000, (i) => (i === 4321 ? 500 : 10));
    const out = lttb(s, 50);
    assert.ok(out.v.includes(500), 'the spike survives downsampling');
    assert.ok(out.t.includes(s.t[4321] as number));
  });

  it('returns the input unchanged when n is at least the input length', () => {
    const s = ramp(20);
    assert.deepEqual(lttb(s, 20), s);
    assert.deepEqual(lttb(s, 1000), s);
    assert.deepEqual(lttb({ t: [], v: [] }, 10), { t: [], v: [] });
  });

  it('handles tiny thresholds', () => {
    const s = ramp(100);
    assert.deepEqual(lttb(s, 2).t, [s.t[0], s.t[99]]);
    assert.equal(lttb(s, 1).t.length, 1);
    assert.equal(lttb(s, 0).t.length, 0);
  });

  it('prefers numbers over nulls and keeps a null for a bucket of gaps only', () => {
    // first half numbers, then a long gap, then numbers again
    const s = ramp(3_000, (i) => (i >= 1000 && i < 2000 ? null : i % 7));
    const out = lttb(s, 30);
    assert.equal(out.t.length, 30);
    assert.ok(out.v.some((x) => x === null), 'the gap is still visible');
    const numbers = out.v.filter((x) => x !== null);
    assert.ok(numbers.length >= 18);
  });

  it('never picks a null where the bucket has a number', () => {
    const s = ramp(1_000, (i) => (i % 2 === 0 ? null : i));
    const out = lttb(s, 10);
    assert.deepEqual(
      out.v.slice(1, -1).filter((x) => x === null),
      [],
    );
  });
});

describe('bucketing', () => {
  it('chooses a width that yields at most `points` buckets over [from, to]', () => {
    const from = 0;
    const to = 86_400_000 - 1;
    const w = bucketWidth(from, to, 1000);
    assert.equal(w, 86_400);
    assert.equal(bucketIndex(to, from, w), 999);
    assert.ok(bucketIndex(to, from, bucketWidth(from, to, 7)) < 7);
    assert.equal(bucketWidth(10, 10, 100), 1);
  });

  it('averages per bucket and keeps min and max of each bucket', () => {
    const s = ramp(1000, (i) => (i === 555 ? 99 : i === 556 ? -99 : 1));
    const from = s.t[0] as number;
    const to = s.t.at(-1) as number;
    const out = bucketAverages(s, from, to, 10);
    assert.ok(out.t.length <= 10);
    assert.equal(out.count.reduce((a, b) => a + b, 0), 1000);
    assert.ok(out.max.includes(99));
    assert.ok(out.min.includes(-99));
    assert.equal(out.v[0], 1);
  });

  it('treats nulls as non-numeric: counted but not averaged', () => {
    const out = bucketAverages({ t: [0, 1, 2, 3], v: [null, 2, null, 4] }, 0, 3, 1);
    assert.deepEqual(out, { t: [0], v: [3], min: [2], max: [4], count: [4] });
    const gaps = bucketAverages({ t: [0, 1], v: [null, null] }, 0, 1, 1);
    assert.deepEqual(gaps.v, [null]);
  });

  it('skips samples outside the range and empty buckets', () => {
    const out = bucketAverages({ t: [-5, 0, 90, 200], v: [1, 2, 3, 4] }, 0, 99, 10);
    assert.deepEqual(out.t, [0, 90]);
    assert.deepEqual(out.v, [2, 3]);
  });
});
