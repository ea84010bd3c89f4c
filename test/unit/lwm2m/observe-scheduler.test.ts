// When notifications are due: pmin, pmax, gt/lt crossings and st steps (fake time, pure function).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changeQualifies, decideNotification } from '../../../src-main/domain/lwm2m/observe-scheduler.js';

describe('LwM2M observe scheduler', () => {
  it('notifies a change at once without attributes', () => {
    assert.deepEqual(decideNotification({ lastSentAt: 0, lastSent: 1 }, {}, 2, 10), { notify: true, nextCheckAt: null });
    assert.deepEqual(decideNotification({ lastSentAt: 0, lastSent: 1 }, {}, 1, 10), { notify: false, nextCheckAt: null });
  });

  it('holds a change back until pmin has passed', () => {
    const state = { lastSentAt: 1000, lastSent: 1 };
    assert.deepEqual(decideNotification(state, { pmin: 5 }, 2, 3000), { notify: false, nextCheckAt: 6000 });
    assert.equal(decideNotification(state, { pmin: 5 }, 2, 6000).notify, true);
  });

  it('notifies after pmax even without a change', () => {
    const state = { lastSentAt: 0, lastSent: 1 };
    assert.deepEqual(decideNotification(state, { pmin: 1, pmax: 10 }, 1, 9999), { notify: false, nextCheckAt: 10_000 });
    assert.deepEqual(decideNotification(state, { pmin: 1, pmax: 10 }, 1, 10_000), { notify: true, nextCheckAt: 20_000 });
  });

  it('ignores pmax when it is smaller than pmin (LwM2M: pmax is then ignored)', () => {
    assert.equal(decideNotification({ lastSentAt: 0, lastSent: 1 }, { pmin: 10, pmax: 5 }, 1, 6000).notify, false);
  });

  it('with gt/lt only crossings count; with st only steps of at least st from the last notified value', () => {
    assert.equal(changeQualifies({ gt: 80 }, 70, 75), false);
    assert.equal(changeQualifies({ gt: 80 }, 75, 81), true);
    assert.equal(changeQualifies({ gt: 80 }, 81, 79), true);
    assert.equal(changeQualifies({ lt: 10 }, 12, 9), true);
    assert.equal(changeQualifies({ st: 0.5 }, 10, 10.4), false);
    assert.equal(changeQualifies({ st: 0.5 }, 10, 9.5), true);
    assert.equal(changeQualifies({ st: 0.5 }, 'a', 'b'), true, 'non-numeric values: any change');
  });
});
