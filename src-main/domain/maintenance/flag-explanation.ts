// The plain-words "why" of a bearing-wear flag, written for a maintenance planner rather than a statistician.
import type { FlagSeverity } from '../../contract/index.js';
import type { SignalFinding } from './bearing-rule.js';
import { formatClock, formatDuration, formatQuantity, formatSigned, formatWithUnit } from './text-format.js';

export interface ExplanationInput {
  asset: string;
  primary: SignalFinding;
  secondary: SignalFinding;
  load: SignalFinding | null;
  severity: FlagSeverity;
  vibrationLed: boolean;
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
  const trend = f.input.snapshot.trend;
  if (!trend || !f.input.snapshot.warmedUp) return `${label} has no learned baseline yet, so it cannot confirm this.`;
  if (f.rising) return `${label} is rising with it (${formatSigned(trend.level - f.input.snapshot.normalLevel, unit)}).`;
  return `${label} is steady (${formatWithUnit(trend.level, unit)}), so this is not confirmed yet.`;
}

function loadSentence(f: SignalFinding | null): string | null {
  const trend = f?.input.snapshot.trend;
  if (!f || !trend || !f.input.snapshot.warmedUp) return null;
  const normal = f.input.snapshot.normalLevel;
  const { label, unit } = f.input;
  if (Math.abs(trend.level - normal) <= 0.05 * Math.abs(normal)) {
    return `${label} is steady (${formatWithUnit(trend.level, unit)}), so a load change does not explain it.`;
  }
  return (
    `${label} also changed (from ${formatWithUnit(normal, unit)} to ${formatWithUnit(trend.level, unit)}): ` +
    `check whether the load changed.`
  );
}

function advice(severity: FlagSeverity, vibrationLed: boolean): string {
  if (!vibrationLed) {
    return severity === 'critical'
      ? 'Possible lubrication or cooling problem: check the bearing now.'
      : 'Possible lubrication or cooling problem: check the bearing at the next opportunity.';
  }
  if (severity === 'critical') return 'Likely bearing wear: inspect now and be ready to switch to the standby pump.';
  if (severity === 'warning') return 'Likely bearing wear: plan an inspection.';
  return 'Possible bearing wear: keep watching and plan an inspection.';
}

export function explainBearingFlag(input: ExplanationInput): string {
  const parts = [
    primarySentence(input.asset, input.primary),
    confirmationSentence(input.secondary),
    loadSentence(input.load),
    advice(input.severity, input.vibrationLed),
  ];
  return parts.filter((p): p is string => p !== null).join(' ');
}

