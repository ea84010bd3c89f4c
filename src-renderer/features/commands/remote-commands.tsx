// Remote commands (Sparkplug NCMD/DCMD, the MQTT JSON command topic): the project's switch, the counters,
// and per allow-listed tag an Enable/Disable toggle an engineer confirms. Tags off the allow-list never appear.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RemoteCommandSetting, RemoteCommandsDto } from '../../../src-main/contract/index.js';
import { useApi, useTags } from '../../state/hooks.js';
import { Modal } from '../../ui/modal.js';
import { requestErrorText } from './request-error.js';

const REFRESH_MS = 5000;

function ToggleDialog({ setting, busy, error, onCancel, onConfirm }: { setting: RemoteCommandSetting; busy: boolean; error: string | null; onCancel: () => void; onConfirm: () => void }) {
  const enabling = !setting.enabled;
  return (
    <Modal title={enabling ? 'Enable remote commands for this tag?' : 'Disable remote commands for this tag?'} onClose={() => !busy && onCancel()} testId="remote-toggle-dialog">
      <p className="mono">{setting.tag}</p>
      {enabling ? (
        <p>
          <b>Remote systems may write this tag</b>: a SCADA host (Sparkplug NCMD/DCMD) or an MQTT client on the command topic can change
          its value in the plant. Each command is still checked (type, EURange, rate limit, timestamp window, credentials) and written to the
          command log.
        </p>
      ) : (
        <p>Remote systems will no longer be able to write this tag. Commands for it will be refused and logged.</p>
      )}
      <p className="muted">The change is recorded in the command log with your user name.</p>
      {error ? <div className="error-text" role="alert">{error}</div> : null}
      <div className="modal-actions">
        <button className="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button className="btn primary" onClick={onConfirm} disabled={busy} data-testid="remote-toggle-confirm">
          {busy ? 'Saving…' : enabling ? 'Enable remote commands' : 'Disable remote commands'}
        </button>
      </div>
    </Modal>
  );
}

export function RemoteCommands() {
  const client = useApi();
  const tags = useTags();
  const [dto, setDto] = useState<RemoteCommandsDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<RemoteCommandSetting | null>(null);
  const [busy, setBusy] = useState(false);
  const [toggleError, setToggleError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDto(await client.invoke('remoteCommands', {}));
      setError(null);
    } catch (err) {
      setError(requestErrorText('Remote command settings', err));
    }
  }, [client]);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(id);
  }, [load]);

  const byId = useMemo(() => new Map((tags ?? []).map((t) => [t.id, t])), [tags]);
  const allowed = (dto?.settings ?? []).filter((s) => s.allowed).sort((a, b) => a.tag.localeCompare(b.tag));

  const toggle = async () => {
    if (!confirm) return;
    setBusy(true);
    try {
      setDto(await client.invoke('setRemoteCommand', { tag: confirm.tag, enabled: !confirm.enabled }));
      setConfirm(null);
      setToggleError(null);
    } catch (err) {
      setToggleError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="remote-commands">
      {error ? (
        <div className="error-text" role="alert" data-testid="remote-commands-error">
          {error}
        </div>
      ) : null}
      {!dto && !error ? <div className="faint">Loading…</div> : null}
      {dto ? (
        <>
          <div className="conn-grid" style={{ marginBottom: 10 }}>
            <div className="panel">
              <dl className="kv">
                <dt>Remote commands for this project</dt>
                <dd data-testid="remote-project-switch" data-enabled={dto.enabled ? 'true' : 'false'}>
                  {dto.enabled ? 'enabled' : 'off'}
                </dd>
              </dl>
              <div className="faint" style={{ marginTop: 6 }}>
                Set in the project file (<span className="mono">remoteCommands.enabled</span>); it cannot be changed here.
                {dto.enabled ? '' : ' While it is off, no remote command is executed, whatever the per-tag settings below.'}
              </div>
            </div>
            <div className="panel">
              <dl className="kv">
                <dt>Accepted</dt>
                <dd data-testid="remote-accepted">{dto.counters.accepted.toLocaleString()}</dd>
                <dt>Refused</dt>
                <dd data-testid="remote-refused">{dto.counters.refused.toLocaleString()}</dd>
                <dt>Malformed</dt>
                <dd data-testid="remote-malformed" className={dto.counters.malformed > 0 ? 'err-text' : ''}>
                  {dto.counters.malformed.toLocaleString()}
                </dd>
              </dl>
              <div className="faint" style={{ marginTop: 6 }}>Since PlantBridge started.</div>
            </div>
          </div>
          <table className="grid fixed">
            <thead>
              <tr>
                <th>Allow-listed tag</th>
                <th style={{ width: 260 }}>Description</th>
                <th style={{ width: 150 }}>Remote commands</th>
                <th style={{ width: 130 }} />
              </tr>
            </thead>
            <tbody>
              {allowed.map((s) => {
                const tag = byId.get(s.tag);
                return (
                  <tr key={s.tag} data-testid={`remote-row-${s.tag}`}>
                    <td className="mono" style={{ overflowWrap: 'anywhere' }}>{s.tag}</td>
                    <td>
                      {tag?.description ?? ''}
                      {tag?.unit ? <span className="faint"> ({tag.unit})</span> : null}
                    </td>
                    <td data-testid={`remote-state-${s.tag}`}>{s.enabled ? <b>Enabled</b> : <span className="muted">Disabled</span>}</td>
                    <td>
                      <button className="btn" onClick={() => (setToggleError(null), setConfirm(s))} data-testid={`remote-toggle-${s.tag}`}>
                        {s.enabled ? 'Disable…' : 'Enable…'}
                      </button>
                    </td>
                  </tr>
                );
              })}
              {allowed.length === 0 ? (
                <tr>
                  <td colSpan={4} className="empty">No tag is on the allow-list.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <div className="faint" style={{ marginTop: 6 }}>
            Only allow-listed tags are shown. To allow-list a tag, set <span className="mono">{'tagSettings.<tag>.remoteWrite: true'}</span> in the
            project file and restart PlantBridge; the tag must also be writable.
          </div>
        </>
      ) : null}
      {confirm ? <ToggleDialog setting={confirm} busy={busy} error={toggleError} onCancel={() => setConfirm(null)} onConfirm={() => void toggle()} /> : null}
    </div>
  );
}
