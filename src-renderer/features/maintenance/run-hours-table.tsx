// Run hours and starts of the motor-driven assets, with the next service due: from GET /api/maintenance/run-hours.
import { useEffect, useState } from 'react';
import type { RunHoursDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatNumber } from '../../lib/format.js';

export function RunHoursTable() {
  const client = useApi();
  const [rows, setRows] = useState<RunHoursDto[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      client
        .invoke('runHours', {})
        .then((r) => !cancelled && (setRows(r), setError(null)))
        .catch((err: Error) => !cancelled && setError(err.message));
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client]);

  return (
    <div className="panel" style={{ marginTop: 12 }} data-testid="run-hours">
      <h2 style={{ margin: '0 0 8px', fontSize: 18 }}>Run hours and starts</h2>
      {error ? <div className="error-text">{error}</div> : null}
      <table className="grid">
        <thead>
          <tr>
            <th>Asset</th>
            <th>State</th>
            <th>Run hours</th>
            <th>Starts</th>
            <th>Starts last hour / 24 h</th>
            <th>Service due in</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.asset} data-testid={`run-hours-${r.asset}`}>
              <td>{r.asset}</td>
              <td>{r.running ? 'running' : 'stopped'}</td>
              <td>{formatNumber(r.runHours)} h</td>
              <td>{r.starts}</td>
              <td>
                {r.startsLastHour} / {r.startsLast24h}
              </td>
              <td className={r.serviceDueInHours <= 0 ? 'error-text' : undefined}>
                {r.serviceDueInHours <= 0 ? `overdue by ${formatNumber(-r.serviceDueInHours)} h` : `${formatNumber(r.serviceDueInHours)} h`}
              </td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">No assets with a running tag are watched.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
