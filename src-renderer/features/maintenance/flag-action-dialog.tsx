// Acknowledge a maintenance flag, link a work order to it, or clear it: one small dialog, recorded with the user
// in the flag history.
import { useState } from 'react';
import type { FlagDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { useSubmit } from '../../state/use-submit.js';
import { Modal } from '../../ui/modal.js';

export type FlagAction = 'ack' | 'work-order' | 'clear';

const TEXT: Record<FlagAction, { title: string; field: string; hint: string; button: string; required: boolean }> = {
  ack: { title: 'Acknowledge flag', field: 'Comment', hint: '(optional: what you checked)', button: 'Acknowledge', required: false },
  'work-order': { title: 'Link a work order', field: 'Work order', hint: '(id or note, e.g. WO-4711 replace DE bearing)', button: 'Save', required: true },
  clear: { title: 'Clear flag', field: 'Reason', hint: '(required: e.g. bearing replaced, false alarm)', button: 'Clear flag', required: true },
};

export function FlagActionDialog({ flag, action, onClose }: { flag: FlagDto; action: FlagAction; onClose: () => void }) {
  const client = useApi();
  const [text, setText] = useState(action === 'work-order' ? (flag.workOrder ?? '') : '');
  const { busy, error, setError, run } = useSubmit();
  const t = TEXT[action];

  const submit = async () => {
    if (t.required && text.trim() === '') {
      setError(`${t.field} is required.`);
      return;
    }
    await run(async () => {
      if (action === 'ack') await client.invoke('ackFlag', { id: flag.id, comment: text.trim() });
      else if (action === 'work-order') await client.invoke('setFlagWorkOrder', { id: flag.id, workOrder: text.trim() });
      else await client.invoke('clearFlag', { id: flag.id, reason: text.trim() });
      onClose();
    });
  };

  return (
    <Modal title={t.title} onClose={onClose} testId={`flag-${action}-dialog`}>
      <dl className="kv">
        <dt>Flag</dt>
        <dd>{flag.title}</dd>
      </dl>
      <label className="field-label" htmlFor="flag-action-text">
        {t.field} <span className="faint">{t.hint}</span>
      </label>
      <textarea
        id="flag-action-text"
        className="input"
        value={text}
        maxLength={action === 'work-order' ? 500 : 1000}
        onChange={(e) => setText(e.target.value)}
        data-testid="flag-action-text"
      />
      {error ? <div className="error-text" role="alert">{error}</div> : null}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button className="btn primary" onClick={() => void submit()} disabled={busy} data-testid="flag-action-confirm">
          {busy ? 'Saving…' : t.button}
        </button>
      </div>
    </Modal>
  );
}
