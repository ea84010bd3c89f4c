// PlantBridge's own conditions as alarms (source disconnected, uplink down, store-and-forward dropping data):
// the same ISA-18.2 states as limit alarms, driven by a condition instead of a value.
import type { AlarmDefinition } from './alarm-definitions.js';
import type { AlarmRecord, AlarmTransition } from './alarm-state-machine.js';

export const SYSTEM_TAG_PREFIX = 'plantbridge/system';

export function systemAlarmDefinition(key: string, label: string, priority: number): AlarmDefinition {
  const tag = `${SYSTEM_TAG_PREFIX}/${key}`;
  return { id: `${tag}#SYS`, tag, level: 'SYS', limit: 0, deadband: 0, priority, unit: '', label };
}

/** The transition for a condition that is now `active` (with its current explanation), or null if none. */
export function evaluateSystemCondition(
  record: AlarmRecord,
  active: boolean,
  message: string,
  ts: number,
): AlarmTransition | null {
  const wasActive = record.state === 'unacknowledged' || record.state === 'acknowledged';
  if (active === wasActive) return null;
  if (active) {
    return { event: 'activated', record: { ...record, state: 'unacknowledged', activeSince: ts, lastChange: ts, value: null, message } };
  }
  const state = record.state === 'acknowledged' ? 'normal' : 'rtn-unacknowledged';
  return {
    event: 'returned',
    record: { ...record, state, activeSince: null, lastChange: ts, value: null, message: `${record.def.label}: back to normal` },
  };
}
