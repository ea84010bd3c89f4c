// Shelved, suppressed-by-design and out-of-service alarms, listed apart so hidden alarms are never forgotten:
// who hid them, why, until when, and whether the condition is active right now.
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { formatDateTime } from '../../lib/format.js';
import { AlarmRowActions, type RowAction } from './alarm-row-actions.js';

function why(a: AlarmDto): string {
  if (a.outOfService) return `Out of service: ${a.outOfServiceReason ?? ''}`;
  if (a.shelving) {
    const until = a.shelving.until === null ? 'until it returns to normal' : `until ${formatDateTime(a.shelving.until)}`;
    return `Shelved by ${a.shelving.user} ${until}: ${a.shelving.reason}`;
  }
  if (a.suppressedBy) return `Suppressed by design (${a.suppressedBy})`;
  return a.state;
}

export function OverriddenAlarms({ alarms, onAction }: { alarms: readonly AlarmDto[]; onAction: (a: AlarmDto, action: RowAction) => void }) {
  return (
    <section data-testid="overridden-alarms">
      <h2 className="section-title">Shelved / suppressed / out of service ({alarms.length})</h2>
      {alarms.length === 0 ? (
        <p className="faint">No alarm is hidden.</p>
      ) : (
        <table className="grid" data-testid="overridden-table">
          <thead>
            <tr>
              <th style={{ width: 60 }}>Prio</th>
              <th>Tag</th>
              <th style={{ width: 50 }}>Level</th>
              <th>Why hidden</th>
              <th style={{ width: 120 }}>Condition now</th>
              <th style={{ width: 260 }} />
            </tr>
          </thead>
          <tbody>
            {alarms.map((a) => (
              <tr key={a.id} data-testid={`overridden-row-${a.id}`} data-state={a.state}>
                <td>P{a.priority}</td>
                <td>{a.tag}</td>
                <td>{a.level}</td>
                <td>{why(a)}</td>
                <td>{a.active ? 'active' : 'normal'}</td>
                <td>
                  <AlarmRowActions alarm={a} onAction={(action) => onAction(a, action)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
