// Latest value and min/max measured per mapped tag (IPSO 5700/5601/5602), fed by the data path's batches, and
// 5700 writes forwarded to the command gate (allow-list, type, range, audit) with its answer mapped to CoAP codes.
import type { TagBatch } from '../../contract/index.js';
import type { TagValueSource } from '../../domain/lwm2m/ipso-objects.js';
import type { CoapCode, Outcome } from '../../domain/lwm2m/model.js';
import { fail, OK } from '../../domain/lwm2m/model.js';
import type { WriteGate } from '../../services/ports.js';

interface Tracked {
  value: number | null;
  min: number | null;
  max: number | null;
}

export class TagValues implements TagValueSource {
  private readonly byTag = new Map<string, Tracked>();

  constructor(
    private readonly gate: WriteGate | null,
    private readonly user: () => string,
  ) {}

  /** Only the mapped tags are tracked; returns how many samples were for other tags. */
  ingest(batch: TagBatch): number {
    let skipped = 0;
    for (const s of batch.samples) {
      const t = this.byTag.get(s.tagId);
      if (!t) {
        skipped += 1;
        continue;
      }
      if (typeof s.value !== 'number' || !Number.isFinite(s.value) || s.quality === 'bad') continue;
      t.value = s.value;
      t.min = t.min === null ? s.value : Math.min(t.min, s.value);
      t.max = t.max === null ? s.value : Math.max(t.max, s.value);
    }
    return skipped;
  }

  setTracked(tagIds: string[]): void {
    const keep = new Set(tagIds);
    for (const id of this.byTag.keys()) if (!keep.has(id)) this.byTag.delete(id);
    for (const id of tagIds) if (!this.byTag.has(id)) this.byTag.set(id, { value: null, min: null, max: null });
  }

  value(tagId: string): number | null {
    return this.byTag.get(tagId)?.value ?? null;
  }
  min(tagId: string): number | null {
    return this.byTag.get(tagId)?.min ?? null;
  }
  max(tagId: string): number | null {
    return this.byTag.get(tagId)?.max ?? null;
  }
  resetMinMax(tagId: string): void {
    const t = this.byTag.get(tagId);
    if (t) {
      t.min = t.value;
      t.max = t.value;
    }
  }

  async write(tagId: string, value: number): Promise<Outcome> {
    if (!this.gate) return fail('4.05', 'tag writes are not available');
    const out = await this.gate({ tag: tagId, value, user: this.user(), via: 'lwm2m' });
    if (out.status.startsWith('Good')) return OK;
    return fail(codeFor(out.status), `${out.status}: ${out.message}`);
  }
}

/** The command gate's OPC UA status as the CoAP code an LwM2M server understands. */
export function codeFor(status: string): CoapCode {
  if (status === 'BadNotWritable' || status === 'BadUserAccessDenied' || status === 'BadRequestNotAllowed') return '4.05';
  if (status === 'BadTypeMismatch' || status === 'BadOutOfRange' || status === 'BadNodeIdUnknown') return '4.00';
  if (status === 'BadNoCommunication' || status === 'BadTooManyOperations') return '5.03';
  return '5.00';
}
