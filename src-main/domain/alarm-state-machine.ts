// ISA-18.2 / OPC UA Part 9 alarm lifecycle: the process state (with on/off delays), acknowledge, confirm, latch,
// and the overrides (shelved, suppressed by design, out of service) that hide an alarm but keep tracking it.
//
//   normal ──condition──► unacknowledged ──ack──► acknowledged ──returns──► normal (or latched ──reset──► normal)
//                               │
//                            returns ──► rtn-unacknowledged ──ack──► normal (or latched)
//                                               └──condition again──► unacknowledged
//
// The state an operator sees is derived: out-of-service > shelved > suppressed > the process/acknowledge state.
import type { AlarmDto, AlarmShelving, AlarmState, JournalEvent, Quality, TagValue } from '../contract/index.js';
import { evaluateCondition } from './alarm-condition.js';
import type { AlarmDefinition } from './alarm-definitions.js';
import { activationMessage, returnMessage } from './alarm-message.js';

export interface OutOfService {
  reason: string;
  user: string;
  since: number;
}

export interface AlarmRecord {
  readonly def: AlarmDefinition;
  /** Derived from the fields below by `settle`; stored so readers need not recompute it. */
  readonly state: AlarmState;
  /** The process condition holds (after the on/off delays). */
  readonly active: boolean;
  readonly acked: boolean;
  readonly confirmed: boolean;
  /** Returned and acknowledged, waiting for a reset (latching alarms only). */
  readonly latched: boolean;
  readonly activeSince: number | null;
  readonly lastChange: number;
  /** The value at the last state change. */
  readonly value: TagValue;
  readonly message: string;
  readonly shelving: AlarmShelving | null;
  readonly suppressedBy: string | null;
  readonly outOfService: OutOfService | null;
  /** The condition as last evaluated, before the delays, and since when it has been so. */
  readonly raw: boolean;
  readonly rawSince: number;
}

/** A state change, with the journal event it is recorded as (and who caused it, when an operator did). */
export interface AlarmTransition {
  record: AlarmRecord;
  event: JournalEvent;
  user?: string | null;
  comment?: string | null;
}

export interface AlarmSampleInput {
  ts: number;
  value: TagValue;
  quality: Quality;
}

/** Why an operator action was refused; `status` is the HTTP status a transport answers with. */
export class AlarmRefusal extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
    this.name = 'AlarmRefusal';
  }
}

/** Kept for the acknowledge callers that check for it by name. */
export class AlarmAckError extends AlarmRefusal {
  constructor(message: string, status: 404 | 409) {
    super(message, status);
    this.name = 'AlarmAckError';
  }
}

export function isOverridden(r: Pick<AlarmRecord, 'shelving' | 'suppressedBy' | 'outOfService'>): boolean {
  return r.shelving !== null || r.suppressedBy !== null || r.outOfService !== null;
}

export function deriveState(r: Omit<AlarmRecord, 'state'>): AlarmState {
  if (r.outOfService) return 'out-of-service';
  if (r.shelving) return 'shelved';
  if (r.suppressedBy) return 'suppressed';
  if (r.active) return r.acked ? 'acknowledged' : 'unacknowledged';
  if (!r.acked) return 'rtn-unacknowledged';
  return r.latched ? 'latched' : 'normal';
}

/** Recomputes the derived state after a change. */
export function settle(r: Omit<AlarmRecord, 'state'> & { state?: AlarmState }): AlarmRecord {
  return { ...r, state: deriveState(r) };
}

export function newAlarmRecord(def: AlarmDefinition, now: number): AlarmRecord {
  return {
    def,
    state: 'normal',
    active: false,
    acked: true,
    confirmed: true,
    latched: false,
    activeSince: null,
    lastChange: now,
    value: null,
    message: `${def.label} normal`,
    shelving: null,
    suppressedBy: null,
    outOfService: null,
    raw: false,
    rawSince: now,
  };
}

/** Keeps the state of an existing alarm when its configuration (limit, deadband, priority, unit) changes. */
export function redefineAlarm(record: AlarmRecord, def: AlarmDefinition): AlarmRecord {
  return { ...record, def };
}

/** Builds the operator text at the moment of a transition (the latest setpoint, rate … at that time). */
export type Describe = (active: boolean) => string;

