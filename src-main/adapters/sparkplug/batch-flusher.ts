// Every `batchMs` (or at once when it is 0) takes the device batcher's records, stores them in the outbox in order,
// and only then hands them to the data sender's live path; a failed outbox write is counted and reported, never thrown.
import { encodeBatchRecord } from '../../domain/sparkplug/index.js';
import type { Clock, Outbox } from '../../services/ports.js';
import type { DataSender } from './data-sender.js';
import type { DeviceBatcher } from './device-batcher.js';

export class BatchFlusher {
  /** Samples whose records could not be stored in the outbox. */
  failedAppends = 0;
  private active = false;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly batcher: DeviceBatcher,
    private readonly sender: DataSender,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly batchMs: number,
    private readonly onError: (message: string) => void,
  ) {}

  start(): void {
    this.active = true;
    this.schedule();
  }

  /** Called after samples were added: with `batchMs` 0 they are flushed on the next tick. */
  added(): void {
    if (this.batchMs === 0) this.schedule();
  }

  /** Flushes what is pending and waits until it is stored and handed on. */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
    await this.chain;
  }

  private schedule(): void {
    if (this.timer !== null || !this.active) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
      if (this.batchMs > 0) this.schedule();
    }, this.batchMs);
  }

  /** Stores the period's records in the outbox (in order), then hands them to the live path. */
  private flush(): void {
    const flush = this.batcher.flush();
    if (flush.records.length === 0 && flush.revived.length === 0 && flush.died.length === 0) return;
    const epoch = this.sender.currentEpoch;
    const rows = flush.records.map((r) => ({ key: r.deviceId, body: Buffer.from(encodeBatchRecord(r)), createdAt: this.clock.now() }));
    this.chain = this.chain
      .then(() => (rows.length > 0 ? this.outbox.append(rows) : undefined))
      .then(
        () => this.sender.enqueue(flush, epoch),
        (err: unknown) => {
          this.failedAppends += flush.samples;
          this.onError(`Sparkplug outbox write failed: ${(err as Error).message}`);
        },
      );
  }
}
