// The outbox record body of one DDATA batch. The encoded Sparkplug payload is not stored: seq (and alias, and the
// is_historical flag) are only known when the record is sent. So the body keeps the device, the tag ids and the
// samples. The first line is the record key (`<boot id>.<n>`), readable without parsing the JSON, which the uplink
// uses to recognise records it already delivered live.
import type { Quality, TagValue } from '../../contract/index.js';

export interface BatchSample {
  tagId: string;
  ts: number;
  value: TagValue;
  quality: Quality;
}

export interface BatchRecord {
  key: string;
  deviceId: string;
  samples: BatchSample[];
}

const Q_TO_CHAR: Record<Quality, string> = { good: 'g', uncertain: 'u', bad: 'b', stale: 's' };
const CHAR_TO_Q: Record<string, Quality> = { g: 'good', u: 'uncertain', b: 'bad', s: 'stale' };

type EncodedSample = [number, number, TagValue, string] | [number, number, string, string, 1];

export function encodeBatchRecord(record: BatchRecord): string {
  const tagIndex = new Map<string, number>();
  const tags: string[] = [];
  const samples: EncodedSample[] = [];
  for (const s of record.samples) {
    let i = tagIndex.get(s.tagId);
    if (i === undefined) {
      i = tags.length;
      tags.push(s.tagId);
      tagIndex.set(s.tagId, i);
    }
    const q = Q_TO_CHAR[s.quality];
    // JSON has no NaN/Infinity: keep them as text with a marker so they come back as numbers.
    if (typeof s.value === 'number' && !Number.isFinite(s.value)) samples.push([i, s.ts, String(s.value), q, 1]);
    else samples.push([i, s.ts, s.value, q]);
  }
  return `${record.key}\n${JSON.stringify({ d: record.deviceId, t: tags, s: samples })}`;
}

/** The record key, without parsing the rest. */
export function batchRecordKey(body: string): string {
  const nl = body.indexOf('\n');
  return nl < 0 ? body : body.slice(0, nl);
}

/** Throws on a body this code did not write (a corrupt record is reported by the caller, never sent). */
export function decodeBatchRecord(body: string): BatchRecord {
  const nl = body.indexOf('\n');
  if (nl < 0) throw new Error('outbox record has no key line');
  const parsed = JSON.parse(body.slice(nl + 1)) as { d?: unknown; t?: unknown; s?: unknown };
  if (typeof parsed.d !== 'string' || !Array.isArray(parsed.t) || !Array.isArray(parsed.s)) {
    throw new Error('outbox record is not a Sparkplug batch');
  }
  const tags = parsed.t as unknown[];
  const samples: BatchSample[] = [];
  for (const raw of parsed.s as unknown[]) {
    if (!Array.isArray(raw)) throw new Error('outbox record has a malformed sample');
    const [i, ts, v, q, special] = raw as [unknown, unknown, unknown, unknown, unknown];
    const tagId = typeof i === 'number' ? tags[i] : undefined;
    const quality = typeof q === 'string' ? CHAR_TO_Q[q] : undefined;
    if (typeof tagId !== 'string' || typeof ts !== 'number' || quality === undefined) {
      throw new Error('outbox record has a malformed sample');
    }
    const value = special === 1 ? Number(v) : (v as TagValue);
    samples.push({ tagId, ts, value, quality });
  }
  return { key: body.slice(0, nl), deviceId: parsed.d, samples };
}
