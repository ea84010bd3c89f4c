// Connections: plant sources, the uplinks with their outboxes and drills, the bridge OPC UA server,
// certificates and the API address.
import { useEffect, useState } from 'react';
import type { ConnectionsDto, SourceStatus } from '../../../src-main/contract/index.js';
import { useApi, useHealth } from '../../state/hooks.js';
import { useNow } from '../../ui/use-now.js';
import { CertificatesPanel } from './certificates-panel.js';
import { StateText } from './state-text.js';
import { UplinkCard } from './uplink-card.js';

function SourcePanel({ s, now }: { s: SourceStatus; now: number }) {
  return (
    <div className="panel" data-testid={`source-${s.id}`}>
      <div style={{ fontWeight: 700, fontSize: 16, marginBottom: 6 }}>Source {s.id}</div>
      <dl className="kv">
        <dt>Endpoint</dt>
        <dd className="mono">{s.endpointUrl}</dd>
        <dt>Security</dt>
        <dd>
          {s.securityMode} / {s.securityPolicy}
        </dd>
        <dt>State</dt>
        <dd>
          <StateText state={s.state} ok={s.state === 'connected'} since={s.since} now={now} />
        </dd>
        <dt>Last error</dt>
        <dd className={s.lastError ? 'err-text' : 'faint'}>{s.lastError ?? 'none'}</dd>
        <dt>Monitored items</dt>
        <dd>{s.monitoredItems.toLocaleString()}</dd>
        <dt>Reconnects</dt>
        <dd>{s.reconnects.toLocaleString()}</dd>
      </dl>
    </div>
  );
}

export function ConnectionsPage() {
  const client = useApi();
  const health = useHealth();
  const now = useNow(1000);
  const [conn, setConn] = useState<ConnectionsDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      client
        .invoke('connections', {})
        .then((c) => !cancelled && (setConn(c), setError(null)))
        .catch((e: Error) => !cancelled && setError(e.message));
    void load();
    const id = setInterval(() => void load(), 5000);
    return () => {
      cancelled = true;
      clearInterval(id);
    };
  }, [client]);

  // Health arrives every second: prefer its fresher source and uplink states.
  const sources = health?.sources ?? conn?.sources ?? [];
  const uplinks = health?.uplinks ?? conn?.uplinks ?? [];
  const server = health?.bridgeServer ?? conn?.bridgeServer ?? null;

  return (
    <div data-testid="connections-page">
      {error ? <div className="error-text">{error}</div> : null}
      <h2 className="section-title">Plant sources</h2>
      <div className="conn-grid">
        {sources.map((s) => (
          <SourcePanel key={s.id} s={s} now={now} />
        ))}
        {sources.length === 0 ? <div className="faint">No sources configured.</div> : null}
      </div>
      <h2 className="section-title">Uplinks</h2>
      <div className="conn-grid">
        {uplinks.map((u) => (
          <UplinkCard key={u.id} u={u} now={now} />
        ))}
        {uplinks.length === 0 ? <div className="faint">No uplink configured.</div> : null}
      </div>
      <h2 className="section-title">Bridge server and API</h2>
      <div className="conn-grid">
        <div className="panel" data-testid="bridge-server">
          <div style={{ fontWeight: 700, fontSize: 16, marginBottom: 6 }}>Bridge OPC UA server</div>
          {server ? (
            <dl className="kv">
              <dt>Endpoint</dt>
              <dd className="mono">{server.endpointUrl}</dd>
              <dt>Security modes</dt>
              <dd>{server.securityModes.join(', ')}</dd>
              <dt>Security policies</dt>
              <dd>{server.securityPolicies.join(', ')}</dd>
              <dt>Anonymous access</dt>
              <dd className={server.allowAnonymous ? 'err-text' : ''}>{server.allowAnonymous ? 'yes' : 'no'}</dd>
              <dt>Sessions</dt>
              <dd>{server.sessions}</dd>
              <dt>Tags exposed</dt>
              <dd>{server.tags.toLocaleString()}</dd>
              <dt>Writes accepted / rejected</dt>
              <dd>
                {server.acceptedWrites.toLocaleString()} / {server.rejectedWrites.toLocaleString()}
              </dd>
            </dl>
          ) : (
            <div className="faint">The bridge OPC UA server is disabled.</div>
          )}
        </div>
        <div className="panel" data-testid="api-info">
          <div style={{ fontWeight: 700, fontSize: 16, marginBottom: 6 }}>PlantBridge API</div>
          {conn ? (
            <dl className="kv">
              <dt>URL</dt>
              <dd className="mono">{conn.api.url}</dd>
              <dt>Bound to</dt>
              <dd className="mono">{conn.api.bind}</dd>
              <dt>Login required</dt>
              <dd>{conn.api.authRequired ? 'yes' : 'no'}</dd>
              <dt>Historian</dt>
              <dd>
                {health ? `${health.historian.rowsWritten.toLocaleString()} rows, queue ${health.historian.queueDepth}, ${health.historian.retentionDays} days kept` : '—'}
              </dd>
              {health?.historian.lastError ? (
                <>
                  <dt>Historian error</dt>
                  <dd className="err-text">{health.historian.lastError}</dd>
                </>
              ) : null}
              <dt>Version</dt>
              <dd>{health?.version ?? '—'}</dd>
            </dl>
          ) : (
            <div className="faint">Loading…</div>
          )}
        </div>
      </div>
      <h2 className="section-title">Certificates</h2>
      <CertificatesPanel />
    </div>
  );
}
