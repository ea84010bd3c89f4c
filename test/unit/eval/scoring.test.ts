// Scoring of maintenance flags against ground truth, on hand-made flag lists.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LimitCrossingWatch } from '../../../scripts/eval/limit-crossing.js';
import { falseFlagRates, median, scoreFaultRun, summarizeKind, type FaultCaseTruth, type RaisedFlag } from '../../../scripts/eval/scoring.js';

const H = 3_600_000;
const truth: FaultCaseTruth = { asset: 'pump-101', onsetMs: 10 * H, expectedLimitMs: 30 * H, observedLimitMs: null, detectWithinMs: 12 * H };
const flag = (asset: string, raisedAt: number, id = `${asset}@${raisedAt}`): RaisedFlag => ({ id, asset, rule: 'r', raisedAt });

describe('scoreFaultRun', () => {
  it('measures lead time to the expected limit crossing and the lead fraction of onset → limit', () => {
    const s = scoreFaultRun(truth, [flag('pump-101', 18 * H)]);
    assert.equal(s.detected, true);
    assert.equal(s.leadMs, 12 * H);
    assert.equal(s.leadFraction, 0.6);
    assert.equal(s.delayMs, 8 * H);
    assert.deepEqual(s.falseFlags, []);
  });

  it('counts the first on-time flag on the right asset; other assets and flags before onset are false', () => {
    const s = scoreFaultRun(truth, [flag('pump-101', 25 * H), flag('tank-301', 12 * H), flag('pump-101', 5 * H), flag('pump-101', 20 * H)]);
    assert.equal(s.flag?.raisedAt, 20 * H);
    assert.deepEqual(s.falseFlags.map((f) => f.raisedAt), [5 * H, 12 * H]);
  });

  it('does not count a flag after the limit, nor after an observed crossing earlier than expected', () => {
    assert.equal(scoreFaultRun(truth, [flag('pump-101', 31 * H)]).detected, false);
    const seenEarly = scoreFaultRun({ ...truth, observedLimitMs: 26 * H }, [flag('pump-101', 27 * H)]);
    assert.equal(seenEarly.detected, false);
    assert.equal(seenEarly.lateFlags.length, 1);
    assert.equal(seenEarly.deadlineMs, 26 * H);
  });

  it('scores a fault without a limit by its delay after onset, within the detection window', () => {
    const stuck = { ...truth, expectedLimitMs: null };
    const s = scoreFaultRun(stuck, [flag('pump-101', 10.5 * H)]);
    assert.equal(s.detected, true);
    assert.equal(s.delayMs, 0.5 * H);
    assert.equal(s.leadMs, null);
    assert.equal(scoreFaultRun(stuck, [flag('pump-101', 23 * H)]).detected, false, 'after onset + 12 h is too late');
  });
});

describe('summarizeKind', () => {
  it('passes only when every fault is flagged and the median lead fraction, misses counting 0, is at least 0.5', () => {
    const good = scoreFaultRun(truth, [flag('pump-101', 14 * H)]); // fraction 0.8
    const miss = scoreFaultRun(truth, []);
    const all = summarizeKind([good, good, good], true);
    assert.equal(all.detectionRate, 1);
    assert.equal(all.medianLeadFraction, 0.8);
    assert.equal(all.medianLeadHours, 16);
    assert.equal(all.detectionPass, true);
    assert.equal(all.leadPass, true);
    const some = summarizeKind([good, miss, miss], true);
    assert.equal(some.detected, 1);
    assert.equal(some.detectionPass, false);
    assert.equal(some.medianLeadFraction, 0, 'two misses of three pull the median to 0');
    assert.equal(some.leadPass, false);
    assert.equal(summarizeKind([], true).detectionPass, false, 'no runs is no evidence');
    assert.equal(summarizeKind([good], false).leadPass, null);
  });
});

describe('falseFlagRates', () => {
  it('gives flags per asset per day and per 30 days over all healthy runs, with the ≤ 1 per 30 days target', () => {
    const day = 24 * H;
    const rates = falseFlagRates(
      [{ durationMs: 10 * day, flags: [flag('pump-101', 1), flag('pump-101', 2)] }, { durationMs: 20 * day, flags: [flag('tank-301', 3)] }],
      ['pump-101', 'tank-301', 'conveyor-401'],
    );
    assert.deepEqual(rates.map((r) => [r.asset, r.flags, r.days, r.per30Days, r.pass]), [
      ['pump-101', 2, 30, 2, false],
      ['tank-301', 1, 30, 1, true],
      ['conveyor-401', 0, 30, 0, true],
    ]);
  });
});

describe('median', () => {
  it('ignores nulls and averages the middle pair', () => {
    assert.equal(median([3, null, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([null]), null);
  });
});

describe('LimitCrossingWatch', () => {
  it('reports the first one-minute mean past the limit after onset, only while the asset runs steadily', () => {
    const w = new LimitCrossingWatch({ tagId: 'f', runningTagId: 'r', limit: { level: 40, direction: 'below' }, fromMs: 0 });
    const at = (ts: number, value: number, running = true) =>
      w.add({ samples: [{ tagId: 'r', ts, value: running, quality: 'good' }, { tagId: 'f', ts, value, quality: 'good' }] });
    for (let t = 0; t < 20 * 60_000; t += 5000) at(t, 100);
    at(20 * 60_000, 0, false); // stopped: flow 0 is no crossing
    for (let t = 20 * 60_000 + 5000; t < 25 * 60_000; t += 5000) at(t, 0, false);
    assert.equal(w.crossedAt, null);
    for (let t = 25 * 60_000; t < 40 * 60_000; t += 5000) at(t, 100);
    for (let t = 40 * 60_000; t < 45 * 60_000; t += 5000) at(t, 30);
    assert.ok(w.crossedAt !== null && w.crossedAt > 40 * 60_000 && w.crossedAt <= 42 * 60_000, `crossed at ${w.crossedAt}`);
  });
});
