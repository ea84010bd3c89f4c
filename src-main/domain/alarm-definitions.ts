// Alarm definitions of a tag: one per configured limit level and per configured kind (deviation, rate of change,
// digital, bad quality), each with id `<tagId>#<level>` and its effective settings (tag-level values as defaults).
import type { AlarmLevel, AlarmLimits, AlarmSuppression, AlarmTuning, TagDto } from '../contract/index.js';

/** What an alarm evaluates, with the parameters only that kind needs. */
export type AlarmInput =
  | { kind: 'limit' }
  | { kind: 'deviation'; setpointTag: string }
  | { kind: 'rate'; windowMs: number; direction: 'rising' | 'falling' | 'both' }
  | { kind: 'digital'; alarmWhen: boolean | number | string | null; feedbackTag: string | null }
  | { kind: 'quality' }
  | { kind: 'system' };

export interface AlarmDefinition {
  id: string;
  tag: string;
  level: AlarmLevel;
  input: AlarmInput;
  /** Limit (limit levels, deviation), units per minute (rate); null for kinds without one. */
  limit: number | null;
  /** Hysteresis in engineering units (units per minute for rate); never negative. */
  deadband: number;
  priority: number;
  unit: string;
  /** How the operator names the measurement, e.g. `pump-101 vibration`. */
  label: string;
  /** The condition must hold this long before the alarm activates, and be gone this long before it returns. */
  onDelayMs: number;
  offDelayMs: number;
  /** Message template ({label} {tag} {level} {value} {limit} {unit} {setpoint}); null for the built-in text. */
  message: string | null;
  latched: boolean;
  confirmRequired: boolean;
  maxShelveMinutes: number;
  suppressWhen: AlarmSuppression | null;
}

export type LimitLevel = 'HH' | 'H' | 'L' | 'LL';

/** Checked in this order so the most severe level of a tag comes first. */
export const ALARM_LEVELS: readonly LimitLevel[] = ['HH', 'H', 'L', 'LL'];

export const DEFAULT_MAX_SHELVE_MINUTES = 480;
export const DEFAULT_PRIORITY = 3;

export function alarmId(tagId: string, level: AlarmLevel): string {
  return `${tagId}#${level}`;
}

export function isHighLevel(level: AlarmLevel): boolean {
  return level === 'HH' || level === 'H';
}

export function isLimitLevel(level: AlarmLevel): level is LimitLevel {
  return level === 'HH' || level === 'H' || level === 'L' || level === 'LL';
}

function finiteOr(value: number | undefined, fallback: number, min = Number.NEGATIVE_INFINITY): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback;
}

function secondsToMs(sec: number | undefined, fallbackSec: number): number {
  return Math.round(finiteOr(sec, fallbackSec, 0) * 1000);
}

/** The settings shared by every kind: per-alarm tuning over the tag's defaults. */
function common(tag: TagDto, limits: AlarmLimits, level: AlarmLevel, tuning: AlarmTuning | undefined, minOnDelaySec = 0) {
  const priority = Math.min(4, Math.max(1, Math.round(finiteOr(tuning?.priority, finiteOr(limits.priority, DEFAULT_PRIORITY)))));
  const onDelaySec = Math.max(finiteOr(tuning?.onDelaySec, finiteOr(limits.onDelaySec, 0, 0), 0), minOnDelaySec);
  return {
    id: alarmId(tag.id, level),
    tag: tag.id,
    level,
    priority,
    unit: tag.unit,
    label: `${tag.asset} ${tag.name}`,
    onDelayMs: secondsToMs(onDelaySec, 0),
    offDelayMs: secondsToMs(tuning?.offDelaySec, finiteOr(limits.offDelaySec, 0, 0)),
    message: tuning?.message ?? limits.message ?? null,
    latched: limits.latched ?? false,
    confirmRequired: limits.confirmRequired ?? false,
    maxShelveMinutes: finiteOr(limits.maxShelveMinutes, DEFAULT_MAX_SHELVE_MINUTES, 1),
  };
}

/** The alarms a tag's settings configure; limits that are not finite numbers are skipped, not guessed. */
export function alarmDefinitionsFor(tag: TagDto): AlarmDefinition[] {
  const limits = tag.alarms;
  if (!limits) return [];
  const deadband = finiteOr(limits.deadband, 0, 0);
  // Suppression by design is about the process: it never hides an instrument fault (BAD).
  const suppressWhen = limits.suppressWhen ?? null;
  const defs: AlarmDefinition[] = [];
  for (const level of ALARM_LEVELS) {
    const limit = limits[level];
    if (typeof limit !== 'number' || !Number.isFinite(limit)) continue;
    const tuning = limits.levels?.[level];
    defs.push({
      ...common(tag, limits, level, tuning),
      input: { kind: 'limit' },
      limit,
      deadband: finiteOr(tuning?.deadband, deadband, 0),
      suppressWhen,
    });
  }
  const dev = limits.deviation;
  if (dev && Number.isFinite(dev.limit)) {
    defs.push({
      ...common(tag, limits, 'DEV', dev),
      input: { kind: 'deviation', setpointTag: dev.setpointTag },
      limit: Math.abs(dev.limit),
      deadband: finiteOr(dev.deadband, deadband, 0),
      suppressWhen,
    });
  }
  const roc = limits.rateOfChange;
  if (roc && Number.isFinite(roc.perMinute)) {
    defs.push({
      ...common(tag, limits, 'ROC', roc),
      input: { kind: 'rate', windowMs: secondsToMs(roc.windowSec, 60), direction: roc.direction },
      limit: Math.abs(roc.perMinute),
      deadband: finiteOr(roc.deadband, 0, 0),
      suppressWhen,
    });
  }
  const dig = limits.digital;
  if (dig && (dig.alarmWhen !== undefined || dig.feedbackTag !== undefined)) {
    defs.push({
      ...common(tag, limits, 'DIG', dig, finiteOr(dig.delaySec, 0, 0)),
      input: { kind: 'digital', alarmWhen: dig.alarmWhen ?? null, feedbackTag: dig.feedbackTag ?? null },
      limit: null,
      deadband: 0,
      suppressWhen,
    });
  }
  const bad = limits.badQuality;
  if (bad) {
    defs.push({
      ...common(tag, limits, 'BAD', bad, finiteOr(bad.delaySec, 0, 0)),
      input: { kind: 'quality' },
      limit: null,
      deadband: 0,
      suppressWhen: null,
    });
  }
  return defs;
}

/** Tags other than its own whose values an alarm needs (setpoint, feedback, suppression condition). */
export function relatedTags(def: AlarmDefinition): string[] {
  const out: string[] = [];
  if (def.input.kind === 'deviation') out.push(def.input.setpointTag);
  if (def.input.kind === 'digital' && def.input.feedbackTag) out.push(def.input.feedbackTag);
  if (def.suppressWhen) out.push(def.suppressWhen.tag);
  return out;
}
