// Long imports run as generators that yield their progress every few hundred rows, so the host can give the
// event loop a turn (and report progress) between chunks while the parsing itself stays pure.

export interface ImportProgress {
  phase: 'parse' | 'validate' | 'diff';
  done: number;
  total: number;
}

export type ImportSteps<T> = Generator<ImportProgress, T, void>;

export const ROWS_PER_STEP = 500;

/** Runs a step generator to its end without pausing (tests, small inputs). */
export function runSteps<T>(steps: ImportSteps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
