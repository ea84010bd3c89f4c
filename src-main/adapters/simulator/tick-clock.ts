// Maps timer callbacks to model steps and source timestamps. Every tick is its own plant instant: a timer that fires
// a little early (no whole step due yet) still advances one step, and stamps rise strictly at ms resolution, so a
// tag never gets two values with one source timestamp (a historian keyed on (tag, ts) would keep only one).

export interface Tick {
  /** Model steps to run now (at least 1, at most the catch-up cap). */
  steps: number;
  /** Steps that were due by wall time, for the "cannot keep up" warning. */
  due: number;
}

export class TickClock {
  private stepsDone = 0;
  private lastStampMs = -Infinity;

  constructor(
    private readonly startWallMs: number,
    /** Plant seconds per step (`tickMs / 1000 × timeScale`). */
    private readonly stepSec: number,
    private readonly timeScale: number,
    private readonly maxCatchUpSteps: number,
  ) {}

  /** Plant time runs at most one step ahead of wall time; `due` (counted from the start) realigns it. */
  next(nowWallMs: number): Tick {
    const due = Math.max(1, Math.floor((((nowWallMs - this.startWallMs) / 1000) * this.timeScale) / this.stepSec) - this.stepsDone);
    this.stepsDone += due;
    return { steps: Math.min(due, this.maxCatchUpSteps), due };
  }

  /** The source timestamp for the model's current plant time: floor to ms, and always after the previous one. */
  stamp(plantNowMs: number): number {
    this.lastStampMs = Math.max(Math.floor(plantNowMs), this.lastStampMs + 1);
    return this.lastStampMs;
  }
}
