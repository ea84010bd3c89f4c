// The alarm journal: every activation, acknowledgement and return in a time range, newest first.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JournalEntry } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatDateTime, formatValue } from '../../lib/format.js';
import { fromLocalInput, toLocalInput } from '../../lib/time-range.js';

const ranges = [
  { key: '1h', label: 'Last 1 h', ms: 3_600_000 },
  { key: '8h', label: 'Last 8 h', ms: 8 * 3_600_000 },
  { key: '24h', label: 'Last 24 h', ms: 24 * 3_600_000 },
  { key: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
] as const;

export function AlarmJournal() {
  const client = useApi();
  const [rangeKey, setRangeKey] = useState<string>('24h');
  const [from, setFrom] = useState(() => toLocalInput(Date.now() - 24 * 3_600_000));
  const [to, setTo] = useState(() => toLocalInput(Date.now()));
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState('');

  const load = useCallback(
    async (f: number, t: number) => {
      setLoading(true);
      try {
        const rows = await client.invoke('alarmJournal', { from: f, to: t, limit: 2000 });
        setEntries([...rows].sort((a, b) => b.ts - a.ts || b.id - a.id));
        setError(null);
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [client],
  );

  useEffect(() => {
    const r = ranges.find((x) => x.key === rangeKey);
    if (!r) return;
    const now = Date.now();
    void load(now - r.ms, now);
  }, [rangeKey, load]);

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? entries.filter((e) => `${e.tag} ${e.event} ${e.user ?? ''} ${e.comment ?? ''}`.toLowerCase().includes(f)) : entries;
  }, [entries, filter]);

  return (
    <div data-testid="alarm-journal">
      <div className="toolbar">
        <div className="seg">
          {ranges.map((r) => (
            <button key={r.key} className={`btn${rangeKey === r.key ? ' selected' : ''}`} onClick={() => setRangeKey(r.key)}>
              {r.label}
            </button>
          ))}
        </div>
        <input className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="Journal from" />
        <input className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-label="Journal to" />
        <button
          className={`btn${rangeKey === 'custom' ? ' selected' : ''}`}
          onClick={() => {
            const f = fromLocalInput(from);
            const t = fromLocalInput(to);
            if (f === null || t === null || f >= t) return setError('Choose a "from" time before the "to" time.');
            setRangeKey('custom');
            void load(f, t);
          }}
        >
          Show range
        </button>
        <input className="input" type="search" placeholder="Filter journal…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter journal" />
        <span className="muted">{loading ? 'Loading…' : `${shown.length} entries`}</span>
      </div>
      {error ? <div className="error-text">{error}</div> : null}
      <table className="grid">
        <thead>
          <tr>
            <th style={{ width: 180 }}>Time</th>
            <th>Tag</th>
            <th style={{ width: 120 }}>Event</th>
            <th style={{ width: 190 }}>State</th>
            <th style={{ width: 110 }} className="num">Value</th>
            <th style={{ width: 120 }}>User</th>
            <th>Comment</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.id} data-testid={`journal-row-${e.id}`}>
              <td className="nowrap">{formatDateTime(e.ts)}</td>
              <td>{e.tag}</td>
              <td>{e.event}</td>
              <td>{e.state}</td>
              <td className="num">{formatValue(e.value)}</td>
              <td>{e.user ?? ''}</td>
              <td>{e.comment ?? ''}</td>
            </tr>
          ))}
          {shown.length === 0 && !loading ? (
            <tr>
              <td colSpan={7} className="empty">No journal entries in this range.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
