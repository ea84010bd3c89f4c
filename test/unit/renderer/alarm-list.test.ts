// What the Alarms page offers per alarm and how it filters: only the actions a state allows, hidden alarms apart
// from annunciated ones, and the banner never counting a hidden alarm.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { availableActions } from '../../../src-renderer/features/alarms/alarm-row-actions.js';
import { filterAlarms, noFilter } from '../../../src-renderer/features/alarms/alarm-filters.js';
import { summarizeAlarms } from '../../../src-renderer/lib/alarm-order.js';

function alarm(over: Partial<AlarmDto>): AlarmDto {
  return {
    id: 'demo-site/utilities/pump-101/flow#L', tag: 'demo-site/utilities/pump-101/flow', kind: 'limit', level: 'L', priority: 3,
    state: 'unacknowledged', active: true, acknowledged: false, confirmed: true, activeSince: 1, lastChange: 1, limit: 40, value: 10,
    message: 'pump-101 flow low', shelvedUntil: null, shelving: null, suppressedBy: null, outOfService: false, ...over,
  };
}

describe('alarm row actions', () => {
  it('offer only what the state allows', () => {
    assert.deepEqual(availableActions(alarm({})), ['ack', 'shelve', 'out-of-service', 'limits']);
    assert.deepEqual(availableActions(alarm({ state: 'latched', active: false, acknowledged: true })), ['reset', 'shelve', 'out-of-service', 'limits']);
    assert.deepEqual(availableActions(alarm({ state: 'acknowledged', acknowledged: true, confirmed: false })), ['confirm', 'shelve', 'out-of-service', 'limits']);
    const shelving = { mode: 'timed' as const, since: 1, until: 2, reason: 'r', user: 'u' };
    assert.deepEqual(availableActions(alarm({ state: 'shelved', shelving })), ['ack', 'unshelve', 'out-of-service', 'limits']);
    assert.deepEqual(availableActions(alarm({ state: 'out-of-service', outOfService: true, kind: 'system' })), ['ack', 'in-service']);
  });
});

describe('alarm list filters', () => {
  const list = [
    alarm({ id: 'a', priority: 1 }),
    alarm({ id: 'b', priority: 3, state: 'acknowledged', acknowledged: true }),
    alarm({ id: 'c', state: 'suppressed', suppressedBy: 'demo-site/utilities/pump-101/running' }),
    alarm({ id: 'd', tag: 'demo-site/packaging/conveyor-401/speed', message: 'conveyor' }),
  ];
  it('keep hidden alarms apart and filter by state, priority and area/asset text', () => {
    const all = filterAlarms(list, noFilter);
    assert.deepEqual([all.annunciated.map((a) => a.id), all.overridden.map((a) => a.id)], [['a', 'b', 'd'], ['c']]);
    assert.deepEqual(filterAlarms(list, { ...noFilter, state: 'unacknowledged' }).annunciated.map((a) => a.id), ['a', 'd']);
    assert.deepEqual(filterAlarms(list, { ...noFilter, priority: 1 }).annunciated.map((a) => a.id), ['a']);
    assert.deepEqual(filterAlarms(list, { ...noFilter, text: 'packaging' }).annunciated.map((a) => a.id), ['d']);
  });
  it('the banner counts no hidden alarm', () => {
    assert.equal(summarizeAlarms(list).unackTotal, 2);
  });
});
