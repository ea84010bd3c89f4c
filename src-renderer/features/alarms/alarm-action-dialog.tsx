// One dialog for the alarm actions that take a comment or a reason: confirm, reset, unshelve, out of service /
// return to service. The comment goes into the alarm journal (and, for the service state, the command audit).
import { useState } from 'react';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { useSubmit } from '../../state/use-submit.js';
import { Modal } from '../../ui/modal.js';

export type AlarmAction = 'confirm' | 'reset' | 'unshelve' | 'out-of-service' | 'in-service';

const titles: Record<AlarmAction, string> = {
  confirm: 'Confirm alarm',
  reset: 'Reset latched alarm',
  unshelve: 'Unshelve alarm',
  'out-of-service': 'Take alarm out of service',
  'in-service': 'Return alarm to service',
};

/** Actions that refuse an empty reason (the backend requires one). */
const needsReason = new Set<AlarmAction>(['out-of-service', 'in-service']);

export function AlarmActionDialog({ alarm, action, onClose, onDone }: { alarm: AlarmDto; action: AlarmAction; onClose: () => void; onDone: (a: AlarmDto) => void }) {
  const client = useApi();
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit();
  const required = needsReason.has(action);

  const submit = () =>
    run(async () => {
      const id = alarm.id;
      const comment = text.trim();
      const done =
        action === 'confirm'
          ? await client.invoke('confirmAlarm', { id, comment })
          : action === 'reset'
            ? await client.invoke('resetAlarm', { id, comment })
            : action === 'unshelve'
              ? await client.invoke('unshelveAlarm', { id, comment })
              : await client.invoke('setAlarmOutOfService', { id, outOfService: action === 'out-of-service', reason: comment });
      onDone(done);
      onClose();
    });

  return (
    <Modal title={titles[action]} onClose={onClose} testId="alarm-action-dialog">
      <dl className="kv">
        <dt>Alarm</dt>
        <dd>
          {alarm.tag} {alarm.level}
        </dd>
        <dt>Message</dt>
        <dd>{alarm.message}</dd>
        {alarm.shelving ? (
          <>
            <dt>Shelved by</dt>
            <dd>
              {alarm.shelving.user}: {alarm.shelving.reason}
            </dd>
          </>
        ) : null}
      </dl>
      {action === 'out-of-service' ? <p className="muted">Engineers only. The alarm is still tracked and journaled, but not annunciated, until it is returned to service.</p> : null}
      <label className="field-label" htmlFor="alarm-action-text">
        {required ? 'Reason (required)' : 'Comment'}
      </label>
      <textarea id="alarm-action-text" className="input" value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} data-testid="alarm-action-text" />
      {error ? <div className="error-text" role="alert">{error}</div> : null}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button className="btn primary" onClick={() => void submit()} disabled={busy || (required && text.trim() === '')} data-testid="alarm-action-confirm">
          {busy ? 'Working…' : titles[action]}
        </button>
      </div>
    </Modal>
  );
}
