// Alarm KPIs (ISA-18.2): how loaded the operators were over a range, floods, the most frequent, chattering and
// stale alarms, each figure next to its target, with advice for the chattering ones.
import { useEffect, useState } from 'react';
import type { AlarmKpisDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatClock, formatDateTime } from '../../lib/format.js';
import type { ReportPreset } from '../../lib/report-range.js';
import type { TimeRange } from '../../lib/time-range.js';
import { RangePicker, rangeFor } from '../../ui/report-range-picker.js';
import { FigureCard } from './kpi-figures.js';
import { ChatterTable, FloodTable, StaleTable, TopTable } from './kpi-tables.js';
import '../../styles/alarm-reports.css';

export function AlarmKpisPage() {
  const client = useApi();
  const [preset, setPreset] = useState<ReportPreset>('24h');
  const [range, setRange] = useState<TimeRange>(() => rangeFor('24h'));
  const [includeSystem, setIncludeSystem] = useState(true);
  const [kpis, setKpis] = useState<AlarmKpisDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let stale = false;
    setLoading(true);
    client
      .invoke('alarmKpis', { from: range.from, to: range.to, system: includeSystem ? 'include' : 'exclude' })
      .then((k) => {
        if (stale) return;
        setKpis(k);
        setError(null);
      })
      .catch((err: unknown) => !stale && setError((err as Error).message))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [client, range, includeSystem]);

  const k = kpis;
  return (
    <div data-testid="alarm-kpis-page">
      <div className="toolbar">
        <RangePicker presets={['24h', '7d', '30d']} preset={preset} onChange={(p, r) => { setPreset(p); setRange(r); }} testIdPrefix="kpi" />
        <label className="muted">
          <input type="checkbox" checked={includeSystem} onChange={(e) => setIncludeSystem(e.target.checked)} data-testid="kpi-include-system" /> Include PlantBridge system alarms
        </label>
        <span className="muted">{loading ? 'Computing…' : k ? `${formatDateTime(k.from)} → ${formatDateTime(k.to)}` : ''}</span>
      </div>
      {error ? <div className="error-text">{error}</div> : null}
      {k ? (
        <>
          <div className="kpi-note">
            {k.totalActivations.toLocaleString()} alarms annunciated (activations) for {k.operators} operator{k.operators === 1 ? '' : 's'}
            {k.truncated ? '. The range held more journal rows than one report reads: figures cover its newest part only; choose a shorter range' : ''}.
            Targets from ISA-18.2 (section 16); stale alarms as of {formatClock(k.now)}.
          </div>
          <div className="kpi-grid" data-testid="kpi-figures">
            <FigureCard title="Average per operator per 10 min" figure={k.averageRate} testId="kpi-average" />
            <FigureCard
              title="Peak 10 minutes per operator"
              figure={k.peakRate}
              testId="kpi-peak"
              detail={k.peakRate.windowStart !== null ? `${k.peakRate.count} alarms from ${formatDateTime(k.peakRate.windowStart)}` : undefined}
            />
            <FigureCard title="Time in flood" figure={k.floodTime} unit="%" testId="kpi-flood-time" detail={`${k.floods.length} flood${k.floods.length === 1 ? '' : 's'}`} />
            <FigureCard title="10-min periods in flood" figure={k.floodPeriods} unit="%" testId="kpi-flood-periods" />
            <FigureCard title="Top 10 share of alarms" figure={k.topTenShare} unit="%" testId="kpi-top-share" />
            <FigureCard title="Chattering alarms" figure={k.chatteringCount} testId="kpi-chattering-count" />
            <FigureCard title="Stale alarms (> 24 h)" figure={k.staleCount} testId="kpi-stale-count" />
          </div>
          <h2 className="section-title">Chattering alarms</h2>
          <ChatterTable k={k} />
          <h2 className="section-title">Floods</h2>
          <FloodTable k={k} />
          <h2 className="section-title">Top 10 most frequent alarms</h2>
          <TopTable k={k} />
          <h2 className="section-title">Stale alarms</h2>
          <StaleTable k={k} />
        </>
      ) : null}
    </div>
  );
}
