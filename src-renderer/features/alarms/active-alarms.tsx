// The standing alarm list: priority, then newest first; filter; acknowledge with a comment.
import { useMemo, useState } from 'react';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { useAlarms, useStores, useTags } from '../../state/hooks.js';
import { alarmMatches, alarmTime } from '../../lib/alarm-order.js';
import { formatDateTime, formatValue } from '../../lib/format.js';
import { PriorityBadge } from '../../ui/priority-badge.js';
import { href } from '../../ui/router.js';
import { AckDialog } from './ack-dialog.js';

const stateText: Record<AlarmDto['state'], string> = {
  normal: 'Normal',
  unacknowledged: 'Active, unacknowledged',
  acknowledged: 'Active, acknowledged',
  'rtn-unacknowledged': 'Returned, unacknowledged',
  latched: 'Latched (returned, reset needed)',
  shelved: 'Shelved',
  suppressed: 'Suppressed by design',
  'out-of-service': 'Out of service',
};

export function ActiveAlarms() {
  const alarms = useAlarms();
  const tags = useTags();
  const { alarms: store } = useStores();
  const [filter, setFilter] = useState('');
  const [acking, setAcking] = useState<AlarmDto[] | null>(null);
  const shown = useMemo(() => alarms.filter((a) => alarmMatches(a, filter)), [alarms, filter]);
  const unacked = shown.filter((a) => !a.acknowledged);
  const unitOf = (tag: string) => tags?.find((t) => t.id === tag)?.unit ?? '';

  return (
    <div>
      <div className="toolbar">
        <input className="input" type="search" placeholder="Filter by tag, message, level, state, P1…" value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 360 }} data-testid="alarm-filter" aria-label="Filter alarms" />
        <span className="muted">
          {shown.length} standing, {unacked.length} unacknowledged
        </span>
        <span className="nav-spacer" />
        <button className="btn" disabled={unacked.length === 0} onClick={() => setAcking(unacked)} data-testid="ack-all-button">
          Acknowledge all shown ({unacked.length})
        </button>
      </div>
      <table className="grid" data-testid="alarm-table">
        <thead>
          <tr>
            <th style={{ width: 60 }}>Prio</th>
            <th style={{ width: 180 }}>Time</th>
            <th>Tag</th>
            <th style={{ width: 50 }}>Level</th>
            <th>Message</th>
            <th style={{ width: 150 }} className="num">Value / limit</th>
            <th style={{ width: 210 }}>State</th>
            <th style={{ width: 140 }} />
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.id} data-testid={`alarm-row-${a.id}`} data-state={a.state} data-acknowledged={a.acknowledged ? 'true' : 'false'}>
              <td>
                <PriorityBadge priority={a.priority} acknowledged={a.acknowledged} />
              </td>
              <td className="nowrap">{formatDateTime(alarmTime(a))}</td>
              <td>
                <a href={href('trends', { tag: a.tag })} title="Open in Trends">
                  {a.tag}
                </a>
              </td>
              <td>{a.level}</td>
              <td>{a.message}</td>
              <td className="num nowrap">
                {formatValue(a.value)} / {formatValue(a.limit)} {unitOf(a.tag)}
              </td>
              <td style={{ fontWeight: a.acknowledged ? 400 : 700 }}>
                {stateText[a.state]}
                {a.shelvedUntil ? <div className="faint">shelved until {formatDateTime(a.shelvedUntil)}</div> : null}
              </td>
              <td>
                {!a.acknowledged ? (
                  <button className="btn" onClick={() => setAcking([a])} data-testid="ack-button">
                    Acknowledge
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
          {shown.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                {alarms.length === 0 ? 'No standing alarms.' : 'No alarm matches the filter.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {acking ? <AckDialog alarms={acking} onClose={() => setAcking(null)} onDone={(done) => store.merge(done)} /> : null}
    </div>
  );
}
