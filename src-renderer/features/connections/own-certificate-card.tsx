// The application's own certificate on one side (client or bridge server): what it contains, export as PEM or DER
// (for hand-carrying to the other machine), and regenerate.
import type { CertificateDto } from '../../../src-main/contract/index.js';
import { formatDateTime } from '../../lib/format.js';
import { Reason } from './cert-table.js';

export function OwnCertificateCard({ cert, onExport, onRegenerate }: { cert: CertificateDto | null | undefined; onExport: (f: 'pem' | 'der') => void; onRegenerate: () => void }) {
  if (!cert) return <div className="faint">No own certificate yet: it is created on first use.</div>;
  return (
    <div data-testid="own-certificate" style={{ marginBottom: 8 }}>
      <dl className="kv">
        <dt>Subject</dt>
        <dd>{cert.subject}</dd>
        <dt>Application URI</dt>
        <dd className="mono">{cert.applicationUri ?? '—'}</dd>
        <dt>Host names / IPs</dt>
        <dd className="mono">{[...(cert.dns ?? []), ...(cert.ip ?? [])].join(', ') || '—'}</dd>
        <dt>Valid</dt>
        <dd>
          {formatDateTime(cert.notBefore)} → {formatDateTime(cert.notAfter)}
        </dd>
        <dt>Thumbprint</dt>
        <dd className="mono">{cert.thumbprint}</dd>
        <dt>Key</dt>
        <dd>{cert.keyLength ? `RSA ${cert.keyLength} bits` : '—'}</dd>
      </dl>
      {cert.reason ? <Reason cert={cert} /> : null}
      <button className="btn" onClick={() => onExport('pem')} data-testid="export-pem">Export PEM</button>{' '}
      <button className="btn" onClick={() => onExport('der')} data-testid="export-der">Export DER</button>{' '}
      <button className="btn" onClick={onRegenerate} data-testid="regenerate-button">Regenerate…</button>
    </div>
  );
}

/** PEM text → DER bytes, so the DER download is binary over every transport. */
export function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[A-Z0-9 ]+-----|\s/g, '');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function saveBytes(bytes: Uint8Array, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
