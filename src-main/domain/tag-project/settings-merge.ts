// Applies a row's settings to a tag's current settings (a value sets, null clears, absent keeps), and compares two
// settings objects field by field for the import diff.
import type { AlarmLimits } from '../../contract/index.js';
import type { LimitPatch, SettingsPatch, TagSettingsSpec } from './model.js';

const PLAIN_KEYS = ['writable', 'remoteWrite', 'uplink', 'deadband', 'unit', 'description', 'alarms'] as const;
const LEVELS = ['HH', 'H', 'L', 'LL'] as const;
const OTHER_ALARM_KINDS = ['deviation', 'rateOfChange', 'digital', 'badQuality'] as const;

export function mergeSettings(current: TagSettingsSpec, patch: SettingsPatch): TagSettingsSpec {
  const next: Record<string, unknown> = { ...current };
  for (const k of PLAIN_KEYS) {
    if (!(k in patch)) continue;
    const v = patch[k];
    if (v === null || v === undefined) delete next[k];
    else next[k] = v;
  }
  const out = next as TagSettingsSpec;
  if (patch.limits) {
    const alarms = mergeLimits(out.alarms ?? null, patch.limits);
    if (alarms) out.alarms = alarms;
    else delete out.alarms;
  }
  return out;
}

/** HH/H/L/LL/priority over the tag's alarm settings; null when no alarm of any kind is left. */
function mergeLimits(current: AlarmLimits | null, p: LimitPatch): AlarmLimits | null {
  const a: AlarmLimits = current ? { ...current } : { deadband: 0, priority: 3 };
  const levels = a.levels ? { ...a.levels } : undefined;
  for (const level of LEVELS) {
    const v = p[level];
    if (v === undefined) continue;
    if (v === null) {
      delete a[level];
      if (levels) delete levels[level];
    } else a[level] = v;
  }
  if (levels && Object.keys(levels).length > 0) a.levels = levels;
  else delete a.levels;
  if (p.priority !== undefined) a.priority = p.priority ?? 3;
  const any = LEVELS.some((l) => a[l] !== undefined) || OTHER_ALARM_KINDS.some((k) => a[k] !== undefined);
  return any ? a : null;
}

/** A stable text form for comparing settings: keys sorted, undefined left out. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The settings fields whose values differ (alarm limits count as `alarms`). */
export function changedSettings(a: TagSettingsSpec, b: TagSettingsSpec): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) {
    if (canonical((a as Record<string, unknown>)[k]) !== canonical((b as Record<string, unknown>)[k])) out.push(k);
  }
  return out.sort();
}
