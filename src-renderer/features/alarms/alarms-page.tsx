// Alarms: the standing list with acknowledgement, and the journal.
import { useState } from 'react';
import { ActiveAlarms } from './active-alarms.js';
import { AlarmJournal } from './alarm-journal.js';

export function AlarmsPage() {
  const [tab, setTab] = useState<'active' | 'journal'>('active');
  return (
    <div data-testid="alarms-page">
      <div className="toolbar">
        <div className="seg" role="tablist">
          <button role="tab" aria-selected={tab === 'active'} className={`btn${tab === 'active' ? ' selected' : ''}`} onClick={() => setTab('active')} data-testid="tab-active">
            Standing alarms
          </button>
          <button role="tab" aria-selected={tab === 'journal'} className={`btn${tab === 'journal' ? ' selected' : ''}`} onClick={() => setTab('journal')} data-testid="tab-journal">
            Journal
          </button>
        </div>
      </div>
      {tab === 'active' ? <ActiveAlarms /> : <AlarmJournal />}
    </div>
  );
}
