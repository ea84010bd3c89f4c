import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busiestWindow, countPerPeriod, findBursts } from '../../../src-main/domain/alarm-bursts.js';
import { niceCeil, suggestedDeadband, suggestedOnDelayS } from '../../../src-main/domain/chatter-advice.js';

describe('bursts of events in sliding windows', () => {
  it('needs minCount events inside one window that starts at an event', () => {
    assert.deepEqual(findBursts([0, 30, 59], 60, 3), [{ start: 0, end: 60, count: 3, first: 0, last: 2 }]);
    // 60 is outside [0, 60): only two in any window.
    assert.deepEqual(findBursts([0, 30, 60], 60, 3), []);
  });

  it('merges overlapping windows and counts every event up to the merged end', () => {
    const b = findBursts([0, 10, 20, 30, 100, 200, 205, 210], 60, 3);
    assert.deepEqual(b, [
      { start: 0, end: 70, count: 4, first: 0, last: 3 },
      { start: 200, end: 260, count: 3, first: 5, last: 7 },
    ]);
  });

  it('finds the busiest window and counts per fixed period', () => {
    assert.deepEqual(busiestWindow([0, 5, 50, 55, 58], 10), { start: 50, count: 3 });
    assert.equal(busiestWindow([], 10), null);
    // 30 (= to) falls in the last period; 31 is after the range.
    assert.deepEqual(countPerPeriod([0, 9, 10, 25, 30, 31], 0, 30, 10), [2, 1, 2]);
  });
});

describe('re-tuning numbers for a chattering alarm', () => {
  it('rounds up to 1-2-2.5-5 steps', () => {
    assert.deepEqual([0.3, 1, 1.2, 2.3, 4, 7, 0.04].map(niceCeil), [0.5, 1, 2, 2.5, 5, 10, 0.05]);
    assert.equal(niceCeil(0), 0);
  });

  it('suggests at least double the deadband and 1 % of the span', () => {
    assert.equal(suggestedDeadband({ deadband: 0.5, unit: '%', span: 100, limit: 80 }), 1);
    assert.equal(suggestedDeadband({ deadband: 0, unit: 'bar', span: 16, limit: 10 }), 0.2);
    assert.equal(suggestedDeadband({ deadband: 0, unit: '', span: null, limit: null }), null);
    assert.equal(suggestedDeadband(undefined), null);
  });

  it('suggests an on-delay longer than the typical activation', () => {
    const f = { alarmId: 'x', episodes: 1, activations: 3 };
    assert.equal(suggestedOnDelayS({ ...f, shortestGapMs: 12_000, typicalActiveMs: 3_000 }), 5);
    assert.equal(suggestedOnDelayS({ ...f, shortestGapMs: 40_000, typicalActiveMs: null }), 30);
  });
});
