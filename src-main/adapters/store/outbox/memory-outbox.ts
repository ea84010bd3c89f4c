// The uplink's store-and-forward when no durable outbox is configured: the same take/ack/release contract in
// memory, bounded by a message count (the oldest message not in flight is dropped, and counted, when full).
// Lost on restart by design; the SQLite outbox is the durable one.
import type { OutboxStatus } from '../../../contract/index.js';
import type { Outbox, OutboxGap, OutboxRecord } from '../../../services/ports.js';

export class MemoryOutbox implements Outbox {
  /** Insertion order is id order, which is FIFO order. */
  private readonly records = new Map<number, OutboxRecord>();
  private readonly out = new Set<number>();
  private nextId = 1;
  private bytes = 0;
  dropped = 0;
  private delivered = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('queue bound must be a positive integer');
  }

  get depth(): number {
    return this.records.size;
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  append(records: { key: string; body: Buffer; createdAt: number }[]): Promise<void> {
    for (const r of records) {
      const record: OutboxRecord = { id: this.nextId++, key: r.key, body: r.body, createdAt: r.createdAt };
      this.records.set(record.id, record);
      this.bytes += record.body.length;
      if (this.records.size > this.capacity) this.dropOldest();
    }
    return Promise.resolve();
  }

  take(limit: number, afterId = 0): Promise<OutboxRecord[]> {
    const taken: OutboxRecord[] = [];
    for (const record of this.records.values()) {
      if (taken.length >= limit) break;
      if (record.id <= afterId || this.out.has(record.id)) continue;
      this.out.add(record.id);
      taken.push(record);
    }
    return Promise.resolve(taken);
  }

  ack(ids: number[]): Promise<void> {
    for (const id of ids) {
      const record = this.records.get(id);
      this.out.delete(id);
      if (record === undefined) continue;
      this.records.delete(id);
      this.bytes -= record.body.length;
      this.delivered += 1;
    }
    return Promise.resolve();
  }

  release(ids: number[]): void {
    for (const id of ids) this.out.delete(id);
  }

  lastId(): number {
    return this.nextId - 1;
  }

  /** Forgets what was handed out, as a fresh process opening the same store would (tests of restarts). */
  releaseAll(): void {
    this.out.clear();
  }

  /** Empties the queue (stop() without a broker); returns how many messages were lost. */
  clear(): number {
    const lost = this.records.size;
    this.records.clear();
    this.out.clear();
    this.bytes = 0;
    return lost;
  }

  status(): OutboxStatus {
    const first = this.records.values().next().value;
    return {
      depth: this.records.size,
      bytes: this.bytes,
      maxBytes: 0,
      oldestAgeMs: first === undefined ? 0 : Math.max(0, Date.now() - first.createdAt),
      drainRatePerSec: 0,
      dropped: this.dropped,
      delivered: this.delivered,
    };
  }

  gaps(): Promise<OutboxGap[]> {
    return Promise.resolve([]);
  }

  private dropOldest(): void {
    for (const record of this.records.values()) {
      if (this.out.has(record.id)) continue;
      this.records.delete(record.id);
      this.bytes -= record.body.length;
      this.dropped += 1;
      return;
    }
  }
}
