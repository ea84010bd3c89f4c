// ISA-101 analog indicator: grey bar over the EURange, the normal band lighter, alarm limits as ticks.
import type { AlarmLimits, EuRange, Quality } from '../../src-main/contract/index.js';
import { barGeometry } from '../lib/analog-bar.js';
import { formatNumber } from '../lib/format.js';

export interface AnalogBarProps {
  value: number | null;
  range: EuRange;
  limits: AlarmLimits | null;
  quality: Quality;
  unit: string;
}

export function AnalogBar({ value, range, limits, quality, unit }: AnalogBarProps) {
  const g = barGeometry(value, range, limits);
  const span = range.high - range.low;
  return (
    <div className="readout-bar">
      <div className={`abar q-${quality}`} role="meter" aria-valuemin={range.low} aria-valuemax={range.high} aria-valuenow={value ?? undefined}>
        <div className="abar-normal" style={{ left: `${g.normalFromPct}%`, width: `${Math.max(0, g.normalToPct - g.normalFromPct)}%` }} />
        {value !== null ? <div className="abar-fill" style={{ width: `${g.valuePct}%` }} /> : null}
        {g.marks.map((m) => (
          <div key={m.level} className={`abar-mark ${m.level}`} style={{ left: `${m.pct}%` }} title={`${m.level} ${formatNumber(m.value, span)} ${unit}`} />
        ))}
        {value !== null ? <div className="abar-pointer" style={{ left: `${g.valuePct}%` }} /> : null}
        {g.overRange ? <div className="abar-over" style={{ right: -4 }} title="Above range" /> : null}
        {g.underRange ? <div className="abar-over" style={{ left: -4 }} title="Below range" /> : null}
      </div>
      <div className="abar-scale">
        <span>{formatNumber(range.low, span)}</span>
        <span>{formatNumber(range.high, span)}</span>
      </div>
    </div>
  );
}
