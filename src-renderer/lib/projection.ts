// The "why" chart of a maintenance flag: the straight-line projection from the current value to the limit.
import type { FlagEvidence } from '../../src-main/contract/index.js';

export interface ProjectionPoint {
  t: number;
  v: number;
}

const HOUR = 3_600_000;

/**
 * From (`anchorTs`, current) along `slopePerHour`, to the limit ETA when there is one, else over `horizonMs`.
 * Returns [] when the slope is zero or not a number (nothing to project).
 */
export function projectionLine(ev: FlagEvidence, anchorTs: number, limitEta: number | null, horizonMs: number): ProjectionPoint[] {
  if (!Number.isFinite(ev.slopePerHour) || ev.slopePerHour === 0 || !Number.isFinite(ev.current)) return [];
  const end = limitEta !== null && limitEta > anchorTs ? limitEta : anchorTs + horizonMs;
  const v = ev.current + (ev.slopePerHour * (end - anchorTs)) / HOUR;
  return [
    { t: anchorTs, v: ev.current },
    { t: end, v: limitEta !== null && limitEta > anchorTs ? ev.limit : v },
  ];
}

/** When the current trend reaches the limit, from the evidence alone; null when moving away or flat. */
export function etaFromEvidence(ev: FlagEvidence, anchorTs: number): number | null {
  const remaining = ev.limit - ev.current;
  if (ev.slopePerHour === 0 || Math.sign(remaining) !== Math.sign(ev.slopePerHour)) return null;
  return anchorTs + (remaining / ev.slopePerHour) * HOUR;
}
