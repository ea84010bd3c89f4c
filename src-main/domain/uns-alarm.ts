// Alarm messages of the MQTT JSON uplink: topic and JSON payload per alarm, pure. Tag alarms are published on
// `<prefix>/<site>/_alarms/<area>/<asset>/<tag>/<level>`, PlantBridge's own (system) alarms on
// `<prefix>/_system/_alarms/<key>` (e.g. `plantbridge/_system/_alarms/uplink/mqtt-json/down`).
import type { AlarmDto } from '../contract/index.js';
import { SYSTEM_TAG_PREFIX } from './system-alarm.js';
import { assertValidTopicPrefix, topicProblem } from './uns-topic.js';

/** The level that marks alarm topics; a site, area or asset should not be named like it. */
export const ALARMS_LEVEL = '_alarms';

/** The retained topic of one alarm. Throws an Error naming the problem when the tag id cannot make a topic. */
export function alarmTopic(prefix: string, alarm: Pick<AlarmDto, 'tag' | 'level' | 'kind'>): string {
  assertValidTopicPrefix(prefix);
  let topic: string;
  if (alarm.kind === 'system' || alarm.tag.startsWith(`${SYSTEM_TAG_PREFIX}/`)) {
    const key = alarm.tag.startsWith(`${SYSTEM_TAG_PREFIX}/`) ? alarm.tag.slice(SYSTEM_TAG_PREFIX.length + 1) : alarm.tag;
    topic = `${prefix}/_system/${ALARMS_LEVEL}/${key}`;
  } else {
    const levels = alarm.tag.split('/');
    if (levels.length !== 4) throw new Error(`alarm tag "${alarm.tag}" is not a site/area/asset/tag path`);
    const [site, area, asset, name] = levels;
    topic = `${prefix}/${site}/${ALARMS_LEVEL}/${area}/${asset}/${name}/${alarm.level}`;
  }
  const problem = topicProblem(topic, 'alarm topic');
  if (problem !== null) throw new Error(problem);
  return topic;
}

/** What an operator or a remote SCADA needs of an alarm, with times as ISO 8601 UTC text. */
export interface UnsAlarmPayload {
  id: string;
  tag: string;
  kind: AlarmDto['kind'];
  level: AlarmDto['level'];
  state: AlarmDto['state'];
  active: boolean;
  acknowledged: boolean;
  confirmed: boolean;
  priority: number;
  message: string;
  value: AlarmDto['value'];
  limit: number | null;
  activeSince: string | null;
  shelvedUntil: string | null;
  /** When the alarm last changed state. */
  ts: string;
}

function iso(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}

export function toUnsAlarmPayload(a: AlarmDto): UnsAlarmPayload {
  return {
    id: a.id,
    tag: a.tag,
    kind: a.kind,
    level: a.level,
    state: a.state,
    active: a.active,
    acknowledged: a.acknowledged,
    confirmed: a.confirmed,
    priority: a.priority,
    message: a.message,
    value: typeof a.value === 'number' && !Number.isFinite(a.value) ? null : a.value,
    limit: a.limit,
    activeSince: iso(a.activeSince),
    shelvedUntil: iso(a.shelvedUntil),
    ts: iso(a.lastChange) ?? new Date(0).toISOString(),
  };
}

export function encodeAlarmMessage(a: AlarmDto): string {
  return JSON.stringify(toUnsAlarmPayload(a));
}
