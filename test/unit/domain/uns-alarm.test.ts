// Alarm topics and payloads of the MQTT JSON uplink.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmDto } from '../../../src-main/contract/index.js';
import { alarmTopic, toUnsAlarmPayload } from '../../../src-main/domain/uns-alarm.js';

const base: AlarmDto = {
  id: 'site/area/pump-1/flow#HH', tag: 'site/area/pump-1/flow', kind: 'limit', level: 'HH', priority: 1, state: 'unacknowledged',
  active: true, acknowledged: false, confirmed: true, activeSince: Date.UTC(2025, 0, 1), lastChange: Date.UTC(2025, 0, 1, 0, 0, 1),
  limit: 90, value: Number.NaN, message: 'flow high high', shelvedUntil: null, shelving: null, suppressedBy: null, outOfService: false,
};

describe('UNS alarm topics and payloads', () => {
  it('puts a tag alarm under <prefix>/<site>/_alarms/<area>/<asset>/<tag>/<level>', () => {
    assert.equal(alarmTopic('plantbridge', base), 'plantbridge/site/_alarms/area/pump-1/flow/HH');
  });

  it('puts a system alarm under <prefix>/_system/_alarms/<key>', () => {
    const sys = { ...base, kind: 'system' as const, level: 'SYS' as const, tag: 'plantbridge/system/uplink/mqtt-json/down' };
    assert.equal(alarmTopic('acme/uns', sys), 'acme/uns/_system/_alarms/uplink/mqtt-json/down');
  });

  it('refuses a tag id that is not a four-level path or would make an invalid topic', () => {
    assert.throws(() => alarmTopic('plantbridge', { ...base, tag: 'a/b' }), /not a site\/area\/asset\/tag path/);
    assert.throws(() => alarmTopic('plantbridge', { ...base, tag: 'a/+/c/d' }), /wildcard/);
    assert.throws(() => alarmTopic('bad#prefix', base), /wildcard/);
  });

  it('writes times as ISO text and a non-finite value as null', () => {
    const p = toUnsAlarmPayload(base);
    assert.equal(p.activeSince, '2025-01-01T00:00:00.000Z');
    assert.equal(p.ts, '2025-01-01T00:00:01.000Z');
    assert.equal(p.value, null);
    assert.equal(p.shelvedUntil, null);
  });
});
