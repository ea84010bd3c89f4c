// How alarms map onto OPC UA Part 9 conditions: severity bands, Retain, LimitState, condition types.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionTypeFor, limitStateFor, retainOf, severityFor, shelvingStateOf } from '../../../src-main/adapters/opcua/server/alarm-conditions-mapping.js';

describe('alarm → condition mapping', () => {
  it('maps ISA-18.2 priorities 1–4 to severities 900/700/500/300', () => {
    assert.deepEqual([1, 2, 3, 4, 7].map(severityFor), [900, 700, 500, 300, 300]);
  });

  it('retains a condition while active or waiting for acknowledge, confirm or reset', () => {
    const normal = { active: false, acknowledged: true, confirmed: true, state: 'normal' as const };
    assert.equal(retainOf(normal), false);
    assert.equal(retainOf({ ...normal, active: true, state: 'acknowledged' }), true);
    assert.equal(retainOf({ ...normal, acknowledged: false, state: 'rtn-unacknowledged' }), true);
    assert.equal(retainOf({ ...normal, confirmed: false }), true);
    assert.equal(retainOf({ ...normal, state: 'latched' }), true);
  });

  it('gives limit levels their ExclusiveLimitStateMachine state and other kinds none', () => {
    assert.deepEqual((['HH', 'H', 'L', 'LL', 'DEV', 'ROC', 'DIG', 'BAD', 'SYS'] as const).map(limitStateFor), ['HighHigh', 'High', 'Low', 'LowLow', 'High', 'High', null, null, null]);
  });

  it('uses the standard alarm type for each kind', () => {
    assert.equal(conditionTypeFor({ kind: 'limit' }), 'ExclusiveLimitAlarmType');
    assert.equal(conditionTypeFor({ kind: 'digital' }), 'OffNormalAlarmType');
    assert.equal(conditionTypeFor({ kind: 'system' }), 'SystemDiagnosticAlarmType');
  });

  it('mirrors timed and one-shot shelving', () => {
    assert.equal(shelvingStateOf({ shelving: null }), 'Unshelved');
    assert.equal(shelvingStateOf({ shelving: { mode: 'timed', since: 0, until: 1, reason: 'r', user: 'u' } }), 'TimedShelved');
    assert.equal(shelvingStateOf({ shelving: { mode: 'one-shot', since: 0, until: null, reason: 'r', user: 'u' } }), 'OneShotShelved');
  });
});
