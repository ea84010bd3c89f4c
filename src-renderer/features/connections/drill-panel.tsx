// The guided store-and-forward drill of one uplink: cut it, watch the outbox fill, restore it, and see the
// counters prove that every buffered message was delivered (or say plainly what could not be proven).
import { useState, type ReactNode } from 'react';
import type { UplinkStatus } from '../../../src-main/contract/index.js';
import { useDrill, useStores } from '../../state/hooks.js';
import { drillStep, drillVerdict, type DrillState } from '../../lib/drill.js';
import { formatDuration } from '../../lib/format.js';
import { uplinkLabel } from '../../lib/uplink-outbox.js';
import { Modal } from '../../ui/modal.js';

function Step({ n, current, done, title, children }: { n: number; current: number; done: boolean; title: string; children?: ReactNode }) {
  const cls = n === current ? ' current' : done ? ' done' : '';
  return (
    <li className={`drill-step${cls}`} aria-current={n === current ? 'step' : undefined}>
      <div className="drill-step-title">
        <span className="drill-step-n">{done && n !== current ? '✓' : n}</span>
        {title}
      </div>
      {children ? <div className="drill-step-body">{children}</div> : null}
    </li>
  );
}

function Result({ id, s }: { id: string; s: DrillState }) {
  const v = drillVerdict(s);
  if (!v) return null;
  const confirmed = s.phase === 'confirmed' && s.confirmation !== null;
  let text: string;
  if (confirmed && s.confirmation) {
    text =
      s.confirmation.buffered === 0
        ? 'Nothing was buffered during the cut, so there was nothing to deliver.'
        : `All ${s.confirmation.buffered.toLocaleString()} buffered messages delivered`;
  } else if (v.countersReset) {
    text = 'PlantBridge restarted during the drill: its counters started again, so delivery cannot be confirmed.';
  } else if (v.droppedSinceRestore > 0) {
    text = `${v.droppedSinceRestore.toLocaleString()} messages were dropped by the outbox limits: not every buffered message was delivered.`;
  } else {
    text = `Draining: ${Math.min(v.deliveredSinceRestore, v.buffered).toLocaleString()} of ${v.buffered.toLocaleString()} buffered messages delivered so far…`;
  }
  const bad = !confirmed && (v.countersReset || v.droppedSinceRestore > 0);
  return (
    <div className={`drill-result${confirmed ? ' confirmed' : ''}${bad ? ' err-text' : ''}`} data-testid={`drill-result-${id}`} data-confirmed={confirmed ? 'true' : 'false'} role="status">
      {text}
    </div>
  );
}

export function DrillPanel({ u }: { u: UplinkStatus }) {
  const { drills } = useStores();
  const s = useDrill(u.id);
  const [confirmCut, setConfirmCut] = useState(false);
  const step = drillStep(s);
  const o = u.outbox;
  const v = drillVerdict(s);
  const busy = s.phase === 'cutting' || s.phase === 'restoring';
  const canCut = (s.phase === 'idle' || s.phase === 'confirmed') && u.state !== 'disabled' && o !== null;

  return (
    <div className="drill" data-testid={`drill-${u.id}`} data-phase={s.phase}>
      <div className="drill-head">
        <span style={{ fontWeight: 700 }}>Store-and-forward drill</span>
        <span className="faint">“pull the cable”: prove nothing is lost during an outage</span>
      </div>
      {o === null ? (
        <div className="faint">This uplink has no durable outbox, so there is nothing to drill.</div>
      ) : (
        <ol className="drill-steps">
          <Step n={1} current={step} done={step > 1} title="Cut the uplink">
            {step === 1 ? (
              <button className="btn" disabled={!canCut || busy} onClick={() => setConfirmCut(true)} data-testid={`drill-cut-${u.id}`}>
                {s.phase === 'cutting' ? 'Cutting…' : 'Cut the uplink…'}
              </button>
            ) : null}
          </Step>
          <Step n={2} current={step} done={step > 2} title="Watch what is buffered">
            {s.phase === 'cut' || s.phase === 'restoring' ? (
              <span>
                <b>{o.depth.toLocaleString()}</b> messages buffered, oldest {formatDuration(o.oldestAgeMs)}
                {s.cutAt !== null && s.latestAt !== null ? <span className="faint"> · cut for {formatDuration(s.latestAt - s.cutAt)}</span> : null}
              </span>
            ) : null}
          </Step>
          <Step n={3} current={step} done={step > 3} title="Restore the uplink">
            {s.phase === 'cut' || s.phase === 'restoring' ? (
              <button className="btn primary" disabled={busy} onClick={() => void drills.restore(u.id)} data-testid={`drill-restore-${u.id}`}>
                {s.phase === 'restoring' ? 'Restoring…' : 'Restore'}
              </button>
            ) : null}
          </Step>
          <Step n={4} current={step} done={s.phase === 'confirmed'} title="Watch the drain and confirm">
            {v ? (
              <>
                <dl className="kv">
                  <dt>Buffered at restore</dt>
                  <dd data-testid={`drill-buffered-${u.id}`}>{v.buffered.toLocaleString()}</dd>
                  <dt>Delivered since restore</dt>
                  <dd>{v.deliveredSinceRestore.toLocaleString()}</dd>
                  <dt>Still in the outbox</dt>
                  <dd>{o.depth.toLocaleString()}</dd>
                  <dt>Dropped since restore</dt>
                  <dd className={v.droppedSinceRestore > 0 ? 'err-text' : ''}>{v.droppedSinceRestore.toLocaleString()}</dd>
                  {v.droppedDuringCut !== null && v.droppedDuringCut > 0 ? (
                    <>
                      <dt>Dropped during the cut</dt>
                      <dd className="err-text">{v.droppedDuringCut.toLocaleString()} (outbox limits reached)</dd>
                    </>
                  ) : null}
                </dl>
                <Result id={u.id} s={s} />
              </>
            ) : null}
            {s.phase === 'confirmed' ? (
              <button className="btn" style={{ marginTop: 6 }} onClick={() => drills.reset(u.id)}>
                Done
              </button>
            ) : null}
          </Step>
        </ol>
      )}
      {s.error ? (
        <div className="error-text" role="alert" data-testid={`drill-error-${u.id}`}>
          {s.error}
        </div>
      ) : null}
      {confirmCut ? (
        <Modal title={`Cut the ${uplinkLabel(u)} uplink?`} onClose={() => setConfirmCut(false)} testId="drill-cut-dialog">
          <p>
            PlantBridge stops sending to <span className="mono">{u.url ?? 'the broker'}</span> until you restore it. Systems reading from
            the broker will get no new data meanwhile; every message is kept in the outbox and sent once the uplink is restored.
          </p>
          <p className="muted">Only run this drill when a short gap in the broker’s live data is acceptable.</p>
          <div className="modal-actions">
            <button className="btn" onClick={() => setConfirmCut(false)}>
              Cancel
            </button>
            <button
              className="btn primary"
              data-testid="drill-cut-confirm"
              onClick={() => {
                setConfirmCut(false);
                void drills.cut(u.id);
              }}
            >
              Cut the uplink
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
