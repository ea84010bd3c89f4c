// A seeded day-to-day operating pattern for replays: setpoint moves, short stops and restarts, so a healthy plant
// looks like a real one (and a false-flag rate measured on it means something).
import { mulberry32, type Random } from '../model/prng.js';

export interface OperatingChange {
  /** Plant seconds after the replay start. */
  atSec: number;
  /** `<asset>.<signal>` of a writable setpoint or command. */
  key: string;
  value: number | boolean;
}

interface Pattern {
  setpointKey: string;
  /** Setpoint range around the nominal operating point. */
  low: number;
  high: number;
  /** Hours between setpoint moves. */
  moveEveryHours: [number, number];
  runningKey: string | null;
  /** Hours between stops, and minutes a stop lasts. */
  stopEveryHours: [number, number];
  stopMinutes: [number, number];
}

const PATTERNS: Pattern[] = [
  { setpointKey: 'pump-101.speed-setpoint', low: 72, high: 88, moveEveryHours: [3, 10], runningKey: 'pump-101.running', stopEveryHours: [24, 72], stopMinutes: [15, 90] },
  { setpointKey: 'compressor-201.pressure-setpoint', low: 6.6, high: 7.4, moveEveryHours: [4, 16], runningKey: 'compressor-201.running', stopEveryHours: [48, 96], stopMinutes: [20, 60] },
  { setpointKey: 'tank-301.level-setpoint', low: 40, high: 60, moveEveryHours: [2, 8], runningKey: null, stopEveryHours: [0, 0], stopMinutes: [0, 0] },
  { setpointKey: 'conveyor-401.speed-setpoint', low: 1.2, high: 1.8, moveEveryHours: [2, 6], runningKey: 'conveyor-401.running', stopEveryHours: [4, 12], stopMinutes: [10, 40] },
];

const between = (rand: Random, [lo, hi]: [number, number]): number => lo + (hi - lo) * rand();

/** Every change in `durationSec`, ordered by time; the same seed gives the same pattern. */
export function seededOperatingSchedule(seed: number, durationSec: number): OperatingChange[] {
  const rand = mulberry32((seed ^ 0x0be7a7e) >>> 0);
  const out: OperatingChange[] = [];
  for (const p of PATTERNS) {
    for (let t = between(rand, p.moveEveryHours) * 3600; t < durationSec; t += between(rand, p.moveEveryHours) * 3600) {
      const value = Math.round((p.low + (p.high - p.low) * rand()) * 100) / 100;
      out.push({ atSec: Math.round(t), key: p.setpointKey, value });
    }
    if (!p.runningKey) continue;
    for (let t = between(rand, p.stopEveryHours) * 3600; t < durationSec; t += between(rand, p.stopEveryHours) * 3600) {
      const stopSec = Math.round(between(rand, p.stopMinutes) * 60);
      out.push({ atSec: Math.round(t), key: p.runningKey, value: false });
      out.push({ atSec: Math.round(t) + stopSec, key: p.runningKey, value: true });
      t += stopSec;
    }
  }
  return out.sort((a, b) => a.atSec - b.atSec);
}
