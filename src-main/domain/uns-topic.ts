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
  const date = new Date(sample.ts);
  if (!Number.isFinite(date.getTime())) {
    throw new RangeError(`sample of ${sample.tagId} has an invalid timestamp (${String(sample.ts)})`);
  }
  const value = typeof sample.value === 'number' && !Number.isFinite(sample.value) ? null : sample.value;
  const payload: UnsPayload = { value, ts: date.toISOString(), quality: sample.quality };
  if (tag !== undefined && tag.unit.length > 0) payload.unit = tag.unit;
  return payload;
}

export function stringifyUnsPayload(payload: UnsPayload): string {
  return JSON.stringify(payload);
}

/** Sample → message body in one step (what the uplink calls per sample). */
export function encodeUnsMessage(sample: TagSample, tag?: Pick<TagDto, 'unit'>): string {
  return stringifyUnsPayload(toUnsPayload(sample, tag));
}

function printable(text: string): string {
  return text.replace(/\u0000/g, '\\0');
}
