// The ISA-18.2 / OPC UA Part 9 lifecycle as a table: from a state reached by a sequence of events, one event, and
// the expected next state and journal event (or the refusal).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmState, JournalEvent } from '../../../src-main/contract/index.js';
import { confirmAlarm, resetAlarm, setOutOfService, setSuppression, shelveAlarm, shelveExpired, unshelveAlarm } from '../../../src-main/domain/alarm-actions.js';
import type { AlarmDefinition } from '../../../src-main/domain/alarm-definitions.js';
import {
  AlarmRefusal,
  acknowledgeAlarm,
  applyCondition,
  newAlarmRecord,
  type AlarmRecord,
  type AlarmTransition,
} from '../../../src-main/domain/alarm-state-machine.js';

type Ev = 'on' | 'off' | 'ack' | 'confirm' | 'reset' | 'shelve' | 'shelve-1' | 'unshelve' | 'expire' | 'suppress' | 'unsuppress' | 'oos' | 'ins';

function def(opts: Partial<AlarmDefinition> = {}): AlarmDefinition {
  return {
    id: 's/a/p/t#H', tag: 's/a/p/t', level: 'H', input: { kind: 'limit' }, limit: 10, deadband: 0, priority: 2, unit: '', label: 'p t',
    onDelayMs: 0, offDelayMs: 0, message: null, latched: false, confirmRequired: false, maxShelveMinutes: 60, suppressWhen: null,
    ...opts,
  };
}

let clock = 0;
function step(r: AlarmRecord, ev: Ev): AlarmTransition[] {
  const now = (clock += 1000);
  const process = (raw: boolean) => applyCondition(r, raw, now, raw ? 11 : 5, (a) => (a ? 'on' : 'off')).transitions;
  switch (ev) {
    case 'on': return process(true);
    case 'off': return process(false);
    case 'ack': return [acknowledgeAlarm(r, now)];
    case 'confirm': return [confirmAlarm(r, now, 'op', '')];
    case 'reset': return [resetAlarm(r, now, 'op', '')];
    case 'shelve': return [shelveAlarm(r, now, 'op', { mode: 'timed', minutes: 30, reason: 'nuisance' })];
    case 'shelve-1': return [shelveAlarm(r, now, 'op', { mode: 'one-shot', reason: 'known' })];
    case 'unshelve': return [unshelveAlarm(r, now, 'op', '')];
    case 'expire': {
      clock += 31 * 60_000;
      assert.ok(shelveExpired(r, clock), 'the shelve has expired');
      return [unshelveAlarm(r, clock, 'system', 'shelve time expired')];
    }
    case 'suppress': return [setSuppression(r, 's/a/p/run', now, 'run = false')].filter((t): t is AlarmTransition => t !== null);
    case 'unsuppress': return [setSuppression(r, null, now, 'run = true')].filter((t): t is AlarmTransition => t !== null);
    case 'oos': return [setOutOfService(r, true, now, 'eng', 'sensor replaced')];
    case 'ins': return [setOutOfService(r, false, now, 'eng', 'done')];
  }
}

function run(d: AlarmDefinition, events: readonly Ev[]): { record: AlarmRecord; journal: JournalEvent[] } {
  let record = newAlarmRecord(d, 0);
  let journal: JournalEvent[] = [];
  for (const ev of events) {
    const ts = step(record, ev);
    journal = ts.map((t) => t.event);
    record = ts.at(-1)?.record ?? record;
  }
  return { record, journal };
}

interface Row {
  from: Ev[];
  event: Ev;
  to: AlarmState | number;
  journal?: JournalEvent[];
  def?: Partial<AlarmDefinition>;
  also?: (r: AlarmRecord) => void;
}

const latched = { latched: true };
const confirm = { confirmRequired: true };

