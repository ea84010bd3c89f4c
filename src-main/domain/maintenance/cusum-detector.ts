// One-sided (upward) CUSUM on standardised residuals: accumulates evidence that the level has risen and
// estimates when the rise started (the last time the sum was zero).

export interface CusumSettings {
  /** Allowance in sigmas: residuals below it count as noise. */
  k: number;
  /** Decision threshold in sigmas. */
  h: number;
  /** Upper cap so a long excursion (e.g. a load change) unwinds in bounded time once the level is normal again. */
  cap: number;
}

export interface CusumState {
  sum: number;
  fired: boolean;
  /** Estimated start of the current rise (ms epoch), null when the sum is zero. */
  changePointTs: number | null;
}

export interface CusumDetector {
  add(ts: number, z: number): CusumState;
  state(): CusumState;
}

export function createCusumDetector(settings: CusumSettings): CusumDetector {
  let sum = 0;
  let lastZeroTs: number | null = null;
  let changePointTs: number | null = null;

  const state = (): CusumState => ({ sum, fired: sum > settings.h, changePointTs });

  return {
    add(ts, z) {
      const next = Math.min(settings.cap, Math.max(0, sum + z - settings.k));
      if (next === 0) {
        lastZeroTs = ts;
        changePointTs = null;
      } else if (sum === 0) {
        changePointTs = lastZeroTs ?? ts;
      }
      sum = next;
      return state();
    },
    state,
  };
}
