// Columnar series → the row objects recharts wants, built only at the chart. Series sampled at different
// times share one x axis: a row holds the values known at its time; cells between a series' own points are
// filled by linear interpolation (what the line draws anyway), so real gaps (null) stay gaps.
import type { Series } from './series.js';

export interface ChartRow {
  t: number;
  [key: string]: number | [number, number] | null | undefined;
}

export interface KeyedSeries {
  key: string;
  series: Series;
}

export function bandKey(key: string): string {
  return `${key}__band`;
}

export function toRows(list: readonly KeyedSeries[]): ChartRow[] {
  const times = new Set<number>();
  for (const { series } of list) for (const t of series.t) times.add(t);
  const sorted = [...times].sort((a, b) => a - b);
  const rows: ChartRow[] = sorted.map((t) => ({ t }));
  for (const { key, series } of list) fillColumn(rows, key, series);
  return rows;
}

function fillColumn(rows: ChartRow[], key: string, s: Series): void {
  const n = s.t.length;
  if (n === 0) return;
  const hasBand = s.min !== undefined && s.max !== undefined;
  const bk = bandKey(key);
  let j = 0;
  for (const row of rows) {
    const t = row.t;
    if (t < s.t[0]! || t > s.t[n - 1]!) continue;
    while (j < n - 1 && s.t[j + 1]! <= t) j++;
    if (s.t[j] === t) {
      row[key] = s.v[j] ?? null;
      if (hasBand) row[bk] = band(s.min![j] ?? null, s.max![j] ?? null);
      continue;
    }
    // Between point j and j+1 of this series.
    const t0 = s.t[j]!;
    const t1 = s.t[j + 1]!;
    const f = (t - t0) / (t1 - t0);
    row[key] = lerp(s.v[j] ?? null, s.v[j + 1] ?? null, f);
    if (hasBand) {
      const lo = lerp(s.min![j] ?? null, s.min![j + 1] ?? null, f);
      const hi = lerp(s.max![j] ?? null, s.max![j + 1] ?? null, f);
      row[bk] = band(lo, hi);
    }
  }
}

function lerp(a: number | null, b: number | null, f: number): number | null {
  if (a === null || b === null) return null;
  return a + (b - a) * f;
}

function band(lo: number | null, hi: number | null): [number, number] | null {
  if (lo === null || hi === null) return null;
  return lo <= hi ? [lo, hi] : [hi, lo];
}
