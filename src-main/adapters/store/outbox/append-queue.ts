// Group commit: append() calls that arrive within one tick share one transaction, and each caller's promise
// settles after the commit that holds its records. While a commit runs the next callers simply accumulate, so
// the batch size grows with the load and the fsync count stays at a few dozen per second.
import type { NewRecord } from './record-inserter.js';

interface Waiter {
  records: readonly NewRecord[];
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Beyond this many rows one transaction is closed and the rest goes into the next one. */
const MAX_ROWS_PER_COMMIT = 50_000;

export class AppendQueue {
  private waiting: Waiter[] = [];
  private rows = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly commit: (records: NewRecord[]) => Promise<void>,
    private readonly tickMs: number,
    /** Commit at once (no tick wait) when this many rows are waiting. */
    private readonly eagerRows: number,
  ) {}

  get queuedRows(): number {
    return this.rows;
  }

  push(records: readonly NewRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ records, resolve, reject });
      this.rows += records.length;
      this.schedule();
    });
  }

  /** Commits everything queued so far; resolves when done (rejections reach the callers, not flush()). */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.running !== null || this.waiting.length > 0) {
      await (this.running ?? this.run());
    }
  }

  private schedule(): void {
    if (this.timer !== null || this.running !== null || this.waiting.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.rows >= this.eagerRows ? 0 : this.tickMs);
  }

  private run(): Promise<void> {
    this.running ??= this.commitNext().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private async commitNext(): Promise<void> {
    const batch: Waiter[] = [];
    let rows = 0;
    while (this.waiting.length > 0 && (rows === 0 || rows + (this.waiting[0]?.records.length ?? 0) <= MAX_ROWS_PER_COMMIT)) {
      const w = this.waiting.shift() as Waiter;
      batch.push(w);
      rows += w.records.length;
    }
    this.rows -= rows;
    if (batch.length === 0) return;
    const records = batch.length === 1 ? [...(batch[0] as Waiter).records] : batch.flatMap((w) => w.records);
    try {
      await this.commit(records);
      for (const w of batch) w.resolve();
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      for (const w of batch) w.reject(error);
    }
  }
}
