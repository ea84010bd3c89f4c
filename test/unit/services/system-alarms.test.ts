import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAlarmService } from '../../../src-main/services/alarm-service.js';
import { FakeStore } from '../../fixtures/fake-store.js';

const log = { debug() {}, info() {}, warn() {}, error() {} };
const down = { active: true, label: 'Uplink mqtt-json', message: 'Uplink mqtt-json disconnected; 10 messages buffered', priority: 2 };

describe('system alarms in the alarm service', () => {
  it('follow the ISA-18.2 states, are journaled, and can be acknowledged like any alarm', async () => {
    const store = new FakeStore();
    let now = 1000;
    const alarms = createAlarmService({ store, clock: { now: () => now }, log });
    alarms.setSystemCondition('uplink/mqtt-json/down', down);
    const [active] = alarms.list('active');
    assert.equal(active?.id, 'plantbridge/system/uplink/mqtt-json/down#SYS');
    assert.equal(active?.state, 'unacknowledged');
    assert.equal(active?.level, 'SYS');
    assert.match(active?.message ?? '', /10 messages buffered/);

    now = 2000;
    alarms.setSystemCondition('uplink/mqtt-json/down', { ...down, message: 'Uplink mqtt-json disconnected; 99 messages buffered' });
    assert.match(alarms.list('active')[0]?.message ?? '', /99 messages buffered/, 'the explanation stays current');

    await alarms.acknowledge(active!.id, 'broker maintenance', 'ana');
    alarms.setSystemCondition('uplink/mqtt-json/down', { ...down, active: false });
    assert.equal(alarms.list('active').length, 0);
    await alarms.flush();
    assert.deepEqual(store.journal.map((j) => j.event), ['activated', 'acknowledged', 'returned']);
  });

  it('survive a tag reconfiguration (they are not tag alarms)', () => {
    const alarms = createAlarmService({ store: new FakeStore(), clock: { now: () => 0 }, log });
    alarms.setSystemCondition('source/sim/disconnected', { ...down, label: 'OPC UA source sim' });
    alarms.setTags([]);
    assert.equal(alarms.list('active').length, 1);
  });
});
