// "Test connection" for one uplink: asks the backend for one bounded round trip to the peer and shows the outcome.
import { useState } from 'react';
import type { UplinkTestResult } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { testOutcomeText } from '../../lib/uplink-card.js';

export function UplinkTestButton({ id }: { id: string }) {
  const client = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UplinkTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = () => {
    setBusy(true);
    setError(null);
    client
      .invoke('testUplink', { id })
      .then((r) => setResult(r))
      .catch((e: Error) => {
        setResult(null);
        setError(e.message);
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className="uplink-test" style={{ marginTop: 8 }}>
      <button type="button" className="btn" onClick={run} disabled={busy} data-testid={`uplink-test-${id}`}>
        {busy ? 'Testing…' : 'Test connection'}
      </button>
      {result ? (
        <div className={result.ok ? '' : 'err-text'} role="status" data-testid={`uplink-test-result-${id}`} data-ok={result.ok ? 'true' : 'false'}>
          {testOutcomeText(result)}
        </div>
      ) : null}
      {error ? (
        <div className="err-text" role="status" data-testid={`uplink-test-result-${id}`} data-ok="false">
          Test not possible: {error}
        </div>
      ) : null}
    </div>
  );
}
