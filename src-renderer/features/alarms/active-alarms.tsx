// The standing alarm list: priority, then newest first; filters by state, priority and text (tag, area, asset);
// actions per row (acknowledge, confirm, reset, shelve, unshelve, engineer settings and service state); and the
// hidden alarms (shelved, suppressed, out of service) in their own section.
import { useMemo, useState } from 'react';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { useAlarms, useStores, useTags } from '../../state/hooks.js';
import { alarmTime } from '../../lib/alarm-order.js';
import { formatDateTime, formatValue } from '../../lib/format.js';
import { PriorityBadge } from '../../ui/priority-badge.js';
import { href } from '../../ui/router.js';
import { AckDialog } from './ack-dialog.js';
import { AlarmActionDialog, type AlarmAction } from './alarm-action-dialog.js';
import { filterAlarms, noFilter, type AlarmFilter, type StateGroup } from './alarm-filters.js';
import { AlarmRowActions, type RowAction } from './alarm-row-actions.js';
import { LimitsDialog } from './limits-dialog.js';
import { OverriddenAlarms } from './overridden-alarms.js';
import { ShelveDialog } from './shelve-dialog.js';

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

const groups: [StateGroup, string][] = [
  ['all', 'All states'],
  ['unacknowledged', 'Unacknowledged'],
  ['acknowledged', 'Active, acknowledged'],
  ['returned', 'Returned, unacknowledged'],
  ['latched', 'Latched'],
  ['confirm', 'Waiting for confirm'],
];

type Open = { alarm: AlarmDto; action: Exclude<RowAction, 'ack'> } | null;

export function ActiveAlarms() {
  const alarms = useAlarms();
  const tags = useTags();
  const { alarms: store } = useStores();
  const [filter, setFilter] = useState<AlarmFilter>(noFilter);
  const [acking, setAcking] = useState<AlarmDto[] | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const { annunciated: shown, overridden } = useMemo(() => filterAlarms(alarms, filter), [alarms, filter]);
  const unacked = shown.filter((a) => !a.acknowledged);
  const unitOf = (tag: string) => tags?.find((t) => t.id === tag)?.unit ?? '';
  const act = (a: AlarmDto, action: RowAction) => (action === 'ack' ? setAcking([a]) : setOpen({ alarm: a, action }));
  const merge = (a: AlarmDto) => store.merge([a]);

  return (
    <div>
      <div className="toolbar">
        <input className="input" type="search" placeholder="Filter by tag, area, asset, message…" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} style={{ width: 300 }} data-testid="alarm-filter" aria-label="Filter alarms" />
        <select className="input" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as StateGroup })} aria-label="Filter by state" data-testid="alarm-state-filter">
          {groups.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select className="input" value={filter.priority} onChange={(e) => setFilter({ ...filter, priority: Number(e.target.value) })} aria-label="Filter by priority" data-testid="alarm-priority-filter">
          <option value={0}>All priorities</option>
          {[1, 2, 3, 4].map((p) => (
            <option key={p} value={p}>
              P{p}
            </option>
          ))}
        </select>
        <span className="muted">
          {shown.length} standing, {unacked.length} unacknowledged, {overridden.length} hidden
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
            <th style={{ width: 190 }}>State</th>
            <th style={{ width: 260 }} />
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
                {a.acknowledged && !a.confirmed ? <div className="faint">waiting for confirm</div> : null}
              </td>
              <td>
                <AlarmRowActions alarm={a} onAction={(action) => act(a, action)} />
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
      <OverriddenAlarms alarms={overridden} onAction={act} />
      {acking ? <AckDialog alarms={acking} onClose={() => setAcking(null)} onDone={(done) => store.merge(done)} /> : null}
      {open?.action === 'shelve' ? <ShelveDialog alarm={open.alarm} onClose={() => setOpen(null)} onDone={merge} /> : null}
      {open?.action === 'limits' ? <LimitsDialog alarm={open.alarm} onClose={() => setOpen(null)} onDone={merge} /> : null}
      {open && open.action !== 'shelve' && open.action !== 'limits' ? (
        <AlarmActionDialog alarm={open.alarm} action={open.action satisfies AlarmAction} onClose={() => setOpen(null)} onDone={merge} />
      ) : null}
    </div>
  );
}
