// Limit alarm definitions: one alarm per configured level of a tag, with id `<tagId>#<level>`.
import type { AlarmLevel, TagDto } from '../contract/index.js';

export interface AlarmDefinition {
  id: string;
  tag: string;
  level: AlarmLevel;
  limit: number;
  /** Hysteresis in engineering units (never negative). */
  deadband: number;
  priority: number;
  unit: string;
  /** How the operator names the measurement, e.g. `pump-101 vibration`. */
  label: string;
}

export type LimitLevel = 'HH' | 'H' | 'L' | 'LL';

/** Checked in this order so the most severe level of a tag comes first. */
export const ALARM_LEVELS: readonly LimitLevel[] = ['HH', 'H', 'L', 'LL'];

export function alarmId(tagId: string, level: AlarmLevel): string {
  return `${tagId}#${level}`;
}

export function isHighLevel(level: AlarmLevel): boolean {
  return level === 'HH' || level === 'H';
}

/** The alarms a tag's limits configure; limits that are not finite numbers are skipped, not guessed. */
export function alarmDefinitionsFor(tag: TagDto): AlarmDefinition[] {
  const limits = tag.alarms;
  if (!limits) return [];
  const deadband = Number.isFinite(limits.deadband) && limits.deadband > 0 ? limits.deadband : 0;
  const priority = Number.isFinite(limits.priority) ? limits.priority : 4;
  const defs: AlarmDefinition[] = [];
  for (const level of ALARM_LEVELS) {
    const limit = limits[level];
    if (typeof limit !== 'number' || !Number.isFinite(limit)) continue;
    defs.push({
      id: alarmId(tag.id, level),
      tag: tag.id,
      level,
      limit,
      deadband,
      priority,
      unit: tag.unit,
      label: `${tag.asset} ${tag.name}`,
    });
  }
  return defs;
}
