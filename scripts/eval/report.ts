// Plain-text tables of the maintenance eval: per fault kind, false flags per asset, and the targets with PASS/MISS.
import type { FaultKind } from '../../src-main/adapters/simulator/model/faults.js';
import { TARGETS, type FalseFlagRate, type KindSummary } from './scoring.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const num = (v: number | null, digits = 1): string => (v === null ? '-' : v.toFixed(digits));
const pct = (v: number): string => `${Math.round(v * 100)}%`;
const verdict = (pass: boolean | null): string => (pass === null ? 'n/a' : pass ? 'PASS' : 'MISS');

export function kindTable(rows: { kind: FaultKind; summary: KindSummary }[]): string {
  return table(
    ['fault kind', 'runs', 'detected', 'rate', 'lead h (med)', 'lead frac (med)', 'delay h (med)', 'false in runs', 'detect (target 100%)', `lead frac (target >= ${TARGETS.leadFraction})`],
    rows.map(({ kind, summary: s }) => [
      kind,
      String(s.runs),
      String(s.detected),
      pct(s.detectionRate),
      num(s.medianLeadHours),
      num(s.medianLeadFraction, 2),
      num(s.medianDelayHours, 2),
      String(s.falseFlags),
      verdict(s.detectionPass),
      s.hasLimit ? verdict(s.leadPass) : 'n/a (no limit: delay)',
    ]),
  );
}

export function falseFlagTable(rates: readonly FalseFlagRate[]): string {
  return table(
    ['asset', 'healthy days', 'false flags', 'per day', 'per 30 days', `target <= ${TARGETS.falseFlagsPer30Days} / 30 d`],
    rates.map((r) => [r.asset, r.days.toFixed(1), String(r.flags), r.perDay.toFixed(3), r.per30Days.toFixed(2), verdict(r.pass)]),
  );
}

export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${(ms / 1000).toFixed(1)} s`;
}
