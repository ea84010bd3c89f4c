// Load-test tags: each value is a per-tag counter that goes up by exactly 1 on every change the server emits, so a
// receiver can detect loss (gaps), duplication (repeats) and reordering (decreases) by arithmetic alone.

export class LoadCounters {
  readonly values: Float64Array;

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`extraTags must be a whole number >= 0 (got ${count})`);
    this.values = new Float64Array(count);
  }

  /** One change for every tag. */
  advance(): void {
    const v = this.values;
    for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) + 1;
  }
}
