// Acknowledge one or more alarms with a comment (optional, but asked for: it goes into the alarm journal).
import { useState } from 'react';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { Modal } from '../../ui/modal.js';

export function AckDialog({ alarms, onClose, onDone }: { alarms: readonly AlarmDto[]; onClose: () => void; onDone: (acked: AlarmDto[]) => void }) {
  const client = useApi();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const single = alarms.length === 1 ? alarms[0] : undefined;

  const submit = async () => {
    setBusy(true);
    setError(null);
    const done: AlarmDto[] = [];
    const failures: string[] = [];
    for (const a of alarms) {
      try {
        done.push(await client.invoke('ackAlarm', { id: a.id, comment: comment.trim() }));
      } catch (err) {
        failures.push(`${a.tag} ${a.level}: ${(err as Error).message}`);
      }
    }
    setBusy(false);
    if (done.length > 0) onDone(done);
    if (failures.length > 0) setError(failures.join('\n'));
    else onClose();
  };

  return (
    <Modal title={single ? `Acknowledge ${single.level} alarm` : `Acknowledge ${alarms.length} alarms`} onClose={onClose} testId="ack-dialog">
      {single ? (
        <dl className="kv">
          <dt>Tag</dt>
          <dd>{single.tag}</dd>
          <dt>Message</dt>
          <dd>{single.message}</dd>
        </dl>
      ) : (
        <p>All selected unacknowledged alarms will be acknowledged with the same comment.</p>
      )}
      <label className="field-label" htmlFor="ack-comment">
        Comment <span className="faint">(recommended: what you checked or did)</span>
      </label>
      <textarea
        id="ack-comment"
        className="input"
        value={comment}
        maxLength={1000}
        onChange={(e) => setComment(e.target.value)}
        data-testid="ack-comment"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      {error ? <div className="error-text" role="alert" style={{ whiteSpace: 'pre-wrap' }}>{error}</div> : null}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button className="btn primary" onClick={() => void submit()} disabled={busy} data-testid="ack-confirm">
          {busy ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      </div>
    </Modal>
  );
}
