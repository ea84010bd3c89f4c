// Rate of change of one tag over a sliding time window, in units per minute, with bounded memory: samples closer
// together than 1/100 of the window are thinned, so a fast tag costs at most ~100 points per alarm.
const MAX_POINTS = 100;

export class RateWindow {
  private readonly ts: number[] = [];
  private readonly vs: number[] = [];

  constructor(private readonly windowMs: number) {}

  /** Adds a sample (ignored when older than the newest one) and returns the current rate or null. */
  push(ts: number, value: number): number | null {
    const last = this.ts.length - 1;
    const lastTs = this.ts[last];
    if (lastTs !== undefined && ts < lastTs) return this.rate();
    if (lastTs !== undefined && this.ts.length > 1 && ts - (this.ts[last - 1] ?? 0) < this.windowMs / MAX_POINTS) {
      // Thin: replace the newest point instead of adding one.
      this.ts[last] = ts;
      this.vs[last] = value;
    } else {
      this.ts.push(ts);
      this.vs.push(value);
    }
    while (this.ts.length > 2 && ts - (this.ts[1] ?? ts) >= this.windowMs) {
      this.ts.shift();
      this.vs.shift();
    }
    return this.rate();
  }

  /** (newest − oldest) per minute, once the samples span at least half the window; null before. */
  rate(): number | null {
    const n = this.ts.length;
    const t0 = this.ts[0];
    const t1 = this.ts[n - 1];
    const v0 = this.vs[0];
    const v1 = this.vs[n - 1];
    if (t0 === undefined || t1 === undefined || v0 === undefined || v1 === undefined) return null;
    const span = t1 - t0;
    if (span <= 0 || span < this.windowMs / 2) return null;
    return ((v1 - v0) / span) * 60_000;
  }

  clear(): void {
    this.ts.length = 0;
    this.vs.length = 0;
  }
}
