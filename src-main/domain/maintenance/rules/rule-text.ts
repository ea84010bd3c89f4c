// Plain-words sentences shared by the multi-signal rules' explanations.
import { formatClock, formatDuration, formatQuantity, formatSigned, formatWithUnit } from '../text-format.js';
import type { ChannelFinding } from './channel-finding.js';

/** "Flow on pump-101 has fallen from a normal 100 m3/h (band 96–104) to 81 m3/h since 10:20 and …". */
export function movementSentence(asset: string, f: ChannelFinding): string {
  const { label, unit } = f.input;
  const s = f.snapshot;
  const verb = f.direction === 'up' ? 'risen' : 'fallen';
  const since = f.drifting && s.changePointTs !== null ? ` since ${formatClock(s.changePointTs)}` : '';
  const moved =
    `${label} on ${asset} has ${verb} from a normal ${formatWithUnit(s.normalLevel, unit)} ` +
    `(band ${formatQuantity(f.bandLow)}–${formatQuantity(f.bandHigh)}) to ${formatWithUnit(s.level, unit)}${since}`;
  const trend = f.trend;
  const p = f.projection;
  if (!trend || !p || f.limit === null) return `${moved}.`;
  if (p.eta <= trend.at) return `${moved} and is past its ${formatWithUnit(f.limit, unit)} alarm limit.`;
  const going = f.direction === 'up' ? 'climbing' : 'falling';
  return (
    `${moved} and is ${going} ${formatWithUnit(Math.abs(trend.ratePerHour), unit)} per hour; at this rate it reaches ` +
    `the ${formatWithUnit(f.limit, unit)} alarm limit in about ${formatDuration(p.eta - trend.at)} ` +
    `(between ${formatDuration(p.earliest - trend.at)} and ${formatDuration(p.latest - trend.at)}).`
  );
}

/** "Discharge pressure is falling with it (−0.4 bar)." / "… is steady (4.6 bar)." */
export function relatedSentence(f: ChannelFinding, expected: 'with' | 'steady'): string {
  const { label, unit } = f.input;
  const s = f.snapshot;
  if (!s.warmedUp || Number.isNaN(s.level)) return `${label} has no learned baseline yet.`;
  const delta = s.level - s.normalLevel;
  const inside = s.level >= f.bandLow && s.level <= f.bandHigh;
  if (expected === 'steady' || inside) {
    return inside
      ? `${label} stays in its normal band (${formatWithUnit(s.level, unit)}).`
      : `${label} has also moved (${formatSigned(delta, unit)}).`;
  }
  return `${label} moved with it (${formatSigned(delta, unit)}).`;
}

export function noiseSentence(findings: readonly ChannelFinding[]): string | null {
  const noisy = findings.filter((f) => f.noisy);
  if (noisy.length === 0) return null;
  const parts = noisy.map((f) => `${f.input.label.toLowerCase()} ×${formatQuantity(f.snapshot.noiseRatio)}`);
  return `The signals have become noisier than normal (${parts.join(', ')}).`;
}
