import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OutboxStatus, UplinkStatus } from '../../../src-main/contract/index.js';
import { drillReducer, drillStep, drillVerdict, initialDrill, RESTORE_CLOCK_MARGIN_MS, type DrillEvent, type DrillState } from '../../../src-renderer/lib/drill.js';

const T0 = 1_700_000_000_000;

function outbox(o: Partial<OutboxStatus> = {}): OutboxStatus {
  return { depth: 0, bytes: 0, maxBytes: 512 * 1024 * 1024, oldestAgeMs: 0, drainRatePerSec: 0, dropped: 0, delivered: 1000, ...o };
}

function uplink(state: UplinkStatus['state'], o: Partial<OutboxStatus> | null, since = T0 - 60_000): UplinkStatus {
  return {
    id: 'mqtt-json', kind: 'mqtt-json', url: 'mqtt://127.0.0.1:1883', embeddedBroker: true, state, since, lastError: null,
    published: 0, failed: 0, skipped: 0, retried: null, queued: 0, topicPrefix: 'plantbridge', outbox: o === null ? null : outbox(o),
  };
}

function run(events: DrillEvent[], from: DrillState = initialDrill): DrillState {
  return events.reduce(drillReducer, from);
}

/** A drill cut at T0 with 1,000 delivered, 500 buffered by T0+10 s, restored at T0+10 s. */
function restoredDrill(): DrillState {
  return run([
    { type: 'cut-requested' },
    { type: 'cut-done', status: uplink('cut', { delivered: 1000 }, T0), now: T0 },
    { type: 'observed', status: uplink('cut', { depth: 200, oldestAgeMs: 4000, delivered: 1000 }, T0), now: T0 + 5000 },
    { type: 'observed', status: uplink('cut', { depth: 500, oldestAgeMs: 9000, delivered: 1000 }, T0), now: T0 + 10_000 },
    { type: 'restore-requested' },
    { type: 'restore-done', status: uplink('connecting', { depth: 500, oldestAgeMs: 9000, delivered: 1000 }, T0 + 10_000), now: T0 + 10_000 },
  ]);
}

