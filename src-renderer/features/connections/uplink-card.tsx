// One uplink of any protocol (MQTT JSON, Sparkplug B, CoAP, oneM2M, LwM2M): peer, state, the same counters for
// every kind (acknowledged, queued, retried, dropped), last error in plain words, a connection test, and, where
// there is a durable outbox, its view and the store-and-forward drill.
import type { UplinkStatus } from '../../../src-main/contract/index.js';
import { uplinkAbnormal, uplinkLabel } from '../../lib/uplink-outbox.js';
import { counterRows, peerLabel, prefixLabel } from '../../lib/uplink-card.js';
import { StateText } from './state-text.js';
import { OutboxView } from './outbox-view.js';
import { DrillPanel } from './drill-panel.js';
import { UplinkTestButton } from './uplink-test-button.js';

export function UplinkCard({ u, now }: { u: UplinkStatus; now: number }) {
  return (
    <div className="panel uplink-card" data-testid={`uplink-card-${u.id}`} data-state={u.state} data-kind={u.kind}>
      <div className="card-title">
        {uplinkLabel(u)} uplink <span className="faint mono">{u.id}</span>
      </div>
      <dl className="kv">
        <dt>{peerLabel(u.kind)}</dt>
        <dd className="mono">
          {u.url ?? 'none'}
          {u.embeddedBroker ? ' (embedded broker)' : ''}
        </dd>
        <dt>{prefixLabel(u.kind)}</dt>
        <dd className="mono">{u.topicPrefix}</dd>
        <dt>State</dt>
        <dd>
          <StateText state={u.state} ok={!uplinkAbnormal(u)} since={u.since} now={now} testId={`uplink-state-${u.id}`} />
        </dd>
        <dt>Last error</dt>
        <dd className={u.lastError ? 'err-text' : 'faint'} data-testid={`uplink-error-${u.id}`}>
          {u.lastError ?? 'none'}
        </dd>
        {counterRows(u).map((row) => (
          <div key={row.key} style={{ display: 'contents' }}>
            <dt>{row.label}</dt>
            <dd className={row.bad ? 'err-text' : ''} data-testid={`uplink-${row.key}-${u.id}`} data-value={row.value}>
              {row.value.toLocaleString()}
            </dd>
          </div>
        ))}
        <dt>Not bridged</dt>
        <dd>{(u.skipped ?? 0).toLocaleString()} samples</dd>
      </dl>
      <UplinkTestButton id={u.id} />
      {u.outbox ? <OutboxView id={u.id} o={u.outbox} state={u.state} /> : <div className="faint" style={{ marginTop: 8 }}>No durable outbox: messages are kept in memory only.</div>}
      <DrillPanel u={u} />
    </div>
  );
}
