// One trust list (trusted, rejected or issuers) of the certificate doctor: who, validity, why refused and the fix,
// with the actions that list allows.
import type { CertificateDto } from '../../../src-main/contract/index.js';
import { formatDateTime } from '../../lib/format.js';

export type CertAction = 'trust' | 'reject' | 'remove';
export type ListKind = 'trusted' | 'rejected' | 'issuers';

const actionsOf: Record<ListKind, CertAction[]> = { rejected: ['trust', 'remove'], trusted: ['reject', 'remove'], issuers: ['remove'] };
const label: Record<CertAction, string> = { trust: 'Trust…', reject: 'Reject…', remove: 'Remove…' };

export function Reason({ cert }: { cert: CertificateDto }) {
  const reason = cert.reason;
  if (!reason) return <span className="faint">—</span>;
  const others = (cert.problems ?? []).slice(1);
  return (
    <div data-testid="cert-reason" data-kind={reason.kind}>
      <div className="err-text" style={{ fontWeight: 600 }}>
        {reason.text} {reason.statusCode ? <span className="mono faint">({reason.statusCode})</span> : null}
      </div>
      <div>Fix: {reason.fix}</div>
      {others.length > 0 ? <div className="faint">Also: {others.map((p) => p.text).join(' ')}</div> : null}
      {cert.lastRefusal?.peer ? <div className="faint mono">at {cert.lastRefusal.peer}, {formatDateTime(cert.lastRefusal.ts)}</div> : null}
    </div>
  );
}

export function CertTable({ certs, kind, onAction }: { certs: readonly CertificateDto[]; kind: ListKind; onAction: (c: CertificateDto, a: CertAction) => void }) {
  if (certs.length === 0) return <div className="faint" style={{ padding: '4px 0 8px' }}>{`None ${kind === 'issuers' ? 'imported' : kind}.`}</div>;
  return (
    <table className="grid fixed" style={{ marginBottom: 8 }} data-testid={`cert-list-${kind}`}>
      <thead>
        <tr>
          <th>Subject / issuer</th>
          <th style={{ width: 200 }}>Thumbprint</th>
          <th style={{ width: 220 }}>Valid</th>
          <th>{kind === 'rejected' ? 'Why refused' : 'Problems'}</th>
          <th style={{ width: 170 }} />
        </tr>
      </thead>
      <tbody>
        {certs.map((c) => (
          <tr key={c.thumbprint} data-testid={`cert-${c.thumbprint}`}>
            <td>
              <div>{c.subject}</div>
              {c.issuer !== c.subject ? <div className="faint">issued by {c.issuer}</div> : null}
              {c.applicationUri ? <div className="faint mono">{c.applicationUri}</div> : null}
            </td>
            <td className="mono" title={c.thumbprint} style={{ overflowWrap: 'anywhere' }}>{c.thumbprint}</td>
            <td className="nowrap">
              {formatDateTime(c.notBefore)}
              <br />→ {formatDateTime(c.notAfter)}
            </td>
            <td>
              <Reason cert={c} />
            </td>
            <td>
              {actionsOf[kind].map((a) => (
                <button key={a} className="btn" style={{ marginRight: 4 }} onClick={() => onAction(c, a)} data-testid={`${a}-button`}>
                  {label[a]}
                </button>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
