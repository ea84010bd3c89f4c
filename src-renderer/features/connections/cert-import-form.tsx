// Import a certificate or CRL into a trust list before the first connection: paste PEM, or pick a .der/.pem/.crl file.
import { useState } from 'react';

export interface ImportRequest {
  store: 'client' | 'server';
  target: 'trusted' | 'issuers';
  body: string;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function CertImportForm({ store, busy, onImport }: { store: 'client' | 'server'; busy: boolean; onImport: (r: ImportRequest) => void }) {
  const [body, setBody] = useState('');
  const [target, setTarget] = useState<'trusted' | 'issuers'>('trusted');
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    setBody(text.includes('-----BEGIN') ? text : toBase64(bytes));
  };
  return (
    <div data-testid={`import-${store}`} style={{ margin: '6px 0' }}>
      <textarea
        rows={3}
        style={{ width: '100%' }}
        placeholder="Paste a PEM certificate or CRL (-----BEGIN CERTIFICATE----- …), or choose a file"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        data-testid="import-body"
      />
      <input type="file" accept=".pem,.der,.crt,.cer,.crl" onChange={(e) => void onFile(e.target.files?.[0])} />{' '}
      <select value={target} onChange={(e) => setTarget(e.target.value === 'issuers' ? 'issuers' : 'trusted')} data-testid="import-target">
        <option value="trusted">to Trusted</option>
        <option value="issuers">to Issuers (CA certificates, CRLs)</option>
      </select>{' '}
      <button
        className="btn primary"
        disabled={busy || body.trim() === ''}
        onClick={() => {
          onImport({ store, target, body });
          setBody('');
        }}
        data-testid="import-button"
      >
        Import
      </button>
    </div>
  );
}
