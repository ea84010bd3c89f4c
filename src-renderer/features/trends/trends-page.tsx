// Trends: pick pens, choose a range (presets, custom, or drag-to-zoom) and watch live or browse history.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { HistoryMode, TagDto } from '../../../src-main/contract/index.js';
import { useTags } from '../../state/hooks.js';
import { fromLocalInput, pointsForWidth, presetLabels, presetRange, presetSpans, toLocalInput, type RangePreset, type TimeRange } from '../../lib/time-range.js';
import { formatDateTime, formatDuration } from '../../lib/format.js';
import { useElementWidth } from '../../ui/use-element-width.js';
import { TagPicker, MAX_PENS } from './tag-picker.js';
import { TrendChart, type Pen } from './trend-chart.js';
import { TrendLegend } from './trend-legend.js';
import { useTrendData } from './use-trend-data.js';
import { useAlarmBands } from './use-alarm-bands.js';
import { emptySeries } from '../../lib/series.js';

type Preset = Exclude<RangePreset, 'custom'>;
const presets: Preset[] = ['10m', '1h', '8h', '24h'];

export function TrendsPage({ initialTags }: { initialTags: readonly string[] }) {
  const tags = useTags();
  const [selected, setSelected] = useState<string[]>(() => initialTags.slice(0, MAX_PENS));
  const [preset, setPreset] = useState<RangePreset>('10m');
  const [base, setBase] = useState<TimeRange>(() => presetRange('10m', Date.now()));
  const [zoom, setZoom] = useState<TimeRange | null>(null);
  const [liveWanted, setLiveWanted] = useState(true);
  const [mode, setMode] = useState<HistoryMode>('avg');
  const [customFrom, setCustomFrom] = useState(() => toLocalInput(Date.now() - 3_600_000));
  const [customTo, setCustomTo] = useState(() => toLocalInput(Date.now()));
  const [customError, setCustomError] = useState<string | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(chartRef, 0);
  // Bucketed so a small resize does not re-query the server.
  const points = pointsForWidth(Math.round(width / 50) * 50);
  // Query only once the chart width is known (one request per pen, sized to the chart).
  const measured = width > 0;

  const live = liveWanted && preset !== 'custom' && zoom === null;
  const range = zoom ?? base;
  const spanMs = preset === 'custom' ? base.to - base.from : presetSpans[preset];
  const data = useTrendData({ tags: measured ? selected : [], from: range.from, to: range.to, points, mode, live, spanMs });

  const tagById = useMemo(() => new Map((tags ?? []).map((t) => [t.id, t] as const)), [tags]);
  const selectedTags = useMemo(() => selected.map((id) => tagById.get(id)).filter((t): t is TagDto => t !== undefined), [selected, tagById]);
  const pens: Pen[] = useMemo(
    () => selectedTags.map((tag, index) => ({ tag, index, series: data.series.get(tag.id) ?? emptySeries() })),
    [selectedTags, data.series],
  );

  const toggle = useCallback((id: string) => {
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_PENS ? s : [...s, id]));
  }, []);

  const choosePreset = (p: Preset) => {
    setPreset(p);
    setZoom(null);
    setBase(presetRange(p, Date.now()));
  };

  const applyCustom = () => {
    const from = fromLocalInput(customFrom);
    const to = fromLocalInput(customTo);
    if (from === null || to === null) return setCustomError('Enter both dates as date and time.');
    if (from >= to) return setCustomError('"From" must be before "To".');
    setCustomError(null);
    setPreset('custom');
    setZoom(null);
    setBase({ from, to });
  };

  const shownFrom = live ? data.from : range.from;
  const shownTo = live ? data.to : range.to;
  const hasPoints = pens.some((p) => p.series.t.length > 0);
  const alarmed = useMemo(() => selectedTags.filter((t) => t.alarms !== null).map((t) => t.id), [selectedTags]);
  const overlay = useAlarmBands(measured ? alarmed : [], shownFrom, shownTo, live);

  return (
    <div className="trend-layout" data-testid="trends-page">
      <TagPicker tags={tags ?? []} selected={selected} onToggle={toggle} />
      <div className="trend-right">
        <div className="toolbar">
          <div className="seg" role="group" aria-label="Time range">
            {presets.map((p) => (
              <button key={p} className={`btn${preset === p && zoom === null ? ' selected' : ''}`} onClick={() => choosePreset(p)} data-testid={`range-${p}`}>
                {presetLabels[p]}
              </button>
            ))}
          </div>
          <label className="muted">
            From <input className="input" type="datetime-local" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} data-testid="custom-from" />
          </label>
          <label className="muted">
            To <input className="input" type="datetime-local" value={customTo} onChange={(e) => setCustomTo(e.target.value)} data-testid="custom-to" />
          </label>
          <button className={`btn${preset === 'custom' && zoom === null ? ' selected' : ''}`} onClick={applyCustom} data-testid="custom-apply">
            Show range
          </button>
          <span className="nav-spacer" />
          <div className="seg" role="group" aria-label="Live or history">
            <button className={`btn${live ? ' selected' : ''}`} disabled={preset === 'custom' || zoom !== null} onClick={() => setLiveWanted(true)} data-testid="mode-live">
              Live
            </button>
            <button className={`btn${!live ? ' selected' : ''}`} onClick={() => { setLiveWanted(false); setBase({ from: shownFrom, to: shownTo }); }} data-testid="mode-history">
              Hold
            </button>
          </div>
          <select className="input" value={mode} onChange={(e) => setMode(e.target.value as HistoryMode)} aria-label="Downsampling" data-testid="history-mode">
            <option value="avg">Average + min/max</option>
            <option value="lttb">Shape (LTTB)</option>
            <option value="raw">Raw</option>
          </select>
          <button className="btn" disabled={zoom === null} onClick={() => setZoom(null)} data-testid="reset-zoom">
            Reset zoom
          </button>
        </div>
        {customError ? <div className="error-text">{customError}</div> : null}
        <TrendLegend tags={selectedTags} rawCounts={data.rawCounts} alarmBands={overlay.bands.length} />
        <div className="trend-chart-wrap" ref={chartRef} data-testid="trend-chart">
          {selectedTags.length > 0 ? (
            <TrendChart pens={pens} from={shownFrom} to={shownTo} showBand={mode === 'avg'} onZoom={(r) => { setZoom(r); }} alarmBands={overlay.bands} />
          ) : null}
          {selectedTags.length === 0 ? <div className="chart-overlay">Pick one or more tags on the left to draw a trend.</div> : null}
          {selectedTags.length > 0 && !hasPoints && !data.loading ? <div className="chart-overlay">No data in this range.</div> : null}
          {data.loading && !hasPoints ? <div className="chart-overlay">Loading…</div> : null}
        </div>
        <div className="trend-status" data-testid="trend-status">
          <span>
            {formatDateTime(shownFrom)} → {formatDateTime(shownTo)} ({formatDuration(shownTo - shownFrom)})
          </span>
          <span>{live ? 'Live: window slides with new samples' : zoom ? 'Zoomed: drag again to zoom further' : 'Holding: drag on the chart to zoom'}</span>
          <span>≤ {points} points per pen</span>
          {data.error ? <span className="err-text">{data.error}</span> : null}
          {overlay.error ? <span className="err-text">{overlay.error}</span> : null}
        </div>
      </div>
    </div>
  );
}
