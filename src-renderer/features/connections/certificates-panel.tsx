// Certificate doctor of both sides: own certificate (export, regenerate), trust lists with the reason and fix of
// each refusal, trust/reject/remove after an explicit confirmation, and import before the first connection.
import { useCallback, useEffect, useState } from 'react';
import type { CertificateDto, CertificateStoresDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatDateTime } from '../../lib/format.js';
import { saveTextFile } from '../../lib/save-file.js';
import { Modal } from '../../ui/modal.js';
import { CertTable, type CertAction } from './cert-table.js';
import { CertImportForm, type ImportRequest } from './cert-import-form.js';
import { OwnCertificateCard, pemToDer, saveBytes } from './own-certificate-card.js';

type Store = 'server' | 'client';

const storeTitles: Record<Store, string> = {
  server: 'Bridge server: client applications allowed to connect to PlantBridge',
  client: 'OPC UA client: plant servers PlantBridge trusts',
};

const warnings: Record<CertAction | 'regenerate', Record<Store, string>> = {
  trust: {
    client: 'PlantBridge will accept this plant server and connect to it. Only trust it if you have checked the thumbprint with the server’s owner.',
    server: 'This client application will be allowed to connect to the PlantBridge OPC UA server. Only trust it if you have checked the thumbprint with its owner.',
  },
  reject: {
    client: 'PlantBridge will refuse this server from its next connection on.',
    server: 'This client application will be refused from its next connection on.',
  },
  remove: {
    client: 'The certificate is deleted from this store. If the server connects again it reappears among the rejected ones.',
    server: 'The certificate is deleted from this store. If the client connects again it reappears among the rejected ones.',
  },
  regenerate: {
    client: 'A new client certificate replaces the current one and every source reconnects with it. Each plant server must trust the new certificate (export it and hand it to them).',
    server: 'A new bridge server certificate replaces the current one and the bridge server restarts in-process. Every client must trust the new certificate.',
  },
};

const actionRequest = {
  trust: 'trustCertificateByThumbprint',
  reject: 'rejectCertificate',
  remove: 'removeCertificate',
} as const;

interface Pending {
  store: Store;
  action: CertAction | 'regenerate';
  cert: CertificateDto | null;
}

export function CertificatesPanel() {
  const client = useApi();
  const [stores, setStores] = useState<CertificateStoresDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

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

  const run = async (work: () => Promise<CertificateStoresDto>) => {
    setBusy(true);
    try {
      setStores(await work());
      setConfirm(null);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const perform = async () => {
    if (!confirm) return;
    const { store, action, cert } = confirm;
    if (action === 'regenerate') return run(() => client.invoke('regenerateCertificate', { store }));
    if (!cert) return;
    return run(() => client.invoke(actionRequest[action], { thumbprint: cert.thumbprint, store }));
  };

  const exportOwn = async (store: Store, format: 'pem' | 'der') => {
    try {
      // Always fetched as PEM text (safe over every transport), converted to binary DER here when asked.
      const file = await client.invoke('exportCertificate', { store, format: 'pem' });
      if (format === 'pem') saveTextFile(file);
      else saveBytes(pemToDer(file.body), file.filename.replace(/\.pem$/, '.der'), 'application/pkix-cert');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const importCert = (r: ImportRequest) => void run(() => client.invoke('importCertificate', r));

  return (
    <div data-testid="certificates">
      {error ? <div className="error-text" data-testid="certificates-error">{error}</div> : null}
      {!stores ? <div className="faint">Loading certificates…</div> : null}
      {stores
        ? (['client', 'server'] as const).map((store) => {
            const s = stores[store];
            const onAction = (cert: CertificateDto, action: CertAction) => setConfirm({ store, action, cert });
            return (
              <div key={store} className="panel" style={{ marginBottom: 12 }} data-testid={`store-${store}`}>
                <div style={{ fontWeight: 700, marginBottom: 6 }}>{storeTitles[store]}</div>
                <div className="muted" style={{ fontWeight: 600, margin: '6px 0 4px' }}>Own certificate</div>
                <OwnCertificateCard cert={s.own} onExport={(f) => void exportOwn(store, f)} onRegenerate={() => setConfirm({ store, action: 'regenerate', cert: null })} />
                <div className="muted" style={{ fontWeight: 600, margin: '6px 0 4px' }}>Rejected ({s.rejected.length})</div>
                <CertTable certs={s.rejected} kind="rejected" onAction={onAction} />
                <div className="muted" style={{ fontWeight: 600, margin: '6px 0 4px' }}>Trusted ({s.trusted.length})</div>
                <CertTable certs={s.trusted} kind="trusted" onAction={onAction} />
                <div className="muted" style={{ fontWeight: 600, margin: '6px 0 4px' }}>
                  Issuers ({(s.issuers ?? []).length}) and CRLs ({(s.crls ?? []).length})
                </div>
                <CertTable certs={s.issuers ?? []} kind="issuers" onAction={onAction} />
                {(s.crls ?? []).map((crl) => (
                  <div key={crl.thumbprint} className="faint" data-testid={`crl-${crl.thumbprint}`}>
                    CRL of {crl.issuer} ({crl.list}): {crl.revokedCount} revoked, updated {formatDateTime(crl.thisUpdate)}{' '}
                    <button className="btn" onClick={() => void run(() => client.invoke('removeCertificate', { thumbprint: crl.thumbprint, store }))}>
                      Remove
                    </button>
                  </div>
                ))}
                <CertImportForm store={store} busy={busy} onImport={importCert} />
              </div>
            );
          })
        : null}
      {confirm ? (
        <Modal title={confirm.action === 'regenerate' ? 'Regenerate the own certificate?' : `${confirm.action[0]?.toUpperCase()}${confirm.action.slice(1)} this certificate?`} onClose={() => !busy && setConfirm(null)} testId="trust-dialog">
          <p>{warnings[confirm.action][confirm.store]}</p>
          {confirm.cert ? (
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
              {confirm.cert.reason ? (
                <>
                  <dt>Problem</dt>
                  <dd>{confirm.cert.reason.text} {confirm.cert.reason.fix}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          <div className="modal-actions">
            <button className="btn" onClick={() => setConfirm(null)} disabled={busy}>
              Cancel
            </button>
            <button className="btn primary" onClick={() => void perform()} disabled={busy} data-testid="trust-confirm">
              {busy ? 'Working…' : confirm.action === 'trust' ? 'Trust certificate' : confirm.action === 'regenerate' ? 'Regenerate' : `${confirm.action[0]?.toUpperCase()}${confirm.action.slice(1)}`}
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
