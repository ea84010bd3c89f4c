// PlantBridge's own conditions as alarms (source disconnected, uplink down, store-and-forward dropping data, disk
// nearly full): the same ISA-18.2 states as tag alarms, driven by a condition instead of a value.
import { DEFAULT_MAX_SHELVE_MINUTES, type AlarmDefinition } from './alarm-definitions.js';
import { applyCondition, type AlarmRecord, type AlarmTransition } from './alarm-state-machine.js';

export const SYSTEM_TAG_PREFIX = 'plantbridge/system';

export function systemAlarmDefinition(key: string, label: string, priority: number): AlarmDefinition {
  const tag = `${SYSTEM_TAG_PREFIX}/${key}`;
  return {
    id: `${tag}#SYS`,
    tag,
    level: 'SYS',
    input: { kind: 'system' },
    limit: null,
    deadband: 0,
    priority,
    unit: '',
    label,
    onDelayMs: 0,
    offDelayMs: 0,
    message: null,
    latched: false,
    confirmRequired: false,
    maxShelveMinutes: DEFAULT_MAX_SHELVE_MINUTES,
    suppressWhen: null,
  };
}

/** The transitions for a condition that is now `active` (with its current explanation); empty if none. */
export function evaluateSystemCondition(record: AlarmRecord, active: boolean, message: string, ts: number): { record: AlarmRecord; transitions: AlarmTransition[] } {
  return applyCondition(record, active, ts, null, (on) => (on ? message : `${record.def.label}: back to normal`));
}
