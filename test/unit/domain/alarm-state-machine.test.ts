import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Quality, TagDto, TagValue } from '../../../src-main/contract/index.js';
import { alarmDefinitionsFor, type AlarmDefinition } from '../../../src-main/domain/alarm-definitions.js';
import {
  AlarmAckError,
  acknowledgeAlarm,
  evaluateAlarmSample,
  newAlarmRecord,
  toAlarmDto,
  type AlarmRecord,
} from '../../../src-main/domain/alarm-state-machine.js';

function vibrationTag(): TagDto {
  return {
    id: 'demo-site/utilities/pump-101/vibration',
    site: 'demo-site',
    area: 'utilities',
    asset: 'pump-101',
    name: 'vibration',
    sourceId: 'sim',
    nodeId: 'ns=1;s=vibration',
    dataType: 'Double',
    unit: 'mm/s',
    euRange: null,
    description: '',
    writable: false,
    group: 'default',
    alarms: { HH: 11, H: 7.1, L: 0.5, deadband: 0.5, priority: 2 },
  };
}

function def(level: 'HH' | 'H' | 'L' | 'LL'): AlarmDefinition {
  const found = alarmDefinitionsFor(vibrationTag()).find((d) => d.level === level);
  assert.ok(found);
  return found;
}

let ts = 1_000;
function feed(record: AlarmRecord, value: TagValue, quality: Quality = 'good'): AlarmRecord {
  ts += 1000;
  return evaluateAlarmSample(record, { ts, value, quality })?.record ?? record;
}

describe('limit alarm definitions', () => {
  it('creates one alarm per configured level with id <tagId>#<level>', () => {
    const ids = alarmDefinitionsFor(vibrationTag()).map((d) => d.id);
    assert.deepEqual(ids, [
      'demo-site/utilities/pump-101/vibration#HH',
      'demo-site/utilities/pump-101/vibration#H',
      'demo-site/utilities/pump-101/vibration#L',
    ]);
  });

  it('creates none for a tag without limits', () => {
    assert.deepEqual(alarmDefinitionsFor({ ...vibrationTag(), alarms: null }), []);
  });
});

