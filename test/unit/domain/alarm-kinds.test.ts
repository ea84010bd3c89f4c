// Each alarm kind's condition on synthetic samples: definitions from tag settings, deviation, rate of change,
// digital state and discrepancy, bad quality, and the messages an operator reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmLimits, TagDto, TagValue } from '../../../src-main/contract/index.js';
import { evaluateCondition } from '../../../src-main/domain/alarm-condition.js';
import { alarmDefinitionsFor, relatedTags, type AlarmDefinition } from '../../../src-main/domain/alarm-definitions.js';
import { activationMessage } from '../../../src-main/domain/alarm-message.js';
import { RateWindow } from '../../../src-main/domain/alarm-rate-window.js';

function tag(name: string, alarms: AlarmLimits, unit = '%'): TagDto {
  return {
    id: `s/utilities/tank-301/${name}`, site: 's', area: 'utilities', asset: 'tank-301', name, sourceId: 'sim', nodeId: 'x',
    dataType: 'Double', unit, euRange: null, description: '', writable: false, group: 'default', alarms,
  };
}

function only(t: TagDto, level: string): AlarmDefinition {
  const d = alarmDefinitionsFor(t).find((x) => x.level === level);
  assert.ok(d, `a ${level} alarm`);
  return d;
}

const values = (m: Record<string, TagValue>) => ({ valueOf: (t: string) => m[t] });
const good = (value: TagValue) => ({ value, quality: 'good' as const });

describe('alarm definitions from tag settings', () => {
  it('take per-level priority, delays and message over the tag defaults', () => {
    const t = tag('level', { H: 85, HH: 95, deadband: 1, priority: 3, onDelaySec: 2, levels: { HH: { priority: 1, offDelaySec: 4, message: '{label} too high: {value}' } } });
    const hh = only(t, 'HH');
    const h = only(t, 'H');
    assert.deepEqual([hh.priority, hh.onDelayMs, hh.offDelayMs, hh.message], [1, 2000, 4000, '{label} too high: {value}']);
    assert.deepEqual([h.priority, h.onDelayMs, h.offDelayMs, h.message], [3, 2000, 0, null]);
    assert.equal(activationMessage(hh, 96.5), 'tank-301 level too high: 96.5');
  });

  it('create one alarm per configured kind, each naming the tags it also needs', () => {
    const t = tag('level', {
      deadband: 0, priority: 3, latched: true, maxShelveMinutes: 60,
      deviation: { setpointTag: 's/utilities/tank-301/level-setpoint', limit: 10 },
      rateOfChange: { perMinute: 5, windowSec: 60, direction: 'rising' },
      digital: { alarmWhen: true, delaySec: 3 },
      badQuality: { delaySec: 10 },
      suppressWhen: { tag: 's/utilities/pump-101/running', equals: false },
    });
    const defs = alarmDefinitionsFor(t);
    assert.deepEqual(defs.map((d) => `${d.level}:${d.input.kind}`), ['DEV:deviation', 'ROC:rate', 'DIG:digital', 'BAD:quality']);
    assert.ok(defs.every((d) => d.latched && d.maxShelveMinutes === 60));
    assert.equal(only(t, 'DIG').onDelayMs, 3000, 'the digital delay is its on-delay');
    assert.equal(only(t, 'BAD').onDelayMs, 10_000);
    assert.equal(only(t, 'BAD').suppressWhen, null, 'suppression never hides an instrument fault');
    assert.deepEqual(relatedTags(only(t, 'DEV')), ['s/utilities/tank-301/level-setpoint', 's/utilities/pump-101/running']);
  });
});

describe('deviation alarm', () => {
  const dev = only(tag('level', { deadband: 0, priority: 3, deviation: { setpointTag: 'sp', limit: 10, deadband: 2 } }), 'DEV');
  it('activates when |value − setpoint| reaches the limit, in both directions', () => {
    assert.equal(evaluateCondition(dev, good(59.9), false, values({ sp: 50 })), false);
    assert.equal(evaluateCondition(dev, good(60), false, values({ sp: 50 })), true);
    assert.equal(evaluateCondition(dev, good(40), false, values({ sp: 50 })), true);
  });
  it('returns only once the deviation is below limit − deadband', () => {
    assert.equal(evaluateCondition(dev, good(58.5), true, values({ sp: 50 })), true);
    assert.equal(evaluateCondition(dev, good(57.9), true, values({ sp: 50 })), false);
  });
  it('cannot decide without a setpoint value', () => {
    assert.equal(evaluateCondition(dev, good(99), false, values({})), null);
  });
  it('says how far from which setpoint', () => {
    assert.equal(activationMessage(dev, 62, { setpoint: 50 }), 'tank-301 level deviation: 62 % is 12 % from setpoint 50 % (limit 10 %)');
  });
});

