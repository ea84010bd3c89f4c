// Certificate trust lists of both sides; a rejected certificate can be trusted after an explicit confirmation.
import { useCallback, useEffect, useState } from 'react';
import type { CertificateDto, CertificateStoresDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatDateTime } from '../../lib/format.js';
import { Modal } from '../../ui/modal.js';

type Store = 'server' | 'client';

const storeTitles: Record<Store, string> = {
  server: 'Bridge server: client applications allowed to connect to PlantBridge',
  client: 'OPC UA client: plant servers PlantBridge trusts',
};

function CertTable({ certs, rejected, onTrust, now }: { certs: readonly CertificateDto[]; rejected: boolean; onTrust?: (c: CertificateDto) => void; now: number }) {
  if (certs.length === 0) return <div className="faint" style={{ padding: '4px 0 8px' }}>{rejected ? 'None rejected.' : 'None trusted.'}</div>;
  return (
    <table className="grid fixed" style={{ marginBottom: 8 }}>
      <thead>
        <tr>
          <th>Subject</th>
          <th style={{ width: 230 }}>Thumbprint</th>
          <th style={{ width: 330 }}>Valid</th>
          <th style={{ width: 100 }} />
        </tr>
      </thead>
      <tbody>
        {certs.map((c) => {
          const expired = c.notAfter < now;
          const notYet = c.notBefore > now;
          return (
            <tr key={c.thumbprint} data-testid={`cert-${c.thumbprint}`}>
              <td>
                <div>{c.subject}</div>
                {c.applicationUri ? <div className="faint mono">{c.applicationUri}</div> : null}
              </td>
              <td className="mono" title={c.thumbprint} style={{ overflowWrap: 'anywhere' }}>{c.thumbprint}</td>
              <td className="nowrap">
                {formatDateTime(c.notBefore)} → {formatDateTime(c.notAfter)}
                {expired ? <div className="err-text">expired</div> : notYet ? <div className="err-text">not yet valid</div> : null}
              </td>
              <td>
                {rejected ? (
                  <button className="btn" onClick={() => onTrust?.(c)} data-testid="trust-button">
                    Trust…
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CertificatesPanel() {
  const client = useApi();
  const [stores, setStores] = useState<CertificateStoresDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ store: Store; cert: CertificateDto } | null>(null);
  const [busy, setBusy] = useState(false);
  const now = Date.now();

  const load = useCallback(() => {
    client
      .invoke('listCertificates', {})
      .then((s) => (setStores(s), setError(null)))
      .catch((e: Error) => setError(e.message));
  }, [client]);

  useEffect(() => {
    load();
    const id = setInterval(load, 10_000);
    return () => clearInterval(id);
  }, [load]);

  const trust = async () => {
    if (!confirm) return;
    setBusy(true);
    try {
      setStores(await client.invoke('trustCertificate', { store: confirm.store, thumbprint: confirm.cert.thumbprint }));
      setConfirm(null);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="certificates">
      {error ? <div className="error-text">{error}</div> : null}
      {!stores ? <div className="faint">Loading certificates…</div> : null}
      {stores
        ? (['client', 'server'] as const).map((store) => (
            <div key={store} className="panel" style={{ marginBottom: 12 }}>
              <div style={{ fontWeight: 700, marginBottom: 6 }}>{storeTitles[store]}</div>
              <div className="muted" style={{ fontWeight: 600, margin: '6px 0 4px' }}>Rejected ({stores[store].rejected.length})</div>
              <CertTable certs={stores[store].rejected} rejected onTrust={(cert) => setConfirm({ store, cert })} now={now} />
              <div className="muted" style={{ fontWeight: 600, margin: '6px 0 4px' }}>Trusted ({stores[store].trusted.length})</div>
              <CertTable certs={stores[store].trusted} rejected={false} now={now} />
            </div>
          ))
        : null}
      {confirm ? (
        <Modal title="Trust this certificate?" onClose={() => !busy && setConfirm(null)} testId="trust-dialog">
          <p>
            {confirm.store === 'client'
              ? 'PlantBridge will accept this plant server and connect to it. Only trust it if you have checked the thumbprint with the server’s owner.'
              : 'This client application will be allowed to connect to the PlantBridge OPC UA server. Only trust it if you have checked the thumbprint with its owner.'}
          </p>
          <dl className="kv">
            <dt>Subject</dt>
            <dd>{confirm.cert.subject}</dd>
            <dt>Issuer</dt>
            <dd>{confirm.cert.issuer}</dd>
            <dt>Thumbprint</dt>
            <dd className="mono">{confirm.cert.thumbprint}</dd>
            <dt>Valid</dt>
            <dd>
              {formatDateTime(confirm.cert.notBefore)} → {formatDateTime(confirm.cert.notAfter)}
            </dd>
          </dl>
          <div className="modal-actions">
            <button className="btn" onClick={() => setConfirm(null)} disabled={busy}>
              Cancel
            </button>
            <button className="btn primary" onClick={() => void trust()} disabled={busy} data-testid="trust-confirm">
              {busy ? 'Trusting…' : 'Trust certificate'}
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
