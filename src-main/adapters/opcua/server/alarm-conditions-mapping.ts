// How an AlarmDto looks as an OPC UA Part 9 condition: type, severity, Retain, LimitState, shelving. Pure mapping.
import type { AlarmDto, AlarmLevel } from '../../../contract/index.js';

/** Part 9 alarm types PlantBridge's alarm kinds are exposed as (all standard, namespace 0). */
export type ConditionTypeName =
  | 'ExclusiveLimitAlarmType'
  | 'ExclusiveDeviationAlarmType'
  | 'ExclusiveRateOfChangeAlarmType'
  | 'OffNormalAlarmType'
  | 'InstrumentDiagnosticAlarmType'
  | 'SystemDiagnosticAlarmType';

export type LimitStateName = 'HighHigh' | 'High' | 'Low' | 'LowLow';
export type LimitPropertyName = 'HighHighLimit' | 'HighLimit' | 'LowLimit' | 'LowLowLimit';
export type ShelvingStateName = 'Unshelved' | 'TimedShelved' | 'OneShotShelved';

/** ISA-18.2 priority 1 (highest) … 4 → OPC UA Severity (1–1000). Unknown priorities fall to the lowest band. */
export function severityFor(priority: number): number {
  if (priority <= 1) return 900;
  if (priority === 2) return 700;
  if (priority === 3) return 500;
  return 300;
}

export function conditionTypeFor(alarm: Pick<AlarmDto, 'kind'>): ConditionTypeName {
  switch (alarm.kind) {
    case 'limit':
      return 'ExclusiveLimitAlarmType';
    case 'deviation':
      return 'ExclusiveDeviationAlarmType';
    case 'rate':
      return 'ExclusiveRateOfChangeAlarmType';
    case 'digital':
      return 'OffNormalAlarmType';
    case 'quality':
      return 'InstrumentDiagnosticAlarmType';
    case 'system':
      return 'SystemDiagnosticAlarmType';
  }
}

/** The ExclusiveLimitStateMachine state an active alarm of this level is in (null: not a limit-type level). */
export function limitStateFor(level: AlarmLevel): LimitStateName | null {
  switch (level) {
    case 'HH':
      return 'HighHigh';
    case 'H':
    case 'DEV':
    case 'ROC':
      // Deviation and rate of change are "too far / too fast": PlantBridge watches the magnitude against one limit.
      return 'High';
    case 'L':
      return 'Low';
    case 'LL':
      return 'LowLow';
    default:
      return null;
  }
}

export function limitPropertyFor(state: LimitStateName): LimitPropertyName {
  return `${state}Limit` as LimitPropertyName;
}

/**
 * Retain (Part 9 §5.5.2): the condition is of interest to a client that (re)synchronises with ConditionRefresh.
 * True while the process condition holds or anything still waits for the operator (acknowledge, confirm, reset).
 */
export function retainOf(alarm: Pick<AlarmDto, 'active' | 'acknowledged' | 'confirmed' | 'state'>): boolean {
  return alarm.active || !alarm.acknowledged || !alarm.confirmed || alarm.state === 'latched';
}

export function shelvingStateOf(alarm: Pick<AlarmDto, 'shelving'>): ShelvingStateName {
  if (alarm.shelving === null) return 'Unshelved';
  return alarm.shelving.mode === 'timed' ? 'TimedShelved' : 'OneShotShelved';
}

export function isSuppressed(alarm: Pick<AlarmDto, 'state' | 'suppressedBy'>): boolean {
  return alarm.state === 'suppressed' || alarm.suppressedBy !== null;
}

/** The ConditionName: the level for a tag alarm (the SourceName already names the tag), the label for a system one. */
export function conditionNameOf(alarm: Pick<AlarmDto, 'kind' | 'level' | 'tag'>): string {
  if (alarm.kind !== 'system') return alarm.level;
  const slash = alarm.tag.indexOf('/system/');
  return slash >= 0 ? alarm.tag.slice(slash + '/system/'.length) : alarm.tag;
}

/** What a client sees change: an event is raised only when this differs from the last one mirrored. */
export function visibleStateKey(a: AlarmDto): string {
  return JSON.stringify([
    a.state,
    a.active,
    a.acknowledged,
    a.confirmed,
    a.message,
    a.priority,
    a.limit,
    a.shelving?.mode ?? null,
    a.shelving?.until ?? null,
    a.suppressedBy,
    a.outOfService,
  ]);
}