const table: Row[] = [
  // process and acknowledge (ISA-18.2 core)
  { from: [], event: 'on', to: 'unacknowledged', journal: ['activated'] },
  { from: ['on'], event: 'ack', to: 'acknowledged', journal: ['acknowledged'] },
  { from: ['on', 'ack'], event: 'off', to: 'normal', journal: ['returned'] },
  { from: ['on'], event: 'off', to: 'rtn-unacknowledged', journal: ['returned'] },
  { from: ['on', 'off'], event: 'ack', to: 'normal', journal: ['acknowledged'] },
  { from: ['on', 'off'], event: 'on', to: 'unacknowledged', journal: ['activated'] },
  { from: [], event: 'ack', to: 409 },
  { from: ['on', 'ack'], event: 'ack', to: 409 },
  // latched: returned after ack, or returned unacked then acked; stays until reset
  { from: ['on', 'ack'], event: 'off', to: 'latched', journal: ['returned'], def: latched },
  { from: ['on', 'off'], event: 'ack', to: 'latched', journal: ['acknowledged'], def: latched },
  { from: ['on', 'ack', 'off'], event: 'reset', to: 'normal', journal: ['reset'], def: latched },
  { from: ['on', 'ack', 'off'], event: 'on', to: 'unacknowledged', journal: ['activated'], def: latched },
  { from: ['on', 'ack'], event: 'reset', to: 409, def: latched },
  { from: ['on', 'off'], event: 'reset', to: 409, def: latched },
  { from: ['on', 'ack', 'off'], event: 'reset', to: 409 },
  // confirm (OPC UA Part 9)
  { from: ['on'], event: 'ack', to: 'acknowledged', journal: ['acknowledged'], def: confirm, also: (r) => assert.equal(r.confirmed, false) },
  { from: ['on', 'ack'], event: 'confirm', to: 'acknowledged', journal: ['confirmed'], def: confirm, also: (r) => assert.equal(r.confirmed, true) },
  { from: ['on'], event: 'confirm', to: 409, def: confirm },
  { from: ['on', 'ack'], event: 'confirm', to: 409 },
  // shelving: timed, one-shot, unshelve, expiry
  { from: ['on'], event: 'shelve', to: 'shelved', journal: ['shelved'], also: (r) => assert.equal(r.shelving?.until, 2000 + 30 * 60_000) },
  { from: ['on', 'shelve'], event: 'off', to: 'shelved', journal: ['returned'], also: (r) => assert.equal(r.acked, true) },
  { from: ['on', 'shelve'], event: 'unshelve', to: 'unacknowledged', journal: ['unshelved'] },
  { from: ['on', 'shelve', 'off'], event: 'unshelve', to: 'normal', journal: ['unshelved'] },
  { from: ['on', 'shelve'], event: 'expire', to: 'unacknowledged', journal: ['unshelved'] },
  { from: ['on', 'shelve'], event: 'shelve', to: 409 },
  { from: [], event: 'unshelve', to: 409 },
  { from: ['on'], event: 'shelve-1', to: 'shelved', journal: ['shelved'], also: (r) => assert.equal(r.shelving?.until, null) },
  { from: ['on', 'shelve-1'], event: 'off', to: 'normal', journal: ['returned', 'unshelved'] },
  { from: [], event: 'shelve-1', to: 409 },
  { from: ['shelve'], event: 'on', to: 'shelved', journal: ['activated'], also: (r) => assert.equal(r.active, true) },
  // suppression by design
  { from: ['on'], event: 'suppress', to: 'suppressed', journal: ['suppressed'] },
  { from: ['suppress'], event: 'on', to: 'suppressed', journal: ['activated'] },
  { from: ['suppress', 'on'], event: 'unsuppress', to: 'unacknowledged', journal: ['unsuppressed'] },
  { from: ['suppress', 'on', 'off'], event: 'unsuppress', to: 'normal', journal: ['unsuppressed'] },
  // out of service wins over every other state
  { from: ['on'], event: 'oos', to: 'out-of-service', journal: ['out-of-service'] },
  { from: ['on', 'shelve'], event: 'oos', to: 'out-of-service', journal: ['out-of-service'] },
  { from: ['oos'], event: 'on', to: 'out-of-service', journal: ['activated'] },
  { from: ['oos', 'on'], event: 'ins', to: 'unacknowledged', journal: ['in-service'] },
  { from: ['oos'], event: 'ins', to: 'normal', journal: ['in-service'] },
  { from: ['oos'], event: 'oos', to: 409 },
  { from: [], event: 'ins', to: 409 },
  { from: ['oos'], event: 'shelve', to: 409 },
];

describe('alarm lifecycle transition table', () => {
  for (const row of table) {
    const start = row.from.length === 0 ? 'normal' : row.from.join(' → ');
    const options = row.def ? ` (${Object.keys(row.def).join(', ')})` : '';
    const outcome = typeof row.to === 'number' ? `refused with ${row.to}` : `${row.to}${row.journal ? ` journaling ${row.journal.join(' + ')}` : ''}`;
    it(`${start}, then ${row.event}${options}: ${outcome}`, () => {
      clock = 0;
      const d = def(row.def);
      if (typeof row.to === 'number') {
        const { record } = run(d, row.from);
        assert.throws(() => step(record, row.event), (e: unknown) => e instanceof AlarmRefusal && e.status === row.to && e.message.length > 10);
        return;
      }
      const { record, journal } = run(d, [...row.from, row.event]);
      assert.equal(record.state, row.to);
      if (row.journal) assert.deepEqual(journal, row.journal);
      row.also?.(record);
    });
  }
});
