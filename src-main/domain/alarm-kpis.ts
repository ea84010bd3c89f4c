// ISA-18.2 alarm-system performance from the alarm journal: rates per operator per 10 minutes, floods, the most
// frequent, chattering and stale alarms, each figure next to its ISA-18.2 target. Pure: no clock, no I/O.
// Only `activated` events count as annunciated alarms. System alarms (`#SYS`) count unless excluded.
import type {
  AlarmDto,
  AlarmFloodDto,
  AlarmFrequencyDto,
  AlarmKpisDto,
  ChatteringAlarmDto,
  JournalEntry,
  KpiFigure,
  KpiStatus,
  StaleAlarmDto,
} from '../contract/index.js';
import { busiestWindow, countPerPeriod, findBursts } from './alarm-bursts.js';
import { chatterSuggestion, type AlarmTuning } from './chatter-advice.js';
import { SYSTEM_TAG_PREFIX } from './system-alarm.js';

export const TEN_MINUTES = 600_000;
export const FLOOD_COUNT = 11; // more than 10 in 10 minutes
export const CHATTER_WINDOW_MS = 60_000;
export const CHATTER_COUNT = 3;
export const STALE_AFTER_MS = 24 * 3_600_000;
const TOP_N = 10;

export interface AlarmKpiInput {
  from: number;
  to: number;
  now: number;
  operators: number;
  includeSystem: boolean;
  /** Journal entries of the range, any order, any events (returns give the chattering alarms' active times). */
  entries: readonly JournalEntry[];
  /** The alarms as they are now (for stale alarms). */
  alarms: readonly AlarmDto[];
  /** The tuning of an alarm, for the chattering advice. */
  tuning?: (alarmId: string, tag: string) => AlarmTuning | undefined;
  truncated?: boolean;
}

