// The plain-words "why" of a bearing-wear flag, written for a maintenance planner rather than a statistician.
import type { FlagSeverity } from '../../contract/index.js';
import type { SignalFinding } from './bearing-rule.js';
import { formatClock, formatDuration, formatQuantity, formatSigned, formatWithUnit } from './text-format.js';

export interface ExplanationInput {
  asset: string;
  vibration: SignalFinding;
  temperature: SignalFinding;
  load: SignalFinding | null;
  severity: FlagSeverity;
}

function primarySentence(asset: string, f: SignalFinding): string {
  const { label, unit } = f.input;
  const s = f.input.snapshot;
  const trend = s.trend;
  const e = f.evidence;
  const p = f.projection;
  if (!trend || !e || !p) return `${label} on ${asset} is rising.`;
  const since = e.changePointTs !== null ? ` since ${formatClock(e.changePointTs)}` : '';
  const risen =
    `${label} on ${asset} has risen from a normal ${formatWithUnit(e.baseline, unit)} ` +
    `(band ${formatQuantity(e.bandLow)}–${formatQuantity(e.bandHigh)}) to ${formatWithUnit(e.current, unit)}${since}`;
  if (p.eta <= trend.at) return `${risen} and is above its ${formatWithUnit(e.limit, unit)} alarm limit.`;
  return (
    `${risen} and is climbing ${formatWithUnit(trend.ratePerHour, unit)} per hour; at this rate it reaches the ` +
    `${formatWithUnit(e.limit, unit)} alarm limit in about ${formatDuration(p.eta - trend.at)} ` +
    `(between ${formatDuration(p.earliest - trend.at)} and ${formatDuration(p.latest - trend.at)}).`
  );
}

function confirmationSentence(f: SignalFinding): string {
  const { label, unit } = f.input;
  const s = f.input.snapshot;
  if (!s.warmedUp || Number.isNaN(s.level)) return `${label} has no learned baseline yet, so it cannot confirm this.`;
  if (f.rising) return `${label} is rising with it (${formatSigned(s.level - s.normalLevel, unit)}).`;
  return `${label} is steady (${formatWithUnit(s.level, unit)}), so this is not confirmed yet.`;
}

function loadSentence(f: SignalFinding | null): string | null {
  const s = f?.input.snapshot;
  if (!f || !s || !s.warmedUp || Number.isNaN(s.level)) return null;
  const normal = s.normalLevel;
  const { label, unit } = f.input;
  if (Math.abs(s.level - normal) <= 0.05 * Math.abs(normal)) {
    return `${label} is steady (${formatWithUnit(s.level, unit)}), so a load change does not explain it.`;
  }
  return (
    `${label} also changed (from ${formatWithUnit(normal, unit)} to ${formatWithUnit(s.level, unit)}): ` +
    `check whether the load changed.`
  );
}

function advice(severity: FlagSeverity): string {
  if (severity === 'critical') return 'Likely bearing wear: inspect now and be ready to switch to the standby pump.';
  if (severity === 'warning') return 'Likely bearing wear: plan an inspection.';
  return 'Possible bearing wear: keep watching and plan an inspection.';
}

export function explainBearingFlag(input: ExplanationInput): string {
  const parts = [
    primarySentence(input.asset, input.vibration),
    confirmationSentence(input.temperature),
    loadSentence(input.load),
    advice(input.severity),
  ];
  return parts.filter((p): p is string => p !== null).join(' ');
}

