import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TagSample } from '../../../src-main/contract/index.js';
import { appendSamples, capPoints, chartValue, fromHistory, trimWindow, valueExtent, type Series } from '../../../src-renderer/lib/series.js';
import { lttbIndices } from '../../../src-renderer/lib/lttb.js';
import { bandKey, toRows } from '../../../src-renderer/lib/chart-rows.js';

const tag = 'site/area/pump/flow';
const sample = (ts: number, value: number, quality: TagSample['quality'] = 'good', tagId = tag): TagSample => ({ tagId, ts, value, quality });

describe('live samples merged into a trend series', () => {
  it('appends only newer samples of its own tag, in time order', () => {
    const s: Series = { t: [1000, 2000], v: [1, 2] };
    const out = appendSamples(s, [sample(4000, 4), sample(1500, 9), sample(3000, 3), sample(5000, 5, 'good', 'other/tag')], tag);
    assert.deepEqual(out.t, [1000, 2000, 3000, 4000]);
    assert.deepEqual(out.v, [1, 2, 3, 4]);
    assert.deepEqual(s.t, [1000, 2000], 'the input series is not mutated');
  });

  it('draws stale and bad samples as gaps, never as live values', () => {
    assert.equal(chartValue(5, 'stale'), null);
    assert.equal(chartValue(5, 'bad'), null);
    assert.equal(chartValue(5, 'uncertain'), 5);
    assert.equal(chartValue(true, 'good'), 1);
    assert.equal(chartValue('text', 'good'), null);
    const out = appendSamples({ t: [], v: [] }, [sample(1, 1), sample(2, 2, 'stale')], tag);
    assert.deepEqual(out.v, [1, null]);
  });

  it('extends the min/max band with the live value itself', () => {
    const s: Series = { t: [1], v: [1], min: [0], max: [2] };
    const out = appendSamples(s, [sample(2, 5)], tag);
    assert.deepEqual(out.min, [0, 5]);
    assert.deepEqual(out.max, [2, 5]);
  });

  it('returns the same series object when nothing new arrived (no re-render)', () => {
    const s: Series = { t: [10], v: [1] };
    assert.equal(appendSamples(s, [sample(5, 1)], tag), s);
  });

  it('copies a columnar history answer, keeping the band only when both min and max exist', () => {
    const h = { tag, mode: 'avg' as const, from: 0, to: 10, rawCount: 100, t: [1, 2], v: [1, 2], min: [0, 1], max: [2, 3] };
    assert.deepEqual(fromHistory(h), { t: [1, 2], v: [1, 2], min: [0, 1], max: [2, 3] });
    assert.equal(fromHistory({ ...h, mode: 'lttb', min: undefined, max: undefined }).min, undefined);
  });
});

describe('sliding window and size cap', () => {
  it('drops points outside the window and keeps band columns aligned', () => {
    const s: Series = { t: [1, 2, 3, 4, 5], v: [1, 2, 3, 4, 5], min: [0, 1, 2, 3, 4], max: [2, 3, 4, 5, 6] };
    const out = trimWindow(s, 2, 4);
    assert.deepEqual(out, { t: [2, 3, 4], v: [2, 3, 4], min: [1, 2, 3], max: [3, 4, 5] });
  });

  it('returns the same object when everything is inside the window', () => {
    const s: Series = { t: [2, 3], v: [1, 1] };
    assert.equal(trimWindow(s, 0, 10), s);
  });

  it('caps a long buffer with LTTB once it exceeds 1.5x the budget', () => {
    const n = 5000;
    const s: Series = { t: Array.from({ length: n }, (_, i) => i), v: Array.from({ length: n }, (_, i) => Math.sin(i / 50)) };
    assert.equal(capPoints({ t: s.t.slice(0, 1400), v: s.v.slice(0, 1400) }, 1000).t.length, 1400);
    const capped = capPoints(s, 1000);
    assert.equal(capped.t.length, 1000);
    assert.equal(capped.t[0], 0);
    assert.equal(capped.t[capped.t.length - 1], n - 1);
  });

  it('reports the value extent including the band and ignoring gaps', () => {
    assert.deepEqual(valueExtent({ t: [1, 2, 3], v: [1, null, 3], min: [0.5, null, 2], max: [1.5, null, 9] }), [0.5, 9]);
    assert.equal(valueExtent({ t: [1], v: [null] }), null);
  });
});

describe('LTTB downsampling', () => {
  it('keeps the first, the last and the extreme points of a spike', () => {
    const t = Array.from({ length: 1000 }, (_, i) => i);
    const v = t.map((i) => (i === 500 ? 100 : 0));
    const idx = lttbIndices(t, v, 20);
    assert.equal(idx.length, 20);
    assert.equal(idx[0], 0);
    assert.equal(idx[idx.length - 1], 999);
    assert.ok(idx.includes(500), 'the spike survives');
  });

  it('keeps gaps visible by keeping the first null of each gap', () => {
    const t = Array.from({ length: 300 }, (_, i) => i);
    const v = t.map((i) => (i >= 100 && i < 150 ? null : i));
    const idx = lttbIndices(t, v, 30);
    assert.ok(idx.includes(100));
    assert.equal(idx.filter((i) => v[i] === null).length, 1);
    assert.deepEqual([...idx].sort((a, b) => a - b), idx, 'indices stay in time order');
  });

  it('returns every index when under the threshold', () => {
    assert.deepEqual(lttbIndices([1, 2, 3], [1, 2, 3], 10), [0, 1, 2]);
  });
});

describe('columnar series to chart rows', () => {
  it('merges timestamps and interpolates between a series own points', () => {
    const rows = toRows([
      { key: 'a', series: { t: [0, 10], v: [0, 10] } },
      { key: 'b', series: { t: [5], v: [50] } },
    ]);
    assert.deepEqual(rows, [
      { t: 0, a: 0 },
      { t: 5, a: 5, b: 50 },
      { t: 10, a: 10 },
    ]);
  });

  it('keeps real gaps as null and emits [min, max] bands', () => {
    const rows = toRows([{ key: 'a', series: { t: [0, 10, 20], v: [1, null, 3], min: [0, null, 2], max: [2, null, 4] } }]);
    assert.equal(rows[1]!['a'], null);
    assert.deepEqual(rows[0]![bandKey('a')], [0, 2]);
    assert.equal(rows[1]![bandKey('a')], null);
  });
});
