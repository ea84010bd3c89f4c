// ISA-18.2 alarm-system performance figures computed from the alarm journal.
import type { AlarmState } from './alarms.js';

/** How an ISA-18.2 figure compares with its target: `ok` meets it, `warning` is manageable, `over` misses it. */
export type KpiStatus = 'ok' | 'warning' | 'over';

/** One alarm-performance figure next to its ISA-18.2 target, so the page can show "3.2 (target ≤ 1)". */
export interface KpiFigure {
  value: number;
  /** The target in words, e.g. `≈ 1 acceptable, ≤ 2 manageable (ISA-18.2)`. */
  target: string;
  status: KpiStatus;
}

/** A period of more than 10 annunciated alarms in 10 minutes (overlapping 10-minute windows merged). */
export interface AlarmFloodDto {
  start: number;
  end: number;
  /** Activations between start and end. */
  count: number;
  /** The alarms that activated most during the flood (at most 3), as `alarmId`. */
  topAlarms: string[];
}

export interface AlarmFrequencyDto {
  alarmId: string;
  tag: string;
  count: number;
  /** Share of all activations in the range, in percent. */
  share: number;
}

/** An alarm that chattered: at least 3 activations within 60 seconds, at least once in the range. */
export interface ChatteringAlarmDto {
  alarmId: string;
  tag: string;
  /** Separate bursts of ≥ 3 activations within 60 s. */
  episodes: number;
  /** Activations inside those bursts. */
  activations: number;
  /** Shortest time between two activations (ms). */
  shortestGapMs: number;
  /** Median time the alarm stayed active inside the bursts (ms); null when no return was journaled. */
  typicalActiveMs: number | null;
  /** What to do, in plain words, with the numbers: shelve for now, then raise the deadband or add an on-delay. */
  suggestion: string;
}

/** An alarm that has been active for more than 24 hours (as of now, not of the range's end). */
export interface StaleAlarmDto {
  alarmId: string;
  tag: string;
  priority: number;
  state: AlarmState;
  activeSince: number;
  activeForMs: number;
  message: string;
}

/** ISA-18.2 alarm-system performance over a time range, from the alarm journal. */
export interface AlarmKpisDto {
  from: number;
  to: number;
  /** When it was computed (stale alarms are judged against this). */
  now: number;
  /** Operators sharing the alarm load (project setting `alarmKpis.operators`). */
  operators: number;
  /** Whether PlantBridge's own system alarms (`#SYS`) are counted. */
  includeSystem: boolean;
  /** Annunciated alarms: `activated` journal events in the range. */
  totalActivations: number;
  /** Average activations per operator per 10 minutes. */
  averageRate: KpiFigure;
  /** The busiest 10-minute window (starting at an alarm), per operator. */
  peakRate: KpiFigure & { count: number; windowStart: number | null; windowEnd: number | null };
  /** Percent of 10-minute windows (fixed, from `from`) with more than 10 activations. */
  floodPeriods: KpiFigure;
  /** Percent of the range spent in a flood. */
  floodTime: KpiFigure;
  floods: AlarmFloodDto[];
  /** Percent of all activations caused by the 10 most frequent alarms. */
  topTenShare: KpiFigure;
  topAlarms: AlarmFrequencyDto[];
  chatteringCount: KpiFigure;
  chattering: ChatteringAlarmDto[];
  staleCount: KpiFigure;
  stale: StaleAlarmDto[];
  /** True when the range held more journal rows than one KPI run reads: the figures cover the newest part only. */
  truncated: boolean;
}
