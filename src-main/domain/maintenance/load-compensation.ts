// Load compensation of one signal against an operating-point reference (a speed setpoint, a motor current): the
// sensitivity is learned from first differences of consecutive bucket means (a speed step moves flow at once, a
// fault drifts far too slowly to show between two buckets), so a developing fault is never learned as "load".
// Temperatures lag their load, so the reference is also followed through first-order lags and the best lag wins.

/** Candidate lags of the reference (seconds): none, and typical thermal time constants. */
export const REFERENCE_LAGS_SEC: readonly number[] = [0, 60, 240, 600];

/** Follows one reference tag through every candidate lag (exact first-order discretisation per sample). */
export class ReferenceLags {
  readonly values: number[] = REFERENCE_LAGS_SEC.map(() => Number.NaN);
  private lastTs: number | null = null;

  update(ts: number, value: number): void {
    if (this.lastTs === null || ts < this.lastTs) {
      if (this.lastTs === null) this.values.fill(value);
      this.lastTs = ts;
      return;
    }
    const dt = (ts - this.lastTs) / 1000;
    this.lastTs = ts;
    REFERENCE_LAGS_SEC.forEach((tau, k) => {
      const prev = this.values[k] as number;
      this.values[k] = tau <= 0 ? value : value + (prev - value) * Math.exp(-dt / tau);
    });
  }

  ready(): boolean {
    return this.lastTs !== null;
  }
}

export interface CompensationSettings {
  /** Forgetting time constant of the sensitivity estimate, in points. */
  memoryPoints: number;
  /** The sensitivity is used only when it is this many standard errors away from zero. */
  minTStat: number;
}

export const defaultCompensationSettings: CompensationSettings = { memoryPoints: 7 * 24 * 30, minTStat: 4 };

export interface CompensationState {
  /** Sensitivity in use (0 until significant), the lag it applies to (s), and the reference point it maps to. */
  gain: number;
  lagSec: number;
  referencePoint: number | null;
}

/** Maps a bucket mean to "the value at the reference point": v − gain × (lagged reference − reference point). */
export function createLoadCompensator(settings: CompensationSettings = defaultCompensationSettings) {
  const n = REFERENCE_LAGS_SEC.length;
  const sxy = new Array<number>(n).fill(0);
  const sxx = new Array<number>(n).fill(0);
  const syy = new Array<number>(n).fill(0);
  let count = 0;
  let weight = 0;
  let prev: { t: number; v: number; r: readonly number[] } | null = null;
  let referencePoint: number[] | null = null;
  const decay = 1 - 1 / Math.max(1, settings.memoryPoints);

  function best(): { gain: number; k: number; se: number } {
    let out = { gain: 0, k: 0, t: 0, se: 0 };
    for (let k = 0; k < n; k++) {
      const xx = sxx[k] as number;
      if (!(xx > 0) || count < 3) continue;
      const b = (sxy[k] as number) / xx;
      const rss = Math.max(0, (syy[k] as number) - b * (sxy[k] as number));
      const se = Math.sqrt(rss / Math.max(1, weight - 1) / xx);
      const t = se > 0 ? Math.abs(b) / se : Number.POSITIVE_INFINITY;
      if (t > out.t) out = { gain: b, k, t, se };
    }
    return out.t >= settings.minTStat ? { gain: out.gain, k: out.k, se: out.se } : { gain: 0, k: 0, se: 0 };
  }

  let current = { gain: 0, k: 0, se: 0 };

  return {
    /** Learns from one closed bucket: its time, mean and the bucket means of the lagged reference. */
    learn(t: number, v: number, r: readonly number[], bucketMs: number): void {
      if (prev && t - prev.t <= bucketMs * 1.01) {
        const dy = v - prev.v;
        for (let k = 0; k < n; k++) {
          const dx = (r[k] as number) - (prev.r[k] as number);
          sxy[k] = decay * (sxy[k] as number) + dx * dy;
          sxx[k] = decay * (sxx[k] as number) + dx * dx;
          syy[k] = decay * (syy[k] as number) + dy * dy;
        }
        count++;
        weight = decay * weight + 1;
        current = best();
      }
      prev = { t, v, r: [...r] };
    },
    /** The operating point values are mapped to (the reference's mean over the learning period). */
    setReferencePoint(r: readonly number[]): void {
      referencePoint = [...r];
    },
    /** The value at the reference point; unchanged until the reference point is set. */
    apply(v: number, r: readonly number[]): number {
      if (referencePoint === null) return v;
      return v - current.gain * ((r[current.k] as number) - (referencePoint[current.k] as number));
    },
    /** Standard error the compensation adds at this reference value (gain uncertainty × distance from the point). */
    uncertainty(r: readonly number[]): number {
      if (referencePoint === null) return 0;
      return current.se * Math.abs((r[current.k] as number) - (referencePoint[current.k] as number));
    },
    state(): CompensationState {
      return {
        gain: current.gain,
        lagSec: REFERENCE_LAGS_SEC[current.k] ?? 0,
        referencePoint: referencePoint ? (referencePoint[current.k] ?? null) : null,
      };
    },
  };
}

export type LoadCompensator = ReturnType<typeof createLoadCompensator>;
