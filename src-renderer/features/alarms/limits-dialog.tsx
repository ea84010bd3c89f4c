// Engineers change an alarm's limit, deadband, priority and delays at runtime; the change is audited, journaled
// with old → new, and kept across restarts.
import { useState } from 'react';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { useApi } from '../../state/hooks.js';
import { useSubmit } from '../../state/use-submit.js';
import { Modal } from '../../ui/modal.js';

type Field = 'limit' | 'deadband' | 'priority' | 'onDelaySec' | 'offDelaySec';

function initial(a: AlarmDto): Record<Field, string> {
  const s = a.settings;
  return {
    limit: a.limit === null ? '' : String(a.limit),
    deadband: s ? String(s.deadband) : '',
    priority: String(a.priority),
    onDelaySec: s ? String(s.onDelaySec) : '',
    offDelaySec: s ? String(s.offDelaySec) : '',
  };
}

const labels: Record<Field, string> = {
  limit: 'Limit',
  deadband: 'Deadband',
  priority: 'Priority (1 highest … 4)',
  onDelaySec: 'On-delay (s)',
  offDelaySec: 'Off-delay (s)',
};

export function LimitsDialog({ alarm, onClose, onDone }: { alarm: AlarmDto; onClose: () => void; onDone: (a: AlarmDto) => void }) {
  const client = useApi();
  const start = initial(alarm);
  const [form, setForm] = useState(start);
  const [comment, setComment] = useState('');
  const { busy, error, run } = useSubmit();
  const fields: Field[] = alarm.limit === null ? ['priority', 'onDelaySec', 'offDelaySec'] : ['limit', 'deadband', 'priority', 'onDelaySec', 'offDelaySec'];
  const changed = fields.filter((f) => form[f].trim() !== start[f]);
  const invalid = changed.filter((f) => !Number.isFinite(Number(form[f])) || form[f].trim() === '');

  const submit = () =>
    run(async () => {
      const edit: Partial<Record<Field, number>> = {};
      for (const f of changed) edit[f] = Number(form[f]);
      onDone(await client.invoke('setAlarmLimits', { id: alarm.id, ...edit, comment: comment.trim() }));
      onClose();
    });

  return (
    <Modal title={`Alarm settings: ${alarm.tag} ${alarm.level}`} onClose={onClose} testId="limits-dialog">
      <p className="muted">Engineers only. Every change is audited and journaled, and kept after a restart.</p>
      {fields.map((f) => (
        <div key={f}>
          <label className="field-label" htmlFor={`limit-${f}`}>
            {labels[f]}
          </label>
          <input id={`limit-${f}`} className="input" type="number" value={form[f]} onChange={(e) => setForm({ ...form, [f]: e.target.value })} data-testid={`limits-${f}`} />
        </div>
      ))}
      <label className="field-label" htmlFor="limits-comment">
        Comment
      </label>
      <textarea id="limits-comment" className="input" value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
      {error ? <div className="error-text" role="alert">{error}</div> : null}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button className="btn primary" onClick={() => void submit()} disabled={busy || changed.length === 0 || invalid.length > 0} data-testid="limits-confirm">
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Modal>
  );
}
