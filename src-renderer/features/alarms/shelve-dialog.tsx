// Shelve an alarm: timed (minutes, capped at the alarm's maximum) or one-shot (until it returns to normal), always
// with a reason that goes into the alarm journal.
import { useState } from 'react';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { useSubmit } from '../../state/use-submit.js';
import { Modal } from '../../ui/modal.js';

export function ShelveDialog({ alarm, onClose, onDone }: { alarm: AlarmDto; onClose: () => void; onDone: (a: AlarmDto) => void }) {
  const client = useApi();
  const max = alarm.settings?.maxShelveMinutes ?? 480;
  const [mode, setMode] = useState<'timed' | 'one-shot'>('timed');
  const [minutes, setMinutes] = useState(String(Math.min(60, max)));
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();
  const value = Number(minutes);
  const durationOk = mode === 'one-shot' || (Number.isFinite(value) && value > 0 && value <= max);

  const submit = () =>
    run(async () => {
      const args = mode === 'timed' ? { id: alarm.id, mode, minutes: value, reason: reason.trim() } : { id: alarm.id, mode, reason: reason.trim() };
      onDone(await client.invoke('shelveAlarm', args));
      onClose();
    });

  return (
    <Modal title={`Shelve ${alarm.level} alarm`} onClose={onClose} testId="shelve-dialog">
      <dl className="kv">
        <dt>Tag</dt>
        <dd>{alarm.tag}</dd>
        <dt>Message</dt>
        <dd>{alarm.message}</dd>
      </dl>
      <div className="seg" role="radiogroup" aria-label="Shelve mode">
        <button role="radio" aria-checked={mode === 'timed'} className={`btn${mode === 'timed' ? ' selected' : ''}`} onClick={() => setMode('timed')} data-testid="shelve-timed">
          Timed
        </button>
        <button
          role="radio"
          aria-checked={mode === 'one-shot'}
          className={`btn${mode === 'one-shot' ? ' selected' : ''}`}
          onClick={() => setMode('one-shot')}
          disabled={!alarm.active}
          title={alarm.active ? 'Until the alarm returns to normal' : 'Only an active alarm can be shelved until it returns'}
          data-testid="shelve-one-shot"
        >
          One-shot (until it returns)
        </button>
      </div>
      {mode === 'timed' ? (
        <>
          <label className="field-label" htmlFor="shelve-minutes">
            Duration in minutes <span className="faint">(at most {max})</span>
          </label>
          <input id="shelve-minutes" className="input" type="number" min={1} max={max} value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="shelve-minutes" />
        </>
      ) : null}
      <label className="field-label" htmlFor="shelve-reason">
        Reason (required)
      </label>
      <textarea id="shelve-reason" className="input" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid="shelve-reason" />
      {error ? <div className="error-text" role="alert">{error}</div> : null}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button className="btn primary" onClick={() => void submit()} disabled={busy || !durationOk || reason.trim() === ''} data-testid="shelve-confirm">
          {busy ? 'Shelving…' : 'Shelve'}
        </button>
      </div>
    </Modal>
  );
}
