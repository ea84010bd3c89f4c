// The buttons of one alarm row: only the actions its state allows (acknowledge, confirm, reset, shelve, unshelve),
// plus the engineer's settings and service state.
import type { AlarmDto } from '../../../src-main/contract/index.js';
import type { AlarmAction } from './alarm-action-dialog.js';

export type RowAction = AlarmAction | 'ack' | 'shelve' | 'limits';

export function availableActions(a: AlarmDto): RowAction[] {
  const out: RowAction[] = [];
  if (!a.acknowledged) out.push('ack');
  if (a.acknowledged && !a.confirmed) out.push('confirm');
  if (a.state === 'latched') out.push('reset');
  if (a.shelving) out.push('unshelve');
  else if (!a.outOfService && a.state !== 'normal') out.push('shelve');
  out.push(a.outOfService ? 'in-service' : 'out-of-service');
  if (a.kind !== 'system') out.push('limits');
  return out;
}

const text: Record<RowAction, string> = {
  ack: 'Acknowledge',
  confirm: 'Confirm',
  reset: 'Reset',
  shelve: 'Shelve…',
  unshelve: 'Unshelve',
  'out-of-service': 'Out of service…',
  'in-service': 'Return to service…',
  limits: 'Settings…',
};

/** Engineer actions are quieter (plain links) so operators see their own actions first. */
const engineer = new Set<RowAction>(['out-of-service', 'in-service', 'limits']);

export function AlarmRowActions({ alarm, onAction }: { alarm: AlarmDto; onAction: (a: RowAction) => void }) {
  return (
    <div className="row-actions">
      {availableActions(alarm).map((action) => (
        <button
          key={action}
          className={engineer.has(action) ? 'btn link' : 'btn'}
          onClick={() => onAction(action)}
          data-testid={action === 'ack' ? 'ack-button' : `alarm-${action}-button`}
          title={engineer.has(action) ? 'Engineers only' : undefined}
        >
          {text[action]}
        </button>
      ))}
    </div>
  );
}
