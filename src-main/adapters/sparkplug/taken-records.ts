// The outbox records the Sparkplug data sender has taken and not yet settled: each is either acknowledged (delivered:
// acks are batched into one outbox write per microtask) or released back to the outbox head to be sent again.
import type { Log, Outbox } from '../../services/ports.js';

export class TakenRecords {
  private readonly ids = new Set<number>();
  private ackIds: number[] = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly log: Log,
  ) {}

  add(id: number): void {
    this.ids.add(id);
  }

  /** Delivered: the outbox may forget it. */
  ack(id: number): void {
    this.ids.delete(id);
    this.ackIds.push(id);
    if (this.ackIds.length === 1) queueMicrotask(() => this.flushAcks());
  }

  /** Not delivered: back to the outbox head, in the order given. */
  release(ids: number[]): void {
    for (const id of ids) this.ids.delete(id);
    this.outbox.release(ids);
  }

  /** The session ended: pending acks are written and everything else taken goes back, oldest first. */
  releaseAll(): void {
    this.flushAcks();
    if (this.ids.size === 0) return;
    this.outbox.release([...this.ids].sort((a, b) => a - b));
    this.ids.clear();
  }

  private flushAcks(): void {
    if (this.ackIds.length === 0) return;
    const ids = this.ackIds;
    this.ackIds = [];
    this.outbox.ack(ids).catch((err: unknown) => this.log.error({ err, uplink: 'sparkplug' }, 'Sparkplug: outbox ack failed'));
  }
}
