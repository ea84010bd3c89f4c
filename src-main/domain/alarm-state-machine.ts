// ISA-18.2 limit alarm states (first version: no shelving, suppression or out-of-service yet).
//
//   normal ──value beyond limit──► unacknowledged ──ack──► acknowledged ──returns──► normal
//                                        │
//                                     returns ──► rtn-unacknowledged ──ack──► normal
//                                                        └──beyond limit again──► unacknowledged
import type { AlarmDto, AlarmState, JournalEvent, Quality, TagValue } from '../contract/index.js';
import { isConditionActive } from './alarm-condition.js';
import type { AlarmDefinition } from './alarm-definitions.js';
import { activationMessage, returnMessage } from './alarm-message.js';

export interface AlarmRecord {
  readonly def: AlarmDefinition;
  readonly state: AlarmState;
  readonly activeSince: number | null;
  readonly lastChange: number;
  /** The value at the last state change. */
  readonly value: TagValue;
  readonly message: string;
}

/** A state change, with the journal event it is recorded as. */
export interface AlarmTransition {
  record: AlarmRecord;
  event: JournalEvent;
}

export interface AlarmSampleInput {
  ts: number;
  value: TagValue;
  quality: Quality;
}

/** Why an acknowledge was refused; `status` is the HTTP status a transport should answer with. */
export class AlarmAckError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
    this.name = 'AlarmAckError';
  }
}

export function isActiveState(state: AlarmState): boolean {
  return state === 'unacknowledged' || state === 'acknowledged';
}

export function newAlarmRecord(def: AlarmDefinition, now: number): AlarmRecord {
  return { def, state: 'normal', activeSince: null, lastChange: now, value: null, message: `${def.label} normal` };
}

/** Keeps the state of an existing alarm when its configuration (limit, deadband, priority, unit) changes. */
export function redefineAlarm(record: AlarmRecord, def: AlarmDefinition): AlarmRecord {
  return { ...record, def };
}

/**
 * Evaluates one sample. Returns null when the state does not change. Bad and stale samples never change the
 * state: a disconnected source must not look like a return to normal. Uncertain samples are evaluated.
 */
export function evaluateAlarmSample(record: AlarmRecord, sample: AlarmSampleInput): AlarmTransition | null {
  if (sample.quality === 'bad' || sample.quality === 'stale') return null;
  const value = sample.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const wasActive = isActiveState(record.state);
  const active = isConditionActive(record.def, value, wasActive);
  if (active === wasActive) return null;
  if (active) {
    // normal or rtn-unacknowledged: the condition (re)appears and needs an acknowledge.
    return {
      event: 'activated',
      record: {
        ...record,
        state: 'unacknowledged',
        activeSince: sample.ts,
        lastChange: sample.ts,
        value,
        message: activationMessage(record.def, value),
      },
    };
  }
  const state: AlarmState = record.state === 'acknowledged' ? 'normal' : 'rtn-unacknowledged';
  return {
    event: 'returned',
    record: { ...record, state, activeSince: null, lastChange: sample.ts, value, message: returnMessage(record.def, value) },
  };
}

/** Acknowledges an alarm that waits for it; anything else is a refusal that says why. */
export function acknowledgeAlarm(record: AlarmRecord, ts: number): AlarmTransition {
  if (record.state === 'normal') {
    throw new AlarmAckError(`alarm ${record.def.id} is normal: there is nothing to acknowledge`, 409);
  }
  if (record.state === 'acknowledged') {
    throw new AlarmAckError(`alarm ${record.def.id} is already acknowledged`, 409);
  }
  const state: AlarmState = record.state === 'unacknowledged' ? 'acknowledged' : 'normal';
  return { event: 'acknowledged', record: { ...record, state, lastChange: ts } };
}

export function toAlarmDto(record: AlarmRecord): AlarmDto {
  return {
    id: record.def.id,
    tag: record.def.tag,
    kind: record.def.level === 'SYS' ? 'system' : 'limit',
    level: record.def.level,
    priority: record.def.priority,
    state: record.state,
    active: isActiveState(record.state),
    acknowledged: record.state === 'normal' || record.state === 'acknowledged',
    confirmed: true,
    activeSince: record.activeSince,
    lastChange: record.lastChange,
    limit: record.def.limit,
    value: record.value,
    message: record.message,
    shelvedUntil: null,
    shelving: null,
    suppressedBy: null,
    outOfService: false,
  };
}

/** Priority first (1 is the highest), then the newest first. */
export function compareAlarms(a: AlarmDto, b: AlarmDto): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const ta = a.activeSince ?? a.lastChange;
  const tb = b.activeSince ?? b.lastChange;
  if (ta !== tb) return tb - ta;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