export function isSystemAlarm(alarmId: string, tag: string): boolean {
  return alarmId.endsWith('#SYS') || tag.startsWith(`${SYSTEM_TAG_PREFIX}/`);
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

function figure(value: number, target: string, status: KpiStatus): KpiFigure {
  return { value, target, status };
}

function byThresholds(value: number, okAtMost: number, warningAtMost: number): KpiStatus {
  return value <= okAtMost ? 'ok' : value <= warningAtMost ? 'warning' : 'over';
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function groupTimes(entries: readonly JournalEntry[]): Map<string, { tag: string; times: number[] }> {
  const out = new Map<string, { tag: string; times: number[] }>();
  for (const e of entries) {
    const g = out.get(e.alarmId) ?? { tag: e.tag, times: [] };
    g.times.push(e.ts);
    out.set(e.alarmId, g);
  }
  return out;
}

function topAlarms(byAlarm: Map<string, { tag: string; times: number[] }>, total: number): AlarmFrequencyDto[] {
  return [...byAlarm.entries()]
    .map(([alarmId, g]) => ({ alarmId, tag: g.tag, count: g.times.length, share: total > 0 ? round((g.times.length / total) * 100, 1) : 0 }))
    .sort((a, b) => b.count - a.count || (a.alarmId < b.alarmId ? -1 : 1))
    .slice(0, TOP_N);
}

function floods(activations: readonly JournalEntry[], to: number): AlarmFloodDto[] {
  const times = activations.map((e) => e.ts);
  return findBursts(times, TEN_MINUTES, FLOOD_COUNT).map((b) => {
    const counts = new Map<string, number>();
    for (const e of activations.slice(b.first, b.last + 1)) counts.set(e.alarmId, (counts.get(e.alarmId) ?? 0) + 1);
    const top = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3).map(([id]) => id);
    return { start: b.start, end: Math.min(b.end, to), count: b.count, topAlarms: top };
  });
}

/** How long each activation lasted: from `activated` to the next `returned`/`cleared` of the same alarm. */
function activeDurations(entries: readonly JournalEntry[], alarmId: string, from: number, to: number): number[] {
  const out: number[] = [];
  let since: number | null = null;
  for (const e of entries) {
    if (e.alarmId !== alarmId) continue;
    if (e.event === 'activated') since = e.ts;
    else if ((e.event === 'returned' || e.event === 'cleared') && since !== null) {
      if (since >= from && since < to) out.push(e.ts - since);
      since = null;
    }
  }
  return out;
}

function chattering(input: AlarmKpiInput, sorted: readonly JournalEntry[], byAlarm: Map<string, { tag: string; times: number[] }>): ChatteringAlarmDto[] {
  const out: ChatteringAlarmDto[] = [];
  for (const [alarmId, g] of byAlarm) {
    const bursts = findBursts(g.times, CHATTER_WINDOW_MS, CHATTER_COUNT);
    if (bursts.length === 0) continue;
    let activations = 0;
    let shortestGapMs = Infinity;
    const durations: number[] = [];
    for (const b of bursts) {
      activations += b.count;
      for (let i = b.first + 1; i <= b.last; i++) shortestGapMs = Math.min(shortestGapMs, (g.times[i] ?? 0) - (g.times[i - 1] ?? 0));
      durations.push(...activeDurations(sorted, alarmId, b.start, b.end));
    }
    const facts = { alarmId, episodes: bursts.length, activations, shortestGapMs, typicalActiveMs: median(durations) };
    const suggestion = chatterSuggestion(facts, input.tuning?.(alarmId, g.tag), isSystemAlarm(alarmId, g.tag));
    out.push({ ...facts, tag: g.tag, suggestion });
  }
  return out.sort((a, b) => b.episodes - a.episodes || b.activations - a.activations || (a.alarmId < b.alarmId ? -1 : 1));
}

function staleAlarms(input: AlarmKpiInput): StaleAlarmDto[] {
  const out: StaleAlarmDto[] = [];
  for (const a of input.alarms) {
    if (!a.active || a.activeSince === null) continue;
    if (!input.includeSystem && isSystemAlarm(a.id, a.tag)) continue;
    const activeForMs = input.now - a.activeSince;
    if (activeForMs <= STALE_AFTER_MS) continue;
    out.push({ alarmId: a.id, tag: a.tag, priority: a.priority, state: a.state, activeSince: a.activeSince, activeForMs, message: a.message });
  }
  return out.sort((a, b) => a.activeSince - b.activeSince || (a.alarmId < b.alarmId ? -1 : 1));
}

export function computeAlarmKpis(input: AlarmKpiInput): AlarmKpisDto {
  const { from, to } = input;
  const operators = Math.max(1, input.operators);
  const counted = input.entries
    .filter((e) => e.ts >= from && e.ts <= to && (input.includeSystem || !isSystemAlarm(e.alarmId, e.tag)))
    .sort((a, b) => a.ts - b.ts || a.id - b.id);
  const activations = counted.filter((e) => e.event === 'activated');
  const total = activations.length;
  const tenMinutePeriods = Math.max(1, (to - from) / TEN_MINUTES);

  const average = round(total / operators / tenMinutePeriods);
  const busiest = busiestWindow(activations.map((e) => e.ts), TEN_MINUTES);
  const peak = round((busiest?.count ?? 0) / operators);
  const periodCounts = countPerPeriod(activations.map((e) => e.ts), from, to, TEN_MINUTES);
  const floodPeriodShare = round((periodCounts.filter((c) => c >= FLOOD_COUNT).length / periodCounts.length) * 100);
  const floodList = floods(activations, to);
  const floodMs = floodList.reduce((sum, f) => sum + (Math.min(f.end, to) - Math.max(f.start, from)), 0);
  const floodTime = round((floodMs / (to - from)) * 100);
  const byAlarm = groupTimes(activations);
  const top = topAlarms(byAlarm, total);
  const topTenShare = total > 0 ? round((top.reduce((s, a) => s + a.count, 0) / total) * 100, 1) : 0;
  const chatter = chattering(input, counted, byAlarm);
  const stale = staleAlarms(input);

  return {
    from,
    to,
    now: input.now,
    operators,
    includeSystem: input.includeSystem,
    totalActivations: total,
    averageRate: figure(average, '≈ 1 per operator per 10 min very likely acceptable, ≤ 2 maximum manageable', byThresholds(average, 1, 2)),
    peakRate: {
      ...figure(peak, '≤ 10 per operator in any 10 min (more is a flood)', byThresholds(peak, 10, 10)),
      count: busiest?.count ?? 0,
      windowStart: busiest ? busiest.start : null,
      windowEnd: busiest ? busiest.start + TEN_MINUTES : null,
    },
    floodPeriods: figure(floodPeriodShare, '< 1 % of 10-minute periods with more than 10 alarms', byThresholds(floodPeriodShare, 1, 1)),
    floodTime: figure(floodTime, '< 1 % of the time in flood', byThresholds(floodTime, 1, 1)),
    floods: floodList,
    topTenShare: figure(topTenShare, '≈ 1 % to 5 % at most of all alarms from the 10 most frequent (large systems)', byThresholds(topTenShare, 1, 5)),
    topAlarms: top,
    chatteringCount: figure(chatter.length, '0 chattering alarms (fix any that occur)', byThresholds(chatter.length, 0, 0)),
    chattering: chatter,
    staleCount: figure(stale.length, '< 5 alarms active for more than 24 h', byThresholds(stale.length, 0, 4)),
    stale,
    truncated: input.truncated ?? false,
  };
}
