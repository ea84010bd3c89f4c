// Collects data changes and hands them downstream as one TagBatch per tick (setImmediate): all changes of one
// publish response arrive in the same tick, so consumers see one batch per publish response, never one per sample.
import type { TagBatch, TagSample } from '../../../contract/index.js';
import type { DataValue } from 'node-opcua';
import type { Clock } from '../../../services/ports.js';
import { plainValue, qualityOf } from './values.js';

export class SampleBuffer {
  private pending: TagSample[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** Last sample of each tag, by tag index: the value the stale marks repeat. */
  private last: Array<TagSample | undefined> = [];
  private tagIds: string[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly emit: (batch: TagBatch) => void,
  ) {}

  setTags(tagIds: string[]): void {
    // Keep last values of tags that stay, by id, so a re-browse does not lose them.
    const byId = new Map<string, TagSample>();
    for (const s of this.last) if (s) byId.set(s.tagId, s);
    this.tagIds = tagIds;
    this.last = tagIds.map((id) => byId.get(id));
  }

  /** Hot path: one call per data change. */
  readonly push = (tagIndex: number, dataValue: DataValue): void => {
    const tagId = this.tagIds[tagIndex];
    if (tagId === undefined) return;
    const source = dataValue.sourceTimestamp ?? dataValue.serverTimestamp;
    const sample: TagSample = {
      tagId,
      ts: source ? source.getTime() : this.clock.now(),
      value: plainValue(dataValue.value),
      quality: qualityOf(dataValue.statusCode),
    };
    this.last[tagIndex] = sample;
    this.pending.push(sample);
    if (this.scheduled === null) this.scheduled = setImmediate(this.flush);
  };

  /** Repeats every tag's last value with quality `stale` (null for tags never seen). */
  markAllStale(): void {
    const now = this.clock.now();
    this.tagIds.forEach((tagId, i) => {
      this.pending.push({ tagId, ts: now, value: this.last[i]?.value ?? null, quality: 'stale' });
    });
    if (this.pending.length > 0 && this.scheduled === null) this.scheduled = setImmediate(this.flush);
  }

  readonly flush = (): void => {
    this.scheduled = null;
    if (this.pending.length === 0) return;
    const samples = this.pending;
    this.pending = [];
    this.emit({ samples });
  };

  /** Emits what is pending now and cancels the scheduled tick. */
  close(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.flush();
  }
}
