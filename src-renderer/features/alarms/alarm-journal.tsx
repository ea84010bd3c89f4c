// The alarm journal: search a time range by tag/alarm prefix, event, user and comment text (on the server),
// newest first, and export exactly that search as CSV.
import { useCallback, useEffect, useState } from 'react';
import type { JournalEntry, RequestArgs } from '../../../src-main/contract/index.js';
import { isTextFile } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatDateTime, formatValue } from '../../lib/format.js';
import { filterArgs, noFilters, type JournalFilters, type ReportPreset } from '../../lib/report-range.js';
import type { TimeRange } from '../../lib/time-range.js';
import { saveTextFile } from '../../lib/save-file.js';
import { RangePicker, rangeFor } from '../../ui/report-range-picker.js';

const EVENTS = ['activated', 'acknowledged', 'confirmed', 'returned', 'cleared', 'reset', 'escalated', 'shelved', 'unshelved', 'suppressed', 'unsuppressed', 'out-of-service', 'in-service', 'limits-changed'] as const;
const SHOWN = 2000;

export function AlarmJournal() {
  const client = useApi();
  const [preset, setPreset] = useState<ReportPreset>('24h');
  const [range, setRange] = useState<TimeRange>(() => rangeFor('24h'));
  const [form, setForm] = useState<JournalFilters>(noFilters);
  const [applied, setApplied] = useState<JournalFilters>(noFilters);
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);

  const args = useCallback(
    (r: TimeRange, f: JournalFilters): RequestArgs<'alarmJournal'> => ({ from: r.from, to: r.to, ...filterArgs(f) }),
    [],
  );

  useEffect(() => {
    let stale = false;
    setLoading(true);
    client
      .invoke('alarmJournal', { ...args(range, applied), limit: SHOWN })
      .then((rows) => {
        if (stale) return;
        setEntries(Array.isArray(rows) ? rows : []);
        setError(null);
      })
      .catch((err: unknown) => !stale && setError((err as Error).message))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [client, args, range, applied]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await client.invoke('alarmJournal', { ...args(range, applied), format: 'csv' });
      if (!isTextFile(file)) throw new Error('the server did not answer with a CSV file');
      saveTextFile(file);
      setError(null);
    } catch (err) {
      setError(`Export failed: ${(err as Error).message}`);
    } finally {
      setExporting(false);
    }
  };

  const field = (key: keyof JournalFilters, label: string, placeholder: string, width: number) => (
    <input className="input" style={{ width }} type="search" placeholder={placeholder} value={form[key]} aria-label={label} data-testid={`journal-filter-${key}`} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
  );

  return (
    <div data-testid="alarm-journal">
      <div className="toolbar">
        <RangePicker presets={['1h', '8h', '24h', '7d', '30d']} preset={preset} onChange={(p, r) => { setPreset(p); setRange(r); }} testIdPrefix="journal" />
      </div>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); setApplied(form); setRange(preset === 'custom' ? range : rangeFor(preset)); }}>
        {field('tag', 'Tag starts with', 'Tag starts with…', 220)}
        {field('alarm', 'Alarm id starts with', 'Alarm id starts with…', 200)}
        <select className="input" value={form.event} onChange={(e) => setForm({ ...form, event: e.target.value })} aria-label="Event" data-testid="journal-filter-event">
          <option value="">All events</option>
          {EVENTS.map((ev) => <option key={ev} value={ev}>{ev}</option>)}
        </select>
        {field('user', 'User', 'User', 110)}
        {field('text', 'Comment contains', 'Comment contains…', 180)}
        <button className="btn primary" type="submit" data-testid="journal-search">Search</button>
        <button className="btn" type="button" onClick={() => { setForm(noFilters); setApplied(noFilters); }}>Clear</button>
        <span className="nav-spacer" />
        <button className="btn" type="button" disabled={exporting} onClick={() => void exportCsv()} data-testid="journal-export-csv" title="Download this search as CSV (all matching entries, up to 100,000)">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
        <span className="muted" data-testid="journal-count">{loading ? 'Loading…' : `${entries.length}${entries.length >= SHOWN ? '+' : ''} entries`}</span>
      </form>
      {error ? <div className="error-text">{error}</div> : null}
      <table className="grid">
        <thead>
          <tr>
            <th style={{ width: 180 }}>Time</th>
            <th>Alarm</th>
            <th style={{ width: 120 }}>Event</th>
            <th style={{ width: 170 }}>State</th>
            <th style={{ width: 110 }} className="num">Value</th>
            <th style={{ width: 120 }}>User</th>
            <th>Comment</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid={`journal-row-${e.id}`}>
              <td className="nowrap">{formatDateTime(e.ts)}</td>
              <td>{e.alarmId}</td>
              <td>{e.event}</td>
              <td>{e.state}</td>
              <td className="num">{formatValue(e.value)}</td>
              <td>{e.user ?? ''}</td>
              <td>{e.comment ?? ''}</td>
            </tr>
          ))}
          {entries.length === 0 && !loading ? (
            <tr>
              <td colSpan={7} className="empty">No journal entries match in this range.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
