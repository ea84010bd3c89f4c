// Unified namespace (UNS) naming and payloads for the MQTT JSON uplink: pure, no I/O.
// A tag `site/area/asset/tag` is published on `<prefix>/site/area/asset/tag` with a small JSON document.
import type { Quality, TagDto, TagSample, TagValue } from '../contract/index.js';

export const DEFAULT_TOPIC_PREFIX = 'plantbridge';

/** MQTT limits a topic to 65,535 bytes of UTF-8. */
const MAX_TOPIC_BYTES = 65_535;
const utf8 = new TextEncoder();

/**
 * Why `topic` cannot be used as a publish topic (or a prefix of one), or null when it can.
 * Rules: no MQTT wildcards (`+`, `#`), no NUL, no empty level (`a//b`, leading or trailing `/`),
 * and no leading `$` (reserved for broker topics such as `$SYS`).
 */
export function topicProblem(topic: string, what = 'topic'): string | null {
  if (topic.length === 0) return `${what} is empty`;
  if (topic.includes('\u0000')) return `${what} "${printable(topic)}" contains a NUL character`;
  if (topic.includes('+') || topic.includes('#')) {
    return `${what} "${topic}" contains an MQTT wildcard ("+" or "#")`;
  }
  if (topic.startsWith('$')) return `${what} "${topic}" starts with "$", which MQTT reserves for broker topics`;
  if (topic.split('/').some((level) => level.length === 0)) {
    return `${what} "${topic}" has an empty level (leading, trailing or double "/")`;
  }
  if (utf8.encode(topic).length > MAX_TOPIC_BYTES) return `${what} is longer than 65,535 bytes`;
  return null;
}

/** Throws an Error naming the problem when `prefix` is not a usable UNS root such as `plantbridge` or `acme/uns`. */
export function assertValidTopicPrefix(prefix: string): void {
  const problem = topicProblem(prefix, 'MQTT topic prefix');
  if (problem !== null) throw new Error(problem);
}

/** `<prefix>/<site>/<area>/<asset>/<tag>` for the tag id `site/area/asset/tag`. Throws on an unusable prefix or id. */
export function unsTopic(prefix: string, tagId: string): string {
  assertValidTopicPrefix(prefix);
  const idProblem = topicProblem(tagId, 'tag id');
  if (idProblem !== null) throw new Error(idProblem);
  return `${prefix}/${tagId}`;
}

/** The retained bridge presence topic: `online` while connected, `offline` (also as MQTT will) otherwise. */
export function bridgeStatusTopic(prefix: string): string {
  assertValidTopicPrefix(prefix);
  return `${prefix}/_bridge/status`;
}

export type BridgePresence = 'online' | 'offline';

export interface UnsPayload {
  value: TagValue;
  /** Source timestamp, ISO 8601 UTC with milliseconds, e.g. `2025-01-31T12:00:00.000Z`. */
  ts: string;
  quality: Quality;
  /** Engineering unit, only when the tag has one. */
  unit?: string;
}

/**
 * The JSON document for one sample. Non-finite numbers (NaN, ±Infinity) become `null`, which is what JSON can carry;
 * the quality says whether the value is trustworthy. Throws a RangeError when the timestamp is not a valid date.
 */
export function toUnsPayload(sample: TagSample, tag?: Pick<TagDto, 'unit'>): UnsPayload {
  const payload: UnsPayload = { value: jsonValue(sample.value), ts: isoTimestamp(sample), quality: sample.quality };
  if (tag !== undefined && tag.unit.length > 0) payload.unit = tag.unit;
  return payload;
}

export function stringifyUnsPayload(payload: UnsPayload): string {
  return JSON.stringify(payload);
}

/**
 * Sample → message body in one step (what the uplink calls per sample): the same text as
 * `stringifyUnsPayload(toUnsPayload(sample, tag))`, written without the intermediate object.
 */
export function encodeUnsMessage(sample: TagSample, tag?: Pick<TagDto, 'unit'>): string {
  const ts = isoTimestamp(sample);
  const value = jsonValue(sample.value);
  let text: string;
  if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (value === null) text = 'null';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else return stringifyUnsPayload(toUnsPayload(sample, tag)); // not a TagValue at run time: the generic path decides
  const quality = QUOTED_QUALITY[sample.quality] ?? JSON.stringify(sample.quality);
  const unit = tag !== undefined && tag.unit.length > 0 ? `,"unit":${JSON.stringify(tag.unit)}` : '';
  return `{"value":${text},"ts":"${ts}","quality":${quality}${unit}}`;
}

const QUOTED_QUALITY: Readonly<Record<string, string>> = { good: '"good"', uncertain: '"uncertain"', bad: '"bad"', stale: '"stale"' };

function jsonValue(value: TagValue): TagValue {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/**
 * ISO 8601 text of the sample's timestamp. The samples of one publish share a few timestamps, so the text is cached
 * per distinct value (Date#toISOString is most of what a payload costs); the cache is simply emptied when large.
 */
const isoCache = new Map<number, string>();
const ISO_CACHE_MAX = 4096;

function isoTimestamp(sample: TagSample): string {
  const cached = isoCache.get(sample.ts);
  if (cached !== undefined) return cached;
  const date = new Date(sample.ts);
  if (!Number.isFinite(date.getTime())) {
    throw new RangeError(`sample of ${sample.tagId} has an invalid timestamp (${String(sample.ts)})`);
  }
  const iso = date.toISOString();
  if (isoCache.size >= ISO_CACHE_MAX) isoCache.clear();
  isoCache.set(sample.ts, iso);
  return iso;
}

function printable(text: string): string {
  return text.replace(/\u0000/g, '\\0');
}
