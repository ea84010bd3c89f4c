// Geometry of the analog bar indicator: where the value and the alarm limits sit on the EURange (0…100 %).
import type { AlarmLimits, EuRange } from '../../src-main/contract/index.js';

export interface BarMark {
  level: 'HH' | 'H' | 'L' | 'LL';
  value: number;
  pct: number;
}

export interface BarGeometry {
  /** Position of the value, clamped to the bar. */
  valuePct: number;
  /** The value is outside the EURange (drawn at the end with an overflow marker). */
  overRange: boolean;
  underRange: boolean;
  marks: BarMark[];
  /** The region between L and H (or the whole bar) where the value should normally sit. */
  normalFromPct: number;
  normalToPct: number;
}

export function toPct(value: number, range: EuRange): number {
  const span = range.high - range.low;
  if (!(span > 0)) return 0;
  return Math.min(100, Math.max(0, ((value - range.low) / span) * 100));
}

/** A range to draw against: the EURange, else one derived from the limits and the value. */
export function effectiveRange(euRange: EuRange | null, limits: AlarmLimits | null, value: number | null): EuRange | null {
  if (euRange && euRange.high > euRange.low) return euRange;
  const pts = [limits?.LL, limits?.L, limits?.H, limits?.HH, value ?? undefined].filter(
    (n): n is number => typeof n === 'number' && Number.isFinite(n),
  );
  if (pts.length === 0) return null;
  let low = Math.min(...pts, 0);
  let high = Math.max(...pts);
  if (high <= low) high = low + 1;
  const pad = (high - low) * 0.1;
  low = low === 0 ? 0 : low - pad;
  high += pad;
  return { low, high };
}

export function barGeometry(value: number | null, range: EuRange, limits: AlarmLimits | null): BarGeometry {
  const marks: BarMark[] = [];
  for (const level of ['LL', 'L', 'H', 'HH'] as const) {
    const v = limits?.[level];
    if (typeof v === 'number' && Number.isFinite(v)) marks.push({ level, value: v, pct: toPct(v, range) });
  }
  const lowLimit = limits?.L ?? limits?.LL;
  const highLimit = limits?.H ?? limits?.HH;
  return {
    valuePct: value === null ? 0 : toPct(value, range),
    overRange: value !== null && value > range.high,
    underRange: value !== null && value < range.low,
    marks,
    normalFromPct: lowLimit !== undefined ? toPct(lowLimit, range) : 0,
    normalToPct: highLimit !== undefined ? toPct(highLimit, range) : 100,
  };
}

/** Which limit the value is beyond, the worst one first; null inside the limits. */
export function limitViolated(value: number, limits: AlarmLimits | null): 'HH' | 'H' | 'L' | 'LL' | null {
  if (!limits) return null;
  if (limits.HH !== undefined && value >= limits.HH) return 'HH';
  if (limits.LL !== undefined && value <= limits.LL) return 'LL';
  if (limits.H !== undefined && value >= limits.H) return 'H';
  if (limits.L !== undefined && value <= limits.L) return 'L';
  return null;
}
