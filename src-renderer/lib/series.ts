// Columnar series for the trend: history from the server plus live samples appended, trimmed to a
// sliding window and capped in size with LTTB. Every function returns a new series (React state stays immutable).
import type { HistorySeries, TagSample, TagValue } from '../../src-main/contract/index.js';
import { lttbIndices } from './lttb.js';

export interface Series {
  t: number[];
  v: (number | null)[];
  min?: (number | null)[];
  max?: (number | null)[];
}

export const emptySeries = (): Series => ({ t: [], v: [] });

/** Only good or uncertain values are drawn; stale and bad samples become gaps so they never pass as live data. */
export function chartValue(value: TagValue, quality: TagSample['quality']): number | null {
  if (quality === 'bad' || quality === 'stale') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

export function fromHistory(h: HistorySeries): Series {
  const s: Series = { t: [...h.t], v: [...h.v] };
  if (h.min && h.max) {
    s.min = [...h.min];
    s.max = [...h.max];
  }
  return s;
}

/** Appends the samples of `tagId` newer than the last point, in time order. */
export function appendSamples(series: Series, samples: readonly TagSample[], tagId: string): Series {
  const last = series.t.length > 0 ? series.t[series.t.length - 1]! : Number.NEGATIVE_INFINITY;
  const fresh = samples.filter((s) => s.tagId === tagId && s.ts > last).sort((a, b) => a.ts - b.ts);
  if (fresh.length === 0) return series;
  const out: Series = { t: series.t.slice(), v: series.v.slice() };
  if (series.min && series.max) {
    out.min = series.min.slice();
    out.max = series.max.slice();
  }
  let prevTs = last;
  for (const s of fresh) {
    if (s.ts === prevTs) continue;
    const y = chartValue(s.value, s.quality);
    out.t.push(s.ts);
    out.v.push(y);
    // A raw live point has no spread: min = max = value keeps the band continuous.
    out.min?.push(y);
    out.max?.push(y);
    prevTs = s.ts;
  }
  return out;
}

function pick(series: Series, keep: (i: number) => boolean): Series {
  const out: Series = { t: [], v: [] };
  const withBand = series.min !== undefined && series.max !== undefined;
  if (withBand) {
    out.min = [];
    out.max = [];
  }
  for (let i = 0; i < series.t.length; i++) {
    if (!keep(i)) continue;
    out.t.push(series.t[i]!);
    out.v.push(series.v[i] ?? null);
    if (withBand) {
      out.min!.push(series.min![i] ?? null);
      out.max!.push(series.max![i] ?? null);
    }
  }
  return out;
}

/** Keeps the points inside [from, to]. */
export function trimWindow(series: Series, from: number, to: number): Series {
  const first = series.t[0];
  const last = series.t[series.t.length - 1];
  if (first === undefined || last === undefined) return series;
  if (first >= from && last <= to) return series;
  return pick(series, (i) => series.t[i]! >= from && series.t[i]! <= to);
}

/** Keeps a series at or below `maxPoints`, letting it grow to 1.5× first so LTTB runs rarely. */
export function capPoints(series: Series, maxPoints: number): Series {
  if (series.t.length <= Math.ceil(maxPoints * 1.5)) return series;
  const keep = new Set(lttbIndices(series.t, series.v, maxPoints));
  return pick(series, (i) => keep.has(i));
}

/** Value range of the series including its band, ignoring gaps; null when empty. */
export function valueExtent(series: Series): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const cols = [series.v, series.min ?? [], series.max ?? []];
  for (const col of cols) {
    for (const y of col) {
      if (y === null || y === undefined) continue;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
