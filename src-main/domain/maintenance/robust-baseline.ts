// The "normal" level of a signal and its noise: learned robustly (median/MAD) during a warm-up, then followed
// slowly (EWMA of level with clipped residuals, EW variance of in-band residuals only), so a developing fault is
// not learned as normal and does not widen the band.
import { median, robustSigma } from './robust-stats.js';

export interface BaselineSettings {
  /** Points (after downsampling) used to learn the first baseline. */
  warmupPoints: number;
  /** Weight of each new point in the slow EWMA (e.g. bucket width / 2 h). */
  alpha: number;
  /** Residuals are clipped to this many sigmas before updating, so outliers and drifts move it little. */
  clipSigmas: number;
}

export interface BaselineState {
  warmedUp: boolean;
  level: number;
  sigma: number;
}

export interface RobustBaseline {
  /**
   * Adds a point; returns its standardised residual (z) against the baseline before the update, or null in warm-up.
   * `extraSigma`: known systematic uncertainty of this point (e.g. of a load compensation): residuals within twice
   * it count as zero.
   */
  add(value: number, extraSigma?: number): number | null;
  state(): BaselineState;
  /** Points held (warm-up only), to show memory stays bounded. */
  heldPoints(): number;
}

export function createRobustBaseline(settings: BaselineSettings): RobustBaseline {
  let warmup: number[] = [];
  let level = Number.NaN;
  let variance = 0;
  let sigmaFloor = 0;
  let warmedUp = false;

  function sigma(): number {
    return Math.max(Math.sqrt(variance), sigmaFloor);
  }

  return {
    add(value, extraSigma = 0) {
      if (!warmedUp) {
        warmup.push(value);
        if (warmup.length >= settings.warmupPoints) {
          level = median(warmup);
          const s = robustSigma(warmup, level);
          variance = s * s;
          // A perfectly flat warm-up (simulators, quantised sensors) must not make every later wiggle "infinite".
          sigmaFloor = Math.max(0.5 * s, 1e-3 * Math.abs(level), 1e-9);
          warmup = [];
          warmedUp = true;
        }
        return null;
      }
      const s = sigma();
      const residual = value - level;
      // A known systematic uncertainty (a learned gain's error persists, it does not average out) is a dead zone.
      const beyond = Math.max(0, Math.abs(residual) - 2 * extraSigma);
      const z = (Math.sign(residual) * beyond) / s;
      const bound = settings.clipSigmas * s;
      level += settings.alpha * Math.max(-bound, Math.min(bound, residual));
      // Noise is learned only from in-band points: a drift or outlier must not widen the band it is judged by.
      if (Math.abs(residual) <= bound) variance = (1 - settings.alpha) * variance + settings.alpha * residual * residual;
      return z;
    },
    state: () => ({ warmedUp, level, sigma: warmedUp ? sigma() : Number.NaN }),
    heldPoints: () => warmup.length,
  };
}
