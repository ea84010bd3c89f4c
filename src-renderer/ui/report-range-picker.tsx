// A report time range: preset buttons (back from now) and a custom from/to, shared by the KPI page and the journal.
import { useState } from 'react';
import { fromLocalInput, toLocalInput, type TimeRange } from '../lib/time-range.js';
import { reportLabels, reportSpans, type ReportPreset } from '../lib/report-range.js';

type Preset = Exclude<ReportPreset, 'custom'>;

interface Props {
  presets: readonly Preset[];
  preset: ReportPreset;
  onChange: (preset: ReportPreset, range: TimeRange) => void;
  testIdPrefix: string;
}

export function rangeFor(preset: Preset, now = Date.now()): TimeRange {
  return { from: now - reportSpans[preset], to: now };
}

export function RangePicker({ presets, preset, onChange, testIdPrefix }: Props) {
  const [from, setFrom] = useState(() => toLocalInput(Date.now() - 24 * 3_600_000));
  const [to, setTo] = useState(() => toLocalInput(Date.now()));
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <div className="seg" role="group" aria-label="Time range">
        {presets.map((p) => (
          <button key={p} className={`btn${preset === p ? ' selected' : ''}`} onClick={() => onChange(p, rangeFor(p))} data-testid={`${testIdPrefix}-range-${p}`}>
            {reportLabels[p]}
          </button>
        ))}
      </div>
      <label className="muted">
        From <input className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid={`${testIdPrefix}-from`} />
      </label>
      <label className="muted">
        To <input className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid={`${testIdPrefix}-to`} />
      </label>
      <button
        className={`btn${preset === 'custom' ? ' selected' : ''}`}
        data-testid={`${testIdPrefix}-custom`}
        onClick={() => {
          const f = fromLocalInput(from);
          const t = fromLocalInput(to);
          if (f === null || t === null || f >= t) return setError('Choose a "from" time before the "to" time.');
          setError(null);
          onChange('custom', { from: f, to: t });
        }}
      >
        Show range
      </button>
      {error ? <span className="error-text">{error}</span> : null}
    </>
  );
}
