// A connection state with how long it has lasted; coloured only when abnormal (ISA-101).
import { formatDuration } from '../../lib/format.js';

export function StateText({ state, ok, since, now, testId = 'state' }: { state: string; ok: boolean; since: number; now: number; testId?: string }) {
  const failed = state === 'failed' || state === 'disconnected';
  return (
    <span>
      <span className={`state-text${ok ? '' : failed ? ' failed' : ' abnormal'}`} data-testid={testId}>{state}</span>
      <span className="faint"> for {formatDuration(now - since)}</span>
    </span>
  );
}
