// Outbox records for tag values of the MQTT JSON uplink: each sample of a configured tag becomes one JSON message on
// its unified-namespace topic; samples of other tags are skipped (warned about a few times), unencodable ones fail.
import type { TagBatch, TagSample } from '../../contract/index.js';
import { encodeUnsMessage, unsTopic } from '../../domain/uns-topic.js';
import type { TagDef } from '../../domain/tags.js';
import type { Log } from '../../services/ports.js';
import type { NewRecord } from './mqtt-alarm-records.js';

const MAX_UNKNOWN_TAG_WARNINGS = 20;

/** What a batch became: the records to store, and how many samples were skipped or failed to encode. */
export interface ValueRecords {
  records: NewRecord[];
  skipped: number;
  failed: number;
}

export class UnsValueRecords {
  private routes = new Map<string, string>();
  private units = new Map<string, string>();
  private readonly warnedUnknown = new Set<string>();

  constructor(
    private readonly prefix: string,
    private readonly log: Log,
  ) {}

  /** The tags to publish; a tag whose id makes no valid topic is left out with a warning. */
  setTags(tags: TagDef[]): void {
    const routes = new Map<string, string>();
    const units = new Map<string, string>();
    for (const tag of tags) {
      try {
        routes.set(tag.id, unsTopic(this.prefix, tag.id));
        units.set(tag.id, tag.unit);
      } catch (err) {
        this.log.warn({ tag: tag.id }, `tag not published over MQTT: ${(err as Error).message}`);
      }
    }
    this.routes = routes;
    this.units = units;
  }

  records(batch: TagBatch, createdAt: number): ValueRecords {
    const out: ValueRecords = { records: [], skipped: 0, failed: 0 };
    for (const sample of batch.samples) {
      const topic = this.routes.get(sample.tagId);
      if (topic === undefined) {
        out.skipped += 1;
        this.warnUnknown(sample);
        continue;
      }
      try {
        const body = encodeUnsMessage(sample, { unit: this.units.get(sample.tagId) ?? '' });
        out.records.push({ key: topic, body: Buffer.from(body), createdAt });
      } catch (err) {
        out.failed += 1;
        this.log.warn({ tag: sample.tagId }, `sample not published: ${(err as Error).message}`);
      }
    }
    return out;
  }

  private warnUnknown(sample: TagSample): void {
    if (this.warnedUnknown.size >= MAX_UNKNOWN_TAG_WARNINGS || this.warnedUnknown.has(sample.tagId)) return;
    this.warnedUnknown.add(sample.tagId);
    this.log.warn({ tag: sample.tagId }, 'sample of a tag the uplink was not configured with: not published');
  }
}
