// Collects samples per device for `batchMs`, then turns them into outbox records (one DDATA each) and the device
// lifecycle messages the period produced: DBIRTH for a device that came back (before its data), DDEATH for one
// whose tags all went stale (after its data). Runs on the data path: publish() is synchronous and cheap.
import { randomBytes } from 'node:crypto';
import type { TagBatch } from '../../contract/index.js';
import {
  DeviceLiveness,
  type BatchRecord,
  type BatchSample,
  type MetricCatalog,
} from '../../domain/sparkplug/index.js';

export interface BatchFlush {
  revived: string[];
  records: BatchRecord[];
  died: string[];
  samples: number;
}

export class DeviceBatcher {
  /** Distinguishes this process's records from older ones in the outbox (record keys are `<boot>.<n>`). */
  readonly bootId = randomBytes(6).toString('hex');
  readonly liveness = new DeviceLiveness();
  private pending = new Map<string, BatchSample[]>();
  private pendingCount = 0;
  private nextRecord = 0;
  skipped = 0;

  constructor(private readonly catalog: MetricCatalog) {}

  /** Takes a batch: updates the values births will carry, and queues the samples of their device's next DDATA. */
  add(batch: TagBatch): void {
    for (const s of batch.samples) {
      const entry = this.catalog.byTag(s.tagId);
      if (entry === undefined) {
        this.skipped++;
        continue;
      }
      if (entry.last === null || s.ts >= entry.last.ts) entry.last = { ts: s.ts, value: s.value, quality: s.quality };
      const stale = s.quality === 'stale';
      this.liveness.observe(entry.deviceId, s.tagId, stale);
      // A dead device's further stale samples only repeat that it is dead: the DDEATH already said so.
      if (stale && this.liveness.isAnnouncedDead(entry.deviceId)) continue;
      let list = this.pending.get(entry.deviceId);
      if (list === undefined) {
        list = [];
        this.pending.set(entry.deviceId, list);
      }
      list.push({ tagId: s.tagId, ts: s.ts, value: s.value, quality: s.quality });
      this.pendingCount++;
    }
  }

  get queued(): number {
    return this.pendingCount;
  }

  /** Everything collected since the last flush. Samples of one metric keep their order, sorted by time. */
  flush(): BatchFlush {
    const { died, revived } = this.liveness.transitions((d) => this.catalog.device(d)?.metrics.length ?? 0);
    const records: BatchRecord[] = [];
    for (const [deviceId, samples] of this.pending) {
      // Chronological within the message (tck-id-…-data-publish-nbirth-order asks for it per metric); a stable sort
      // keeps equal timestamps in arrival order.
      samples.sort((a, b) => a.ts - b.ts);
      records.push({ key: `${this.bootId}.${this.nextRecord++}`, deviceId, samples });
    }
    const samples = this.pendingCount;
    this.pending = new Map();
    this.pendingCount = 0;
    return { revived, records, died, samples };
  }
}
