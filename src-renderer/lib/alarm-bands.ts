// Alarm bands for trends (pure): the intervals in which an alarm of a shown tag was active, from the journal of
// the visible range plus the alarms standing now, coloured by ISA-18.2 priority (ISA-101 alarm colours).
import type { AlarmDto, AlarmLevel, JournalEntry } from '../../src-main/contract/index.js';

export interface AlarmBand {
  alarmId: string;
  tag: string;
  level: string;
  start: number;
  end: number;
}

/** ISA-101 alarm colours by priority (the same as the alarm list's): red, orange, yellow, magenta. */
export const priorityColours = ['#d40000', '#f08c00', '#f2d000', '#b0129a'] as const;

export function priorityColour(priority: number): string {
  return priorityColours[Math.min(4, Math.max(1, Math.round(priority))) - 1] ?? '#b0129a';
}

function levelOf(alarmId: string): AlarmLevel | string {
  const i = alarmId.lastIndexOf('#');
  return i >= 0 ? alarmId.slice(i + 1) : '';
}

/**
 * `entries`: journal entries of the shown tags in [from, to] (any order). An activation opens a band, a return or
 * clear closes it; a return without an activation in range means the alarm was already active at `from`; a band
 * still open at the end runs to `to`. An alarm active now since before `from`, with no entry in range, covers all.
 */
export function alarmBands(entries: readonly JournalEntry[], standing: readonly AlarmDto[], tags: ReadonlySet<string>, from: number, to: number): AlarmBand[] {
  const bands: AlarmBand[] = [];
  const open = new Map<string, JournalEntry>();
  const seen = new Set<string>();
  const sorted = entries.filter((e) => tags.has(e.tag) && e.ts >= from && e.ts <= to).sort((a, b) => a.ts - b.ts || a.id - b.id);
  const push = (alarmId: string, tag: string, start: number, end: number) => {
    if (end > start) bands.push({ alarmId, tag, level: levelOf(alarmId), start, end });
  };
  for (const e of sorted) {
    seen.add(e.alarmId);
    if (e.event === 'activated') {
      if (!open.has(e.alarmId)) open.set(e.alarmId, e);
    } else if (e.event === 'returned' || e.event === 'cleared') {
      const started = open.get(e.alarmId);
      open.delete(e.alarmId);
      push(e.alarmId, e.tag, started ? started.ts : from, e.ts);
    }
  }
  for (const [alarmId, e] of open) push(alarmId, e.tag, e.ts, to);
  for (const a of standing) {
    if (!tags.has(a.tag) || seen.has(a.id) || !a.active || a.activeSince === null || a.activeSince > from) continue;
    push(a.id, a.tag, from, to);
  }
  return bands.sort((a, b) => a.start - b.start || (a.alarmId < b.alarmId ? -1 : 1));
}
