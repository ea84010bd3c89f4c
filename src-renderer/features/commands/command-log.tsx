// The command log: every write and remote command, accepted or refused, newest first, with its old and new
// value and the source's answer. Refreshed every few seconds so a new command appears without a reload.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommandLogEntry } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatDateTime, formatValue } from '../../lib/format.js';
import { commandOutcome, commandRanges, countOutcomes, emptyCommandFilter, filterCommandLog, viaOptions, type CommandFilter, type CommandRangeKey } from '../../lib/command-log.js';
import { requestErrorText } from './request-error.js';

const REFRESH_MS = 5000;

function Row({ e }: { e: CommandLogEntry }) {
  const outcome = commandOutcome(e);
  return (
    <tr data-testid={`command-row-${e.id}`} data-outcome={outcome} className={outcome === 'refused' ? 'refused' : outcome === 'requested' ? 'requested' : ''}>
      <td className="nowrap">{formatDateTime(e.ts)}</td>
      <td>{e.user}</td>
      <td>{e.via}</td>
      <td className="mono" style={{ overflowWrap: 'anywhere' }}>{e.tag}</td>
      <td className="nowrap">
        {formatValue(e.oldValue)} → <b>{formatValue(e.newValue)}</b>
      </td>
      <td>
        {outcome === 'refused' ? <span className="refused-mark">Refused</span> : null}
        <span className={outcome === 'requested' ? 'faint' : 'mono'}>{e.status}</span>
      </td>
      <td>{e.message}</td>
    </tr>
  );
}

export function CommandLog() {
  const client = useApi();
  const [rangeKey, setRangeKey] = useState<CommandRangeKey>('24h');
  const [entries, setEntries] = useState<CommandLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<CommandFilter>(emptyCommandFilter);

  const load = useCallback(async () => {
    const r = commandRanges.find((x) => x.key === rangeKey) ?? commandRanges[2];
    const now = Date.now();
    try {
      setEntries(await client.invoke('commandLog', { from: now - r.ms, to: now, limit: 2000 }));
      setError(null);
    } catch (err) {
      setError(requestErrorText('The command log', err));
    }
  }, [client, rangeKey]);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(id);
  }, [load]);

  const shown = useMemo(() => filterCommandLog(entries ?? [], filter), [entries, filter]);
  const vias = useMemo(() => viaOptions(entries ?? []), [entries]);
  const counts = useMemo(() => countOutcomes(shown), [shown]);

  return (
    <div data-testid="command-log">
      <div className="toolbar">
        <div className="seg">
          {commandRanges.map((r) => (
            <button key={r.key} className={`btn${rangeKey === r.key ? ' selected' : ''}`} onClick={() => setRangeKey(r.key)}>
              {r.label}
            </button>
          ))}
        </div>
        <input
          className="input"
          type="search"
          placeholder="Filter by tag, user, status…"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          aria-label="Filter commands"
          data-testid="command-filter"
          style={{ width: 260 }}
        />
        <select className="input" value={filter.via} onChange={(e) => setFilter({ ...filter, via: e.target.value })} aria-label="Filter by path">
          <option value="">Every path</option>
          {vias.map((v) => (
            <option key={v} value={v}>
              via {v}
            </option>
          ))}
        </select>
        <div className="seg">
          {(['all', 'accepted', 'refused', 'requested'] as const).map((o) => (
            <button key={o} className={`btn${filter.outcome === o ? ' selected' : ''}`} onClick={() => setFilter({ ...filter, outcome: o })} data-testid={`command-outcome-${o}`}>
              {o === 'all' ? 'All' : o[0]!.toUpperCase() + o.slice(1)}
            </button>
          ))}
        </div>
        <button className="btn" onClick={() => void load()}>
          Refresh
        </button>
        <span className="muted">
          {entries === null ? (error ? '' : 'Loading…') : `${shown.length} entries · ${counts.accepted} accepted · ${counts.refused} refused`}
        </span>
      </div>
      {error ? (
        <div className="error-text" role="alert" data-testid="command-log-error">
          {error}
        </div>
      ) : null}
      <table className="grid fixed">
        <thead>
          <tr>
            <th style={{ width: 175 }}>Time</th>
            <th style={{ width: 130 }}>User</th>
            <th style={{ width: 95 }}>Via</th>
            <th>Tag</th>
            <th style={{ width: 150 }}>Old → new</th>
            <th style={{ width: 230 }}>Status</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <Row key={e.id} e={e} />
          ))}
          {shown.length === 0 && entries !== null ? (
            <tr>
              <td colSpan={7} className="empty">No commands in this range{filter !== emptyCommandFilter ? ' matching the filter' : ''}.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
