// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013) for live buffers: keeps the visual shape
// (peaks, dips) with far fewer points. Returns the kept indices so every column can be picked alike.
// Null values are gaps: the first null of each gap is kept so the chart still shows the break.

export function lttbIndices(t: readonly number[], v: readonly (number | null)[], threshold: number): number[] {
  const n = t.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const dense: number[] = [];
  const gaps: number[] = [];
  for (let i = 0; i < n; i++) {
    if (v[i] === null || v[i] === undefined) {
      if (i === 0 || (v[i - 1] !== null && v[i - 1] !== undefined)) gaps.push(i);
    } else dense.push(i);
  }
  const budget = Math.max(3, threshold - gaps.length);
  const kept = dense.length <= budget ? dense : lttbOver(dense, t, v as readonly number[], budget);
  return mergeSorted(kept, gaps);
}

function lttbOver(idx: readonly number[], t: readonly number[], v: readonly number[], threshold: number): number[] {
  const n = idx.length;
  const out: number[] = [idx[0]!];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(n, Math.floor((i + 2) * every) + 1);
    let avgT = 0;
    let avgV = 0;
    const nextLen = Math.max(1, nextEnd - nextStart);
    for (let j = nextStart; j < nextEnd; j++) {
      avgT += t[idx[j]!]!;
      avgV += v[idx[j]!]!;
    }
    avgT /= nextLen;
    avgV /= nextLen;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const aT = t[idx[a]!]!;
    const aV = v[idx[a]!]!;
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((aT - avgT) * (v[idx[j]!]! - aV) - (aT - t[idx[j]!]!) * (avgV - aV));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out.push(idx[chosen]!);
    a = chosen;
  }
  out.push(idx[n - 1]!);
  return out;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
