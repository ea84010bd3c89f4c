// One uplink (MQTT JSON or Sparkplug B): broker, state, counters, its durable outbox and its drill.
import type { UplinkStatus } from '../../../src-main/contract/index.js';
import { uplinkAbnormal, uplinkLabel } from '../../lib/uplink-outbox.js';
import { StateText } from './state-text.js';
import { OutboxView } from './outbox-view.js';
import { DrillPanel } from './drill-panel.js';

export function UplinkCard({ u, now }: { u: UplinkStatus; now: number }) {
  return (
    <div className="panel uplink-card" data-testid={`uplink-card-${u.id}`} data-state={u.state}>
      <div className="card-title">
        {uplinkLabel(u)} uplink <span className="faint mono">{u.id}</span>
      </div>
      <dl className="kv">
        <dt>Broker</dt>
        <dd className="mono">
          {u.url ?? 'none'}
          {u.embeddedBroker ? ' (embedded broker)' : ''}
        </dd>
        <dt>Topic prefix</dt>
        <dd className="mono">{u.topicPrefix}</dd>
        <dt>State</dt>
        <dd>
          <StateText state={u.state} ok={!uplinkAbnormal(u)} since={u.since} now={now} testId={`uplink-state-${u.id}`} />
        </dd>
        <dt>Last error</dt>
        <dd className={u.lastError ? 'err-text' : 'faint'}>{u.lastError ?? 'none'}</dd>
        <dt>Published / failed / queued</dt>
        <dd>
          {u.published.toLocaleString()} / <span className={u.failed > 0 ? 'err-text' : ''}>{u.failed.toLocaleString()}</span> /{' '}
          {(u.queued ?? 0).toLocaleString()}
        </dd>
        <dt>Not bridged</dt>
        <dd>{(u.skipped ?? 0).toLocaleString()} samples</dd>
      </dl>
      {u.outbox ? <OutboxView id={u.id} o={u.outbox} state={u.state} /> : <div className="faint" style={{ marginTop: 8 }}>No durable outbox: messages are kept in memory only.</div>}
      <DrillPanel u={u} />
    </div>
  );
}