describe('limit alarm state machine (ISA-18.2)', () => {
  it('goes normal → unacknowledged when the value reaches the high limit, with a readable message', () => {
    const r0 = newAlarmRecord(def('HH'), 0);
    const t = evaluateAlarmSample(r0, { ts: 5000, value: 11.4, quality: 'good' });
    assert.ok(t);
    assert.equal(t.event, 'activated');
    assert.equal(t.record.state, 'unacknowledged');
    assert.equal(t.record.activeSince, 5000);
    assert.equal(t.record.message, 'pump-101 vibration high-high: 11.4 mm/s ≥ 11 mm/s');
    const dto = toAlarmDto(t.record);
    assert.equal(dto.active, true);
    assert.equal(dto.acknowledged, false);
    assert.equal(dto.id, 'demo-site/utilities/pump-101/vibration#HH');
  });

  it('activates exactly at the limit but not below it', () => {
    const r0 = newAlarmRecord(def('H'), 0);
    assert.equal(evaluateAlarmSample(r0, { ts: 1, value: 7.09, quality: 'good' }), null);
    assert.equal(evaluateAlarmSample(r0, { ts: 1, value: 7.1, quality: 'good' })?.record.state, 'unacknowledged');
  });

  it('unacknowledged → acknowledged on ack, then → normal when the value returns', () => {
    let r = feed(newAlarmRecord(def('H'), 0), 8);
    const ack = acknowledgeAlarm(r, 99);
    assert.equal(ack.event, 'acknowledged');
    assert.equal(ack.record.state, 'acknowledged');
    assert.equal(toAlarmDto(ack.record).active, true);
    r = feed(ack.record, 3);
    assert.equal(r.state, 'normal');
    assert.equal(r.activeSince, null);
  });

  it('unacknowledged → rtn-unacknowledged when the value returns, then → normal on ack', () => {
    let r = feed(newAlarmRecord(def('H'), 0), 8);
    const rtn = evaluateAlarmSample(r, { ts: 50_000, value: 3, quality: 'good' });
    assert.equal(rtn?.event, 'returned');
    assert.equal(rtn?.record.state, 'rtn-unacknowledged');
    assert.equal(rtn?.record.message, 'pump-101 vibration high returned to normal: 3 mm/s');
    r = acknowledgeAlarm(rtn!.record, 60_000).record;
    assert.equal(r.state, 'normal');
  });

  it('rtn-unacknowledged → unacknowledged when the value goes beyond the limit again', () => {
    let r = feed(newAlarmRecord(def('H'), 0), 8);
    r = feed(r, 3);
    assert.equal(r.state, 'rtn-unacknowledged');
    r = feed(r, 7.5);
    assert.equal(r.state, 'unacknowledged');
  });

  describe('deadband hysteresis', () => {
    it('a high alarm stays active until the value is below limit − deadband', () => {
      let r = feed(newAlarmRecord(def('H'), 0), 7.2);
      r = feed(r, 7.0); // below H but inside the deadband (7.1 − 0.5 = 6.6)
      assert.equal(r.state, 'unacknowledged');
      r = feed(r, 6.6); // exactly at limit − deadband is still active
      assert.equal(r.state, 'unacknowledged');
      r = feed(r, 6.59);
      assert.equal(r.state, 'rtn-unacknowledged');
    });

    it('a value hovering around the limit does not chatter', () => {
      let r = feed(newAlarmRecord(def('H'), 0), 7.1);
      let transitions = 0;
      for (const v of [7.0, 7.15, 6.9, 7.2, 6.8, 7.1]) {
        const t = evaluateAlarmSample(r, { ts: ++ts, value: v, quality: 'good' });
        if (t) transitions++;
        r = t?.record ?? r;
      }
      assert.equal(transitions, 0);
    });

    it('a low alarm activates at value ≤ limit and returns only above limit + deadband', () => {
      let r = feed(newAlarmRecord(def('L'), 0), 0.5);
      assert.equal(r.state, 'unacknowledged');
      assert.match(r.message, /low: 0.5 mm\/s ≤ 0.5 mm\/s/);
      r = feed(r, 0.9);
      assert.equal(r.state, 'unacknowledged');
      r = feed(r, 1.01);
      assert.equal(r.state, 'rtn-unacknowledged');
    });
  });

  it('HH and H are separate alarms that are both active at once', () => {
    let h = newAlarmRecord(def('H'), 0);
    let hh = newAlarmRecord(def('HH'), 0);
    for (const v of [5, 8, 11.4]) {
      h = feed(h, v);
      hh = feed(hh, v);
    }
    assert.equal(h.state, 'unacknowledged');
    assert.equal(hh.state, 'unacknowledged');
    hh = feed(hh, 9); // below HH − deadband, still above H
    h = feed(h, 9);
    assert.equal(hh.state, 'rtn-unacknowledged');
    assert.equal(h.state, 'unacknowledged');
  });

  describe('acknowledge rules', () => {
    it('refuses to acknowledge a normal alarm with a clear error', () => {
      const r = newAlarmRecord(def('H'), 0);
      assert.throws(
        () => acknowledgeAlarm(r, 1),
        (err: unknown) => err instanceof AlarmAckError && err.status === 409 && /is normal/.test(err.message),
      );
    });

    it('refuses to acknowledge an already acknowledged alarm', () => {
      const r = acknowledgeAlarm(feed(newAlarmRecord(def('H'), 0), 9), 1).record;
      assert.throws(() => acknowledgeAlarm(r, 2), /already acknowledged/);
    });
  });

  describe('quality', () => {
    it('bad and stale samples never change the state (no false return to normal)', () => {
      const r = feed(newAlarmRecord(def('H'), 0), 9);
      assert.equal(evaluateAlarmSample(r, { ts: 1, value: 0, quality: 'bad' }), null);
      assert.equal(evaluateAlarmSample(r, { ts: 1, value: 0, quality: 'stale' }), null);
      const n = newAlarmRecord(def('H'), 0);
      assert.equal(evaluateAlarmSample(n, { ts: 1, value: 99, quality: 'bad' }), null);
    });

    it('uncertain samples are evaluated', () => {
      const r = newAlarmRecord(def('H'), 0);
      assert.equal(evaluateAlarmSample(r, { ts: 1, value: 9, quality: 'uncertain' })?.record.state, 'unacknowledged');
    });

    it('non-numeric values are ignored', () => {
      const r = feed(newAlarmRecord(def('H'), 0), 9);
      for (const value of [null, 'high', true, Number.NaN]) {
        assert.equal(evaluateAlarmSample(r, { ts: 1, value, quality: 'good' }), null);
      }
    });
  });
});