export interface ConditionResult {
  /** The record after this evaluation (also when only the delay bookkeeping changed). */
  record: AlarmRecord;
  transitions: AlarmTransition[];
}

/**
 * Applies the raw condition at time `now`: records when it changed, and activates or returns the alarm once the
 * on/off delay has passed. Call again later (a timer tick) with the same `raw` to let a pending delay complete.
 */
export function applyCondition(record: AlarmRecord, raw: boolean, now: number, value: TagValue, describe: Describe): ConditionResult {
  let r = record;
  if (raw !== r.raw) r = { ...r, raw, rawSince: now };
  if (raw === r.active) return { record: r, transitions: [] };
  const delay = raw ? r.def.onDelayMs : r.def.offDelayMs;
  if (now - r.rawSince < delay) return { record: r, transitions: [] };
  const overridden = isOverridden(r);
  if (raw) {
    const next = settle({ ...r, active: true, acked: false, latched: false, activeSince: now, lastChange: now, value, message: describe(true) });
    return { record: next, transitions: [{ record: next, event: 'activated' }] };
  }
  // A return while overridden needs no acknowledge: nobody was told it was active.
  const acked = overridden ? true : r.acked;
  const latched = !overridden && acked && r.def.latched;
  let next = settle({ ...r, active: false, acked, latched, activeSince: null, lastChange: now, value, message: describe(false) });
  const transitions: AlarmTransition[] = [{ record: next, event: 'returned' }];
  if (next.shelving?.mode === 'one-shot') {
    next = settle({ ...next, shelving: null });
    transitions.push({ record: next, event: 'unshelved', user: 'system', comment: 'one-shot shelve ended: the alarm returned to normal' });
  }
  return { record: next, transitions };
}

/** Whether a tick at `now` can complete a pending on/off delay (or needs to be looked at at all). */
export function hasPendingDelay(r: AlarmRecord): boolean {
  return r.raw !== r.active;
}

/**
 * Evaluates one sample of the alarm's own tag (using its timestamp as the time): the transition, or null when the
 * state does not change. Bad and stale samples never change a process alarm; uncertain samples are evaluated.
 */
export function evaluateAlarmSample(record: AlarmRecord, sample: AlarmSampleInput): AlarmTransition | null {
  const raw = evaluateCondition(record.def, sample, record.raw);
  if (raw === null) return null;
  const describe: Describe = (active) =>
    active ? activationMessage(record.def, sample.value, { quality: sample.quality }) : returnMessage(record.def, sample.value);
  const { record: next, transitions } = applyCondition(record, raw, sample.ts, sample.value, describe);
  const first = transitions[0];
  return first ? { ...first, record: next } : null;
}

/** Acknowledges an alarm that waits for it; anything else is a refusal that says why. */
export function acknowledgeAlarm(record: AlarmRecord, ts: number): AlarmTransition {
  if (record.acked) {
    if (record.active) throw new AlarmAckError(`alarm ${record.def.id} is already acknowledged`, 409);
    throw new AlarmAckError(`alarm ${record.def.id} is ${record.state}: there is nothing to acknowledge`, 409);
  }
  const latched = !record.active && record.def.latched;
  const next = settle({ ...record, acked: true, confirmed: !record.def.confirmRequired, latched, lastChange: ts });
  return { event: 'acknowledged', record: next };
}

export function toAlarmDto(record: AlarmRecord): AlarmDto {
  const def = record.def;
  return {
    id: def.id,
    tag: def.tag,
    kind: def.input.kind,
    level: def.level,
    priority: def.priority,
    state: record.state,
    active: record.active,
    acknowledged: record.acked,
    confirmed: record.confirmed,
    activeSince: record.activeSince,
    lastChange: record.lastChange,
    limit: def.limit,
    value: record.value,
    message: record.message,
    shelvedUntil: record.shelving?.until ?? null,
    shelving: record.shelving,
    suppressedBy: record.suppressedBy,
    outOfService: record.outOfService !== null,
    outOfServiceReason: record.outOfService ? `${record.outOfService.reason} (${record.outOfService.user})` : null,
    settings: {
      deadband: def.deadband,
      onDelaySec: def.onDelayMs / 1000,
      offDelaySec: def.offDelayMs / 1000,
      latched: def.latched,
      confirmRequired: def.confirmRequired,
      maxShelveMinutes: def.maxShelveMinutes,
    },
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
