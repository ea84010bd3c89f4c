// Maintenance: predictive flags with the time left to the limit, and a "why" panel that explains each flag.
import { useMemo, useState } from 'react';
import type { FlagDto } from '../../../src-main/contract/index.js';
import { useFlags } from '../../state/hooks.js';
import { formatDateTime, formatDuration, formatNumber, formatRelative } from '../../lib/format.js';
import { useNow } from '../../ui/use-now.js';
import { href } from '../../ui/router.js';
import { WhyChart } from './why-chart.js';
import { FlagActions } from './flag-actions.js';
import { RunHoursTable } from './run-hours-table.js';

function Eta({ flag, now }: { flag: FlagDto; now: number }) {
  if (flag.limitEta === null) return <span className="faint">not trending to limit</span>;
  const range = flag.limitEtaRange;
  return (
    <span>
      <strong>{formatRelative(flag.limitEta, now)}</strong>
      {range ? (
        <div className="faint" style={{ fontSize: 13 }}>
          {formatDuration(Math.max(0, range[0] - now))} – {formatDuration(Math.max(0, range[1] - now))}
        </div>
      ) : null}
    </span>
  );
}

export function MaintenancePage() {
  const flags = useFlags();
  const now = useNow(10_000);
  const [showCleared, setShowCleared] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const shown = useMemo(() => flags.filter((f) => showCleared || f.state === 'active'), [flags, showCleared]);
  const selected = shown.find((f) => f.id === selectedId) ?? shown[0] ?? null;

  return (
    <div data-testid="maintenance-page">
      <div className="toolbar">
        <span className="muted">{flags.filter((f) => f.state === 'active').length} active flags</span>
        <label className="muted">
          <input type="checkbox" checked={showCleared} onChange={(e) => setShowCleared(e.target.checked)} /> Show cleared
        </label>
      </div>
      <div className="maint-layout">
        <table className="grid" data-testid="flag-table">
          <thead>
            <tr>
              <th style={{ width: 100 }}>Severity</th>
              <th>Asset</th>
              <th>Title</th>
              <th style={{ width: 170 }}>Started</th>
              <th style={{ width: 160 }}>Limit reached</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => (
              <tr
                key={f.id}
                className={`clickable${selected?.id === f.id ? ' selected' : ''}`}
                onClick={() => setSelectedId(f.id)}
                data-testid={`flag-row-${f.id}`}
              >
                <td>
                  <span className={`sev ${f.state === 'cleared' ? 'sev-cleared' : `sev-${f.severity}`}`}>{f.state === 'cleared' ? 'cleared' : f.severity}</span>
                </td>
                <td>{f.asset}</td>
                <td>
                  {f.title}
                  {f.acknowledged ? <span className="faint"> · acknowledged</span> : null}
                  {f.workOrder ? <span className="faint"> · {f.workOrder}</span> : null}
                </td>
                <td className="nowrap">{formatDateTime(f.startedAt)}</td>
                <td>
                  <Eta flag={f} now={now} />
                </td>
              </tr>
            ))}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty">No maintenance flags. Equipment behaves within its learned normal band.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <div className="panel" data-testid="why-panel">
          {selected ? (
            <>
              <h2 style={{ margin: '0 0 4px', fontSize: 18 }}>Why: {selected.title}</h2>
              <div className="faint">
                {selected.asset} · rule {selected.rule} · updated {formatDateTime(selected.updatedAt)}
              </div>
              <FlagActions flag={selected} />
              <p className="why-text">{selected.explanation}</p>
              {selected.evidence.map((ev) => (
                <div key={ev.tag} style={{ marginTop: 10 }}>
                  <dl className="kv">
                    <dt>Tag</dt>
                    <dd>
                      <a href={href('trends', { tag: ev.tag })}>{ev.tag}</a>
                    </dd>
                    <dt>Normal band</dt>
                    <dd>
                      {formatNumber(ev.bandLow)} – {formatNumber(ev.bandHigh)} {ev.unit} (baseline {formatNumber(ev.baseline)})
                    </dd>
                    <dt>Now</dt>
                    <dd>
                      {formatNumber(ev.current)} {ev.unit}, changing {ev.slopePerHour >= 0 ? '+' : ''}
                      {formatNumber(ev.slopePerHour)} {ev.unit}/h
                    </dd>
                    <dt>{ev.limitKind === 'none' ? 'Reference' : 'Limit'}</dt>
                    <dd>
                      {formatNumber(ev.limit)} {ev.unit}
                      {ev.limitKind === 'low' ? ' (low limit)' : ''}
                    </dd>
                    {ev.changePointTs !== null ? (
                      <>
                        <dt>Change began</dt>
                        <dd>{formatDateTime(ev.changePointTs)}</dd>
                      </>
                    ) : null}
                  </dl>
                  <WhyChart flag={selected} evidence={ev} />
                </div>
              ))}
            </>
          ) : (
            <div className="empty">Select a flag to see why it was raised.</div>
          )}
        </div>
      </div>
      <RunHoursTable />
    </div>
  );
}