describe('rate-of-change alarm', () => {
  it('measures units per minute over the window once half of it is covered', () => {
    const w = new RateWindow(60_000);
    assert.equal(w.push(0, 100), null);
    assert.equal(w.push(20_000, 101), null, 'a third of the window is too short');
    assert.equal(w.push(30_000, 103), 6);
    for (let t = 31_000; t <= 200_000; t += 1000) w.push(t, 103 + (t - 30_000) / 10_000);
    assert.ok(Math.abs((w.rate() ?? 0) - 6) < 1e-9, 'a steady ramp of 0.1/s is 6/min');
  });

  it('keeps bounded memory on a fast tag', () => {
    const w = new RateWindow(60_000);
    for (let t = 0; t < 600_000; t += 10) w.push(t, t);
    assert.ok((w as unknown as { ts: number[] }).ts.length <= 200);
    assert.ok(Math.abs((w.rate() ?? 0) - 60_000) < 1);
  });

  const roc = (direction: 'rising' | 'falling' | 'both') =>
    only(tag('t', { deadband: 0, priority: 2, rateOfChange: { perMinute: 5, windowSec: 60, direction, deadband: 1 } }, 'degC'), 'ROC');
  it('alarms rising, falling or both as configured, with a deadband in units per minute', () => {
    const at = (d: AlarmDefinition, rate: number, was = false) => evaluateCondition(d, good(1), was, { valueOf: () => undefined, rate });
    assert.deepEqual([at(roc('rising'), 6), at(roc('rising'), -6), at(roc('falling'), -6), at(roc('both'), -6)], [true, false, true, true]);
    assert.equal(at(roc('rising'), 4.5, true), true, 'still active inside the deadband');
    assert.equal(at(roc('rising'), 3.9, true), false);
    assert.equal(activationMessage(roc('rising'), 80, { rate: 6.25 }), 'tank-301 t rate of change: +6.25 degC/min (limit 5 degC/min)');
  });
});

describe('digital alarms', () => {
  const state = only(tag('alarm-input', { deadband: 0, priority: 2, digital: { alarmWhen: true, delaySec: 0 } }, ''), 'DIG');
  const disc = only(tag('running', { deadband: 0, priority: 2, digital: { feedbackTag: 'fb', delaySec: 5 } }, ''), 'DIG');
  it('a state alarm is active while the tag equals the configured state (1 counts as true)', () => {
    assert.equal(evaluateCondition(state, good(true), false), true);
    assert.equal(evaluateCondition(state, good(1), false), true);
    assert.equal(evaluateCondition(state, good(false), false), false);
  });
  it('a discrepancy alarm is active while command and feedback differ', () => {
    assert.equal(evaluateCondition(disc, good(true), false, values({ fb: false })), true);
    assert.equal(evaluateCondition(disc, good(true), false, values({ fb: true })), false);
    assert.equal(evaluateCondition(disc, good(true), false, values({})), null);
    assert.equal(activationMessage(disc, true, { feedback: false }), 'tank-301 running discrepancy: commanded true, feedback false');
  });
});

describe('bad quality alarm', () => {
  const bad = only(tag('level', { deadband: 0, priority: 3, badQuality: { delaySec: 10 } }), 'BAD');
  it('follows the quality, not the value', () => {
    assert.equal(evaluateCondition(bad, { value: 50, quality: 'bad' }, false), true);
    assert.equal(evaluateCondition(bad, { value: 50, quality: 'stale' }, false), true);
    assert.equal(evaluateCondition(bad, { value: 50, quality: 'uncertain' }, true), false);
    assert.equal(activationMessage(bad, 50, { quality: 'stale' }), 'tank-301 level bad quality: stale (source lost)');
  });
  it('while process alarms ignore bad and stale samples', () => {
    const h = only(tag('level', { H: 80, deadband: 0, priority: 3 }), 'H');
    assert.equal(evaluateCondition(h, { value: 0, quality: 'stale' }, true), null);
  });
});
