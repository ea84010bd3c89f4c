// The in-process data path: every source batch goes to every consumer, in order, synchronously.
// Consumers must only queue work (historian, uplink) or do bounded work (alarms, live stream): never block.
import type { TagBatch } from '../contract/index.js';
import type { Disposable, Log } from './ports.js';

export type BatchConsumer = (batch: TagBatch) => void;

export class TagBus {
  private readonly consumers = new Map<string, BatchConsumer>();
  private changes = 0;
  private batches = 0;

  constructor(private readonly log: Log) {}

  subscribe(name: string, consumer: BatchConsumer): Disposable {
    this.consumers.set(name, consumer);
    return { dispose: () => this.consumers.delete(name) };
  }

  publish(batch: TagBatch): void {
    if (batch.samples.length === 0) return;
    this.changes += batch.samples.length;
    this.batches += 1;
    for (const [name, consumer] of this.consumers) {
      try {
        consumer(batch);
      } catch (err) {
        // One faulty consumer must not stop the others (or the source) from getting data.
        this.log.error({ err, consumer: name }, 'tag batch consumer failed');
      }
    }
  }

  counters(): { changesIn: number; batchesIn: number } {
    return { changesIn: this.changes, batchesIn: this.batches };
  }
}
