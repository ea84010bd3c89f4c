// The KPI page's lists: floods, the ten most frequent alarms, chattering alarms with advice, and stale alarms.
import type { AlarmKpisDto } from '../../../src-main/contract/index.js';
import { formatDateTime, formatDuration } from '../../lib/format.js';
import { PriorityBadge } from '../../ui/priority-badge.js';

function Empty({ cols, text }: { cols: number; text: string }) {
  return (
    <tr>
      <td colSpan={cols} className="empty">{text}</td>
    </tr>
  );
}

export function FloodTable({ k }: { k: AlarmKpisDto }) {
  return (
    <table className="grid" data-testid="kpi-floods">
      <thead><tr><th style={{ width: 190 }}>Start</th><th style={{ width: 190 }}>End</th><th style={{ width: 110 }}>Duration</th><th className="num" style={{ width: 90 }}>Alarms</th><th>Main alarms</th></tr></thead>
      <tbody>
        {k.floods.map((f) => (
          <tr key={f.start}>
            <td>{formatDateTime(f.start)}</td>
            <td>{formatDateTime(f.end)}</td>
            <td>{formatDuration(f.end - f.start)}</td>
            <td className="num">{f.count}</td>
            <td>{f.topAlarms.join(', ')}</td>
          </tr>
        ))}
        {k.floods.length === 0 ? <Empty cols={5} text="No floods (more than 10 alarms in 10 minutes) in this range." /> : null}
      </tbody>
    </table>
  );
}

export function TopTable({ k }: { k: AlarmKpisDto }) {
  return (
    <table className="grid" data-testid="kpi-top">
      <thead><tr><th style={{ width: 50 }}>#</th><th>Alarm</th><th className="num" style={{ width: 110 }}>Activations</th><th className="num" style={{ width: 110 }}>Share</th></tr></thead>
      <tbody>
        {k.topAlarms.map((a, i) => (
          <tr key={a.alarmId} data-testid={`kpi-top-${i + 1}`}>
            <td>{i + 1}</td>
            <td>{a.alarmId}</td>
            <td className="num">{a.count}</td>
            <td className="num">{a.share.toFixed(1)} %</td>
          </tr>
        ))}
        {k.topAlarms.length === 0 ? <Empty cols={4} text="No alarms in this range." /> : null}
      </tbody>
    </table>
  );
}

export function ChatterTable({ k }: { k: AlarmKpisDto }) {
  return (
    <table className="grid" data-testid="kpi-chattering">
      <thead><tr><th style={{ width: 320 }}>Alarm</th><th className="num" style={{ width: 90 }}>Bursts</th><th className="num" style={{ width: 110 }}>Activations</th><th>What to do</th></tr></thead>
      <tbody>
        {k.chattering.map((c) => (
          <tr key={c.alarmId}>
            <td>{c.alarmId}</td>
            <td className="num">{c.episodes}</td>
            <td className="num">{c.activations}</td>
            <td className="kpi-suggestion">{c.suggestion}</td>
          </tr>
        ))}
        {k.chattering.length === 0 ? <Empty cols={4} text="No chattering alarms (3 or more activations within 60 s)." /> : null}
      </tbody>
    </table>
  );
}

export function StaleTable({ k }: { k: AlarmKpisDto }) {
  return (
    <table className="grid" data-testid="kpi-stale">
      <thead><tr><th style={{ width: 60 }}>Prio</th><th>Alarm</th><th style={{ width: 190 }}>Active since</th><th style={{ width: 120 }}>Active for</th><th>Message</th></tr></thead>
      <tbody>
        {k.stale.map((s) => (
          <tr key={s.alarmId}>
            <td><PriorityBadge priority={s.priority} acknowledged={s.state !== 'unacknowledged'} /></td>
            <td>{s.alarmId}</td>
            <td>{formatDateTime(s.activeSince)}</td>
            <td>{formatDuration(s.activeForMs)}</td>
            <td>{s.message}</td>
          </tr>
        ))}
        {k.stale.length === 0 ? <Empty cols={5} text="No alarm has been active for more than 24 hours." /> : null}
      </tbody>
    </table>
  );
}
