// Small building blocks of believable process signals.
import { gaussian, type Random } from './prng.js';

/** First-order lag, discretised exactly so it stays stable for any step (time-scaled runs take large steps). */
export function lag(current: number, target: number, tauSec: number, dtSec: number): number {
  if (tauSec <= 0) return target;
  return target + (current - target) * Math.exp(-dtSec / tauSec);
}

export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/**
 * Mean-reverting random walk (Ornstein–Uhlenbeck): wanders like a real demand but never drifts away for good.
 * `sigma` is the stationary standard deviation.
 */
export class RandomWalk {
  value = 0;
  constructor(
    private readonly rand: Random,
    private readonly sigma: number,
    private readonly tauSec: number,
  ) {}

  step(dtSec: number): number {
    const decay = Math.exp(-dtSec / this.tauSec);
    this.value = this.value * decay + this.sigma * Math.sqrt(1 - decay * decay) * gaussian(this.rand);
    return this.value;
  }
}

/** Slow daily-like load cycle: a sinusoid of the plant time (seconds since simulator start). */
export function cycle(plantSec: number, periodSec: number, amplitude: number, phase = 0): number {
  return amplitude * Math.sin((2 * Math.PI * plantSec) / periodSec + phase);
}

/** Measurement noise with a given standard deviation. */
export function noise(rand: Random, sigma: number): number {
  return sigma * gaussian(rand);
}
