// Run hours and start counts of a motor-driven asset from its boolean `running` tag, and the service-interval
// rule over them. Pure state steps: the service persists the state so the counts survive restarts.
import type { RunHoursDto } from '../../contract/index.js';
import { formatQuantity } from './text-format.js';
import { quietAssessment, type RuleAssessment } from './rules/rule-assessment.js';

export const SERVICE_INTERVAL_RULE = 'service-interval';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface RunCounterState {
  asset: string;
  runningTag: string;
  /** null until the first good sample. */
  running: boolean | null;
  runMs: number;
  starts: number;
  runMsAtService: number;
  /** Start times within the last 24 h (bounded). */
  recentStarts: number[];
  /** Time of the last sample taken into account. */
  lastTs: number | null;
}

export interface ServiceLimits {
  serviceIntervalHours: number;
  maxStartsPerHour: number;
  maxStartsPerDay: number;
}

const MAX_RECENT_STARTS = 1000;

export function newRunCounter(asset: string, runningTag: string): RunCounterState {
  return { asset, runningTag, running: null, runMs: 0, starts: 0, runMsAtService: 0, recentStarts: [], lastTs: null };
}

/** Takes one sample of the running tag. Out-of-order samples are ignored; time between samples counts as running
 * when the asset was running at the earlier sample. */
export function stepRunCounter(s: RunCounterState, ts: number, running: boolean): RunCounterState {
  if (s.lastTs !== null && ts < s.lastTs) return s;
  const runMs = s.runMs + (s.running === true && s.lastTs !== null ? ts - s.lastTs : 0);
  const started = s.running === false && running;
  const recentStarts = started ? [...s.recentStarts.filter((t) => t > ts - DAY_MS), ts].slice(-MAX_RECENT_STARTS) : s.recentStarts;
  return { ...s, running, runMs, starts: s.starts + (started ? 1 : 0), recentStarts, lastTs: ts };
}

/** Brings the run time up to `now` (a running asset keeps accumulating between samples). */
export function advanceRunCounter(s: RunCounterState, now: number): RunCounterState {
  if (s.lastTs === null || now <= s.lastTs || s.running === null) return s;
  return stepRunCounter(s, now, s.running);
}

export function recordService(s: RunCounterState): RunCounterState {
  return { ...s, runMsAtService: s.runMs };
}

export function runHoursDto(s: RunCounterState, limits: ServiceLimits, now: number): RunHoursDto {
  const runHours = s.runMs / HOUR_MS;
  const atService = s.runMsAtService / HOUR_MS;
  return {
    asset: s.asset,
    runningTag: s.runningTag,
    running: s.running === true,
    runHours,
    starts: s.starts,
    runHoursAtService: atService,
    serviceIntervalHours: limits.serviceIntervalHours,
    serviceDueInHours: atService + limits.serviceIntervalHours - runHours,
    startsLastHour: s.recentStarts.filter((t) => t > now - HOUR_MS).length,
    startsLast24h: s.recentStarts.filter((t) => t > now - DAY_MS).length,
    updatedAt: s.lastTs ?? now,
  };
}

export function assessServiceInterval(s: RunCounterState, limits: ServiceLimits, now: number): RuleAssessment {
  const d = runHoursDto(s, limits, now);
  const tags = [s.runningTag];
  if (s.running === null) return quietAssessment(false, tags);
  const reasons: string[] = [];
  if (d.serviceDueInHours <= 0) {
    reasons.push(
      `${s.asset} has run ${formatQuantity(d.runHours - d.runHoursAtService)} h since its last service ` +
        `(interval ${formatQuantity(limits.serviceIntervalHours)} h): service is due.`,
    );
  }
  if (d.startsLastHour > limits.maxStartsPerHour) {
    reasons.push(`${s.asset} started ${d.startsLastHour} times in the last hour (at most ${limits.maxStartsPerHour}): frequent starts overheat the motor windings.`);
  }
  if (d.startsLast24h > limits.maxStartsPerDay) {
    reasons.push(`${s.asset} started ${d.startsLast24h} times in the last 24 h (at most ${limits.maxStartsPerDay}).`);
  }
  if (reasons.length === 0) return quietAssessment(true, tags);
  const overdue = -d.serviceDueInHours > 0.1 * limits.serviceIntervalHours;
  return {
    evaluable: true,
    condition: true,
    severity: overdue ? 'critical' : 'warning',
    limitEta: null,
    limitEtaRange: null,
    tags,
    evidence: [],
    explanation: `${reasons.join(' ')} Clear this flag once the service is done: that restarts the interval.`,
  };
}
