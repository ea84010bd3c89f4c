// Alarm shapes (ISA-18.2): levels, kinds, states, shelving, settings and the alarm journal.
import type { TagValue } from './tags.js';

/**
 * Which condition of a tag an alarm watches: the limit levels, `DEV` deviation from a setpoint tag, `ROC` rate of
 * change, `DIG` a digital state or discrepancy, `BAD` bad quality or a stale source, and `SYS` for PlantBridge's own
 * conditions (source disconnected, uplink down, outbox dropping, disk nearly full).
 */
export type AlarmLevel = 'HH' | 'H' | 'L' | 'LL' | 'DEV' | 'ROC' | 'DIG' | 'BAD' | 'SYS';

/** The alarm type (ISA-18.2 / OPC UA Part 9): what kind of condition it evaluates. */
export type AlarmKind = 'limit' | 'deviation' | 'rate' | 'digital' | 'quality' | 'system';

/**
 * ISA-18.2 alarm states. The first four are the process/acknowledge states; `latched` is an alarm that returned to
 * normal but stays annunciated until an operator resets it. `shelved`, `suppressed` (suppressed by design: a
 * condition on another tag) and `out-of-service` are the overrides: while one holds, the alarm is not annunciated,
 * but its process state is still tracked (`active`) and journaled.
 */
export type AlarmState =
  | 'normal'
  | 'unacknowledged'
  | 'acknowledged'
  | 'rtn-unacknowledged'
  | 'latched'
  | 'shelved'
  | 'suppressed'
  | 'out-of-service';

/** Operator shelving: timed (with a reason, capped at the alarm's maximum duration) or one-shot (until it clears). */
export interface AlarmShelving {
  mode: 'timed' | 'one-shot';
  since: number;
  /** When a timed shelve ends (ms epoch); null for one-shot. */
  until: number | null;
  reason: string;
  user: string;
}

export interface AlarmDto {
  id: string;
  tag: string;
  kind: AlarmKind;
  level: AlarmLevel;
  priority: number;
  state: AlarmState;
  /** The process condition holds now (independent of shelving, suppression and acknowledgement). */
  active: boolean;
  acknowledged: boolean;
  /** OPC UA Part 9 ConfirmedState: false after an acknowledge until the operator confirms (when confirm is required). */
  confirmed: boolean;
  activeSince: number | null;
  lastChange: number;
  /** The configured limit (limit, rate and deviation alarms); null for kinds without one. */
  limit: number | null;
  value: TagValue;
  message: string;
  /** When a timed shelve ends; null when not shelved or shelved one-shot. */
  shelvedUntil: number | null;
  shelving: AlarmShelving | null;
  /** The tag whose condition suppresses this alarm by design, while it does; null otherwise. */
  suppressedBy: string | null;
  outOfService: boolean;
  /** The alarm's effective settings (configuration plus runtime edits). */
  settings?: AlarmSettingsDto;
  /** Why and by whom the alarm was taken out of service; null while in service. */
  outOfServiceReason?: string | null;
}

export interface AlarmSettingsDto {
  deadband: number;
  onDelaySec: number;
  offDelaySec: number;
  latched: boolean;
  confirmRequired: boolean;
  maxShelveMinutes: number;
}

export type JournalEvent =
  | 'activated'
  | 'acknowledged'
  | 'confirmed'
  | 'returned'
  | 'cleared'
  | 'reset'
  | 'escalated'
  | 'shelved'
  | 'unshelved'
  | 'suppressed'
  | 'unsuppressed'
  | 'out-of-service'
  | 'in-service'
  | 'limits-changed';

export interface JournalEntry {
  id: number;
  ts: number;
  alarmId: string;
  tag: string;
  event: JournalEvent;
  state: AlarmState;
  value: TagValue;
  user: string | null;
  comment: string | null;
}
