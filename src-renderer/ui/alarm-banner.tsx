// The alarm banner on every display: unacknowledged alarms by priority and the newest alarm; click → Alarms.
import { useMemo } from 'react';
import { useAlarms } from '../state/hooks.js';
import { summarizeAlarms } from '../lib/alarm-order.js';
import { formatClock } from '../lib/format.js';
import { href } from './router.js';

export function AlarmBanner() {
  const alarms = useAlarms();
  const s = useMemo(() => summarizeAlarms(alarms), [alarms]);
  return (
    <a className="alarm-banner" href={href('alarms')} data-testid="alarm-banner" aria-label="Alarm summary, open the alarm list">
      <span className="banner-label">Alarms</span>
      <span className="banner-counts">
        {s.unackByPriority.map((n, i) => (
          <span
            key={i}
            className={`prio-count${n > 0 ? ` prio-${i + 1}` : ''}`}
            data-testid={`banner-count-p${i + 1}`}
            title={`Unacknowledged priority ${i + 1} alarms`}
          >
            P{i + 1}: {n}
          </span>
        ))}
      </span>
      <span className="banner-newest" data-testid="banner-newest">
        {s.newest ? (
          <>
            <span className="faint">{formatClock(s.newest.activeSince ?? s.newest.lastChange)}</span>
            {'  '}
            {s.newest.message}
            {s.newest.acknowledged ? <span className="faint"> (acknowledged)</span> : null}
          </>
        ) : (
          <span className="banner-none">No standing alarms</span>
        )}
      </span>
      <span className="faint">{s.standing > 0 ? `${s.standing} standing` : ''}</span>
    </a>
  );
}
