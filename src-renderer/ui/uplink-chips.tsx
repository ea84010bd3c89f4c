// One top-bar chip per uplink that is not delivering normally: outage (coloured, ISA-101 abnormal) or still
// draining its backlog after one (neutral), with the number of buffered messages and the drain ETA.
import { useHealth } from '../state/hooks.js';
import { uplinkAbnormal, uplinkChipText, uplinkDraining } from '../lib/uplink-outbox.js';
import { href } from './router.js';

export function UplinkChips() {
  const health = useHealth();
  const shown = (health?.uplinks ?? []).filter((u) => uplinkAbnormal(u) || uplinkDraining(u));
  return (
    <div className="uplink-chips">
      {shown.map((u) => {
        const abnormal = uplinkAbnormal(u);
        return (
          <a
            key={u.id}
            className={`chip${abnormal ? ' abnormal' : ''}`}
            data-testid={`uplink-chip-${u.id}`}
            data-state={u.state}
            href={href('connections')}
            title={abnormal ? `Uplink ${u.id} is ${u.state}: messages are kept in the outbox until it is back` : `Uplink ${u.id} is sending its backlog`}
          >
            <span className="chip-dot" />
            <span className="chip-text">{uplinkChipText(u)}</span>
          </a>
        );
      })}
    </div>
  );
}
