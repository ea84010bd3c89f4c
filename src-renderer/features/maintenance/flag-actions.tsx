// The acknowledge / work order / clear buttons of the selected flag, its user-added state and its history.
import { useEffect, useState } from 'react';
import type { FlagDto, FlagHistoryEntry } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { formatDateTime } from '../../lib/format.js';
import { FlagActionDialog, type FlagAction } from './flag-action-dialog.js';

export function FlagActions({ flag }: { flag: FlagDto }) {
  const client = useApi();
  const [action, setAction] = useState<FlagAction | null>(null);
  const [history, setHistory] = useState<FlagHistoryEntry[]>([]);

  useEffect(() => {
    let cancelled = false;
    client
      .invoke('flagHistory', { from: Math.max(0, flag.startedAt - 1), limit: 500 })
      .then((h) => !cancelled && setHistory(h.filter((e) => e.flagId === flag.id)))
      .catch(() => !cancelled && setHistory([]));
    return () => {
      cancelled = true;
    };
  }, [client, flag.id, flag.startedAt, flag.updatedAt]);

  const active = flag.state === 'active';
  return (
    <div data-testid="flag-actions" style={{ margin: '8px 0' }}>
      {active ? (
        <div className="toolbar">
          <button className="btn" disabled={flag.acknowledged === true} onClick={() => setAction('ack')} data-testid="flag-ack">
            {flag.acknowledged ? 'Acknowledged' : 'Acknowledge'}
          </button>
          <button className="btn" onClick={() => setAction('work-order')} data-testid="flag-work-order">
            Work order…
          </button>
          <button className="btn" onClick={() => setAction('clear')} data-testid="flag-clear">
            Clear…
          </button>
        </div>
      ) : null}
      <dl className="kv">
        {flag.acknowledged ? (
          <>
            <dt>Acknowledged</dt>
            <dd>
              by {flag.ackedBy ?? '?'}
              {flag.ackedAt ? ` at ${formatDateTime(flag.ackedAt)}` : ''}
              {flag.ackComment ? `: ${flag.ackComment}` : ''}
            </dd>
          </>
        ) : null}
        {flag.workOrder ? (
          <>
            <dt>Work order</dt>
            <dd data-testid="flag-work-order-text">{flag.workOrder}</dd>
          </>
        ) : null}
        {flag.clearedBy ? (
          <>
            <dt>Cleared</dt>
            <dd>
              by {flag.clearedBy}: {flag.clearReason}
            </dd>
          </>
        ) : null}
      </dl>
      {history.length > 0 ? (
        <details>
          <summary className="muted">History ({history.length})</summary>
          <ul className="faint" data-testid="flag-history">
            {history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.ts)} {h.event} ({h.severity}) {h.user ? `by ${h.user}` : 'by the analytics'}
                {h.comment ? `: ${h.comment}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {action ? <FlagActionDialog flag={flag} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}