describe('store-and-forward drill', () => {
  it('walks cut → buffering → restore → drain, with the buffered count taken at the restore', () => {
    let s = run([{ type: 'cut-requested' }]);
    assert.equal(s.phase, 'cutting');
    assert.equal(drillStep(s), 1);
    s = run([{ type: 'cut-done', status: uplink('cut', { delivered: 1000 }, T0), now: T0 }], s);
    assert.equal(s.phase, 'cut');
    assert.equal(s.cutAt, T0, 'the backend’s own time of the cut');
    assert.equal(drillStep(s), 2);
    s = run([{ type: 'observed', status: uplink('cut', { depth: 20, oldestAgeMs: 1000 }, T0), now: T0 + 1000 }], s);
    assert.equal(drillStep(s), 3, 'something is buffered: restoring is the next step');
    s = restoredDrill();
    assert.equal(s.phase, 'draining');
    assert.equal(s.peakDepth, 500);
    assert.equal(drillVerdict(s)?.buffered, 500);
    assert.equal(drillVerdict(s)?.allDelivered, false);
  });

  it('confirms only once the delivered counter grew by the buffered count and the backlog left the outbox', () => {
    let s = restoredDrill();
    // Half delivered.
    s = run([{ type: 'observed', status: uplink('connected', { depth: 250, oldestAgeMs: 7000, delivered: 1250, drainRatePerSec: 250 }), now: T0 + 11_000 }], s);
    assert.equal(s.phase, 'draining');
    assert.equal(drillVerdict(s)?.deliveredSinceRestore, 250);
    // Depth 0 but the delivered counter did not grow enough: not proven.
    s = run([{ type: 'observed', status: uplink('connected', { depth: 0, delivered: 1499 }), now: T0 + 12_000 }], s);
    assert.equal(s.phase, 'draining');
    assert.equal(drillVerdict(s)?.allDelivered, false);
    s = run([{ type: 'observed', status: uplink('connected', { depth: 0, delivered: 1530 }), now: T0 + 13_000 }], s);
    assert.equal(s.phase, 'confirmed');
    assert.deepEqual(s.confirmation, { buffered: 500, delivered: 530, at: T0 + 13_000 });
  });

  it('keeps the confirmation once reached, even as live traffic refills the outbox', () => {
    let s = restoredDrill();
    s = run([{ type: 'observed', status: uplink('connected', { depth: 0, delivered: 1500 }), now: T0 + 13_000 }], s);
    s = run([{ type: 'observed', status: uplink('disconnected', { depth: 40, oldestAgeMs: 3000, delivered: 1500 }), now: T0 + 20_000 }], s);
    assert.equal(s.phase, 'confirmed');
    assert.equal(s.confirmation?.buffered, 500);
  });

  it('accepts a non-empty outbox when only messages enqueued after the restore are still waiting', () => {
    let s = restoredDrill();
    const now = T0 + 30_000;
    // Oldest waiting message enqueued at now - 1 s, well after the restore at T0 + 10 s.
    s = run([{ type: 'observed', status: uplink('connected', { depth: 12, oldestAgeMs: 1000, delivered: 1600 }), now }], s);
    assert.equal(s.phase, 'confirmed');
    // But one enqueued within the clock margin of the restore still counts as backlog.
    let t = restoredDrill();
    const justAfter = T0 + 10_000 + RESTORE_CLOCK_MARGIN_MS - 100;
    t = run([{ type: 'observed', status: uplink('connected', { depth: 12, oldestAgeMs: 0, delivered: 1600 }), now: justAfter }], t);
    assert.equal(t.phase, 'draining');
    assert.equal(drillVerdict(t)?.backlogLeft, true);
  });

  it('never confirms when messages were dropped after the restore', () => {
    let s = restoredDrill();
    s = run([{ type: 'observed', status: uplink('connected', { depth: 0, delivered: 1600, dropped: 3 }), now: T0 + 15_000 }], s);
    assert.equal(s.phase, 'draining');
    const v = drillVerdict(s);
    assert.equal(v?.droppedSinceRestore, 3);
    assert.equal(v?.allDelivered, false);
  });

  it('never confirms when the backend restarted and its counters went backwards', () => {
    let s = restoredDrill();
    s = run([{ type: 'observed', status: uplink('connected', { depth: 0, delivered: 600 }), now: T0 + 15_000 }], s);
    assert.equal(s.phase, 'draining');
    assert.equal(drillVerdict(s)?.countersReset, true);
  });

  it('reports drops during the cut separately from the buffered count', () => {
    const s = run([
      { type: 'cut-requested' },
      { type: 'cut-done', status: uplink('cut', { delivered: 10, dropped: 2 }, T0), now: T0 },
      { type: 'restore-requested' },
      { type: 'restore-done', status: uplink('connecting', { depth: 80, oldestAgeMs: 5000, delivered: 10, dropped: 9 }), now: T0 + 6000 },
    ]);
    assert.equal(drillVerdict(s)?.droppedDuringCut, 7);
    assert.equal(drillVerdict(s)?.buffered, 80);
  });

  it('picks up an uplink found already cut (after a reload) at step 2, and ignores stale snapshots', () => {
    let s = run([{ type: 'observed', status: uplink('cut', { depth: 30, oldestAgeMs: 3000 }, T0), now: T0 + 3000 }]);
    assert.equal(s.phase, 'cut');
    assert.equal(s.atCut, null);
    assert.equal(s.cutAt, T0);
    // A snapshot from before the cut (since earlier than the cut) does not end the drill.
    s = run([{ type: 'observed', status: uplink('connected', { depth: 0 }, T0 - 60_000), now: T0 - 500 }], s);
    assert.equal(s.phase, 'cut');
    // Restored by someone else after the cut: the drill stops and says why.
    s = run([{ type: 'observed', status: uplink('connected', { depth: 10 }, T0 + 5000), now: T0 + 6000 }], s);
    assert.equal(s.phase, 'idle');
    assert.match(s.error ?? '', /restored outside this drill/);
  });

  it('returns to the previous step with the reason when a drill request fails', () => {
    let s = run([{ type: 'cut-requested' }, { type: 'request-failed', message: 'not available' }]);
    assert.equal(s.phase, 'idle');
    assert.equal(s.error, 'not available');
    s = run([{ type: 'cut-requested' }, { type: 'cut-done', status: uplink('cut', {}, T0), now: T0 }, { type: 'restore-requested' }, { type: 'request-failed', message: 'HTTP 500' }]);
    assert.equal(s.phase, 'cut');
  });

  it('ignores a restore or cut answer that arrives in the wrong phase', () => {
    const s = run([{ type: 'restore-done', status: uplink('connected', { depth: 5 }), now: T0 }]);
    assert.equal(s.phase, 'idle');
    assert.equal(drillVerdict(s), null);
  });
});
