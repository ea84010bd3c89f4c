// Runtime settings of one alarm that outlive a restart: an engineer's limit edits, out-of-service and shelving.
// Limit edits are checked against the tag's other limit levels so HH ≥ H > L ≥ LL always holds.
import type { AlarmShelving } from '../contract/index.js';
import { isLimitLevel, type AlarmDefinition, type LimitLevel } from './alarm-definitions.js';
import { formatAlarmNumber } from './alarm-message.js';
import { AlarmRefusal, type OutOfService } from './alarm-state-machine.js';

export interface AlarmLimitEdit {
  limit?: number | undefined;
  deadband?: number | undefined;
  priority?: number | undefined;
  onDelaySec?: number | undefined;
  offDelaySec?: number | undefined;
}

export interface AlarmRuntimeSettings {
  limits?: AlarmLimitEdit;
  outOfService?: OutOfService;
  shelving?: AlarmShelving;
}

const EDIT_KEYS = ['limit', 'deadband', 'priority', 'onDelaySec', 'offDelaySec'] as const;

/** The definition with an engineer's edits on top of the configuration. */
export function applyLimitEdit(def: AlarmDefinition, edit: AlarmLimitEdit | undefined): AlarmDefinition {
  if (!edit) return def;
  return {
    ...def,
    limit: edit.limit !== undefined && def.limit !== null ? edit.limit : def.limit,
    deadband: edit.deadband ?? def.deadband,
    priority: edit.priority ?? def.priority,
    onDelayMs: edit.onDelaySec !== undefined ? Math.round(edit.onDelaySec * 1000) : def.onDelayMs,
    offDelayMs: edit.offDelaySec !== undefined ? Math.round(edit.offDelaySec * 1000) : def.offDelayMs,
  };
}

/** Merges a new edit into the stored one (fields not given keep their earlier edit). */
export function mergeLimitEdits(stored: AlarmLimitEdit | undefined, edit: AlarmLimitEdit): AlarmLimitEdit {
  const out: AlarmLimitEdit = { ...stored };
  for (const k of EDIT_KEYS) if (edit[k] !== undefined) out[k] = edit[k];
  return out;
}

const ORDER: readonly LimitLevel[] = ['HH', 'H', 'L', 'LL'];

/**
 * Refuses an edit that makes no sense for this alarm: a limit on a kind without one, a non-positive deviation or
 * rate limit, or limit levels out of order with the tag's other levels (`siblings`: the tag's current definitions).
 */
export function checkLimitEdit(def: AlarmDefinition, edit: AlarmLimitEdit, siblings: readonly AlarmDefinition[]): void {
  const id = def.id;
  if (edit.limit === undefined) return;
  if (def.limit === null) throw new AlarmRefusal(`alarm ${id} (${def.input.kind}) has no limit to change`, 409);
  if ((def.input.kind === 'deviation' || def.input.kind === 'rate') && edit.limit <= 0) {
    throw new AlarmRefusal(`the limit of ${def.input.kind} alarm ${id} must be greater than 0`, 400);
  }
  if (!isLimitLevel(def.level)) return;
  const limits = new Map<LimitLevel, number>();
  for (const s of siblings) {
    if (s.tag === def.tag && isLimitLevel(s.level) && s.limit !== null) limits.set(s.level, s.limit);
  }
  limits.set(def.level, edit.limit);
  // Each present level must be ≥ (HH ≥ H, L ≥ LL) or > (H > L) the next present lower level.
  const present = ORDER.filter((l) => limits.has(l));
  for (let i = 0; i + 1 < present.length; i++) {
    const hi = present[i] as LimitLevel;
    const lo = present[i + 1] as LimitLevel;
    const a = limits.get(hi) ?? 0;
    const b = limits.get(lo) ?? 0;
    const strict = (hi === 'HH' || hi === 'H') && (lo === 'L' || lo === 'LL');
    if (strict ? a <= b : a < b) {
      throw new AlarmRefusal(
        `${def.level} ${formatAlarmNumber(edit.limit)} would put ${hi} (${formatAlarmNumber(a)}) ${strict ? 'at or below' : 'below'} ${lo} (${formatAlarmNumber(b)}) on ${def.tag}`,
        409,
      );
    }
  }
}

/** "H 8 → 8.5; deadband 0.2 → 0.3" for the journal and the audit. */
export function describeLimitChange(before: AlarmDefinition, after: AlarmDefinition): string {
  const parts: string[] = [];
  const add = (name: string, a: number | null, b: number | null) => {
    if (a === b) return;
    const f = (v: number | null) => (v === null ? '—' : formatAlarmNumber(v));
    parts.push(`${name} ${f(a)} → ${f(b)}`);
  };
  add(before.level === 'ROC' ? 'limit (per minute)' : before.input.kind === 'limit' ? before.level : 'limit', before.limit, after.limit);
  add('deadband', before.deadband, after.deadband);
  add('priority', before.priority, after.priority);
  add('on-delay s', before.onDelayMs / 1000, after.onDelayMs / 1000);
  add('off-delay s', before.offDelayMs / 1000, after.offDelayMs / 1000);
  return parts.length === 0 ? 'no change' : parts.join('; ');
}

/** The edit as plain numbers for the audit row's old/new values. */
export function limitSnapshot(def: AlarmDefinition): string {
  return JSON.stringify({
    limit: def.limit,
    deadband: def.deadband,
    priority: def.priority,
    onDelaySec: def.onDelayMs / 1000,
    offDelaySec: def.offDelayMs / 1000,
  });
}
