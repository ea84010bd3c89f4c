// Alarm list ordering and the banner summary (pure: shared by the Alarms page and the banner).
import type { AlarmDto } from '../../src-main/contract/index.js';

export function alarmTime(a: AlarmDto): number {
  return a.activeSince ?? a.lastChange;
}

/** Highest priority (1) first, then newest first. */
export function compareAlarms(a: AlarmDto, b: AlarmDto): number {
  return a.priority - b.priority || alarmTime(b) - alarmTime(a) || a.id.localeCompare(b.id);
}

/** What the alarm list shows: everything not back to normal (or still waiting for a confirm), overrides included. */
export function isStanding(a: AlarmDto): boolean {
  return a.state !== 'normal' || !a.confirmed;
}

/** Shelved, suppressed by design or out of service: tracked and listed apart, but never annunciated. */
export function isOverridden(a: AlarmDto): boolean {
  return a.state === 'shelved' || a.state === 'suppressed' || a.state === 'out-of-service';
}

export interface AlarmSummary {
  /** Unacknowledged alarm count per priority 1…4 (index 0 = priority 1). */
  unackByPriority: [number, number, number, number];
  unackTotal: number;
  standing: number;
  /** The most recent unacknowledged alarm, else the most recent standing one. */
  newest: AlarmDto | null;
}

export function summarizeAlarms(alarms: readonly AlarmDto[]): AlarmSummary {
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  let newestUnack: AlarmDto | null = null;
  let newestAny: AlarmDto | null = null;
  let standing = 0;
  for (const a of alarms) {
    if (!isStanding(a) || isOverridden(a)) continue;
    standing++;
    if (!newestAny || alarmTime(a) > alarmTime(newestAny)) newestAny = a;
    if (a.acknowledged) continue;
    const idx = Math.min(4, Math.max(1, Math.round(a.priority))) - 1;
    counts[idx] = (counts[idx] ?? 0) + 1;
    if (!newestUnack || alarmTime(a) > alarmTime(newestUnack)) newestUnack = a;
  }
  return {
    unackByPriority: counts,
    unackTotal: counts[0] + counts[1] + counts[2] + counts[3],
    standing,
    newest: newestUnack ?? newestAny,
  };
}

export function alarmMatches(a: AlarmDto, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f.length === 0) return true;
  return [a.tag, a.message, a.level, a.state, `p${a.priority}`].some((s) => s.toLowerCase().includes(f));
}
