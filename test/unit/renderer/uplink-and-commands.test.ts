import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandLogEntry, OutboxStatus, UplinkStatus } from '../../../src-main/contract/index.js';
import { drainEtaMs, formatBytes, formatEta, outboxFillPct, uplinkAbnormal, uplinkChipText, uplinkDraining } from '../../../src-renderer/lib/uplink-outbox.js';
import { commandOutcome, countOutcomes, emptyCommandFilter, filterCommandLog, viaOptions } from '../../../src-renderer/lib/command-log.js';

function outbox(o: Partial<OutboxStatus> = {}): OutboxStatus {
  return { depth: 0, bytes: 0, maxBytes: 1024 * 1024, oldestAgeMs: 0, drainRatePerSec: 0, dropped: 0, delivered: 0, ...o };
}
function uplink(state: UplinkStatus['state'], o: Partial<OutboxStatus> | null): UplinkStatus {
  return {
    id: 'sparkplug', kind: 'sparkplug', url: 'mqtt://b:1883', embeddedBroker: false, state, since: 0, lastError: null,
    published: 0, failed: 0, skipped: 0, retried: null, queued: 0, topicPrefix: 'spBv1.0', outbox: o === null ? null : outbox(o),
  };
}

describe('uplink outage display', () => {
  it('treats connected and disabled as normal, every other state as an outage', () => {
    assert.equal(uplinkAbnormal({ state: 'connected' }), false);
    assert.equal(uplinkAbnormal({ state: 'disabled' }), false);
    for (const s of ['connecting', 'disconnected', 'waiting-for-host', 'cut'] as const) assert.equal(uplinkAbnormal({ state: s }), true, s);
  });

  it('computes the drain ETA as depth / drain rate, and none when not draining', () => {
    assert.equal(drainEtaMs({ depth: 5000, drainRatePerSec: 1000 }), 5000);
    assert.equal(drainEtaMs({ depth: 5000, drainRatePerSec: 0 }), null);
    assert.equal(drainEtaMs({ depth: 0, drainRatePerSec: 1000 }), null);
    assert.equal(drainEtaMs({ depth: 10, drainRatePerSec: Number.NaN }), null);
  });

  it('formats the ETA for a glance', () => {
    assert.equal(formatEta(null), '—');
    assert.equal(formatEta(400), '< 1 s');
    assert.equal(formatEta(45_000), '≈ 45 s');
    assert.equal(formatEta(12 * 60_000), '≈ 12 min');
  });

  it('says in the chip what is buffered, with the ETA only while draining', () => {
    assert.equal(uplinkChipText(uplink('cut', { depth: 1234, oldestAgeMs: 9000 })), 'Sparkplug B cut · 1,234 buffered');
    assert.equal(uplinkChipText(uplink('disconnected', null)), 'Sparkplug B disconnected');
    // A drain-rate average lingering after the cut is no ETA: nothing drains while cut.
    assert.equal(uplinkChipText(uplink('cut', { depth: 720, oldestAgeMs: 6000, drainRatePerSec: 6 })), 'Sparkplug B cut · 720 buffered');
    const draining = uplink('connected', { depth: 3000, oldestAgeMs: 60_000, drainRatePerSec: 1000 });
    assert.equal(uplinkDraining(draining), true);
    assert.equal(uplinkChipText(draining), 'Sparkplug B draining · 3,000 buffered · ETA ≈ 3 s');
  });

  it('does not call the few messages waiting for their PUBACK a backlog', () => {
    assert.equal(uplinkDraining(uplink('connected', { depth: 4, oldestAgeMs: 50, drainRatePerSec: 200 })), false);
  });

  it('shows outbox size against its limit', () => {
    assert.equal(outboxFillPct({ bytes: 512 * 1024, maxBytes: 1024 * 1024 }), 50);
    assert.equal(outboxFillPct({ bytes: 5, maxBytes: 0 }), 0);
    assert.equal(outboxFillPct({ bytes: 2000, maxBytes: 1000 }), 100);
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.50 KB');
    assert.equal(formatBytes(512 * 1024 * 1024), '512 MB');
  });
});

function entry(id: number, ts: number, e: Partial<CommandLogEntry>): CommandLogEntry {
  return { id, ts, user: 'operator', via: 'http', tag: 'site/area/pump/speed', oldValue: 1, newValue: 2, status: 'Good', message: '', ...e };
}

describe('command log', () => {
  const log = [
    entry(1, 1000, { status: 'requested' }),
    entry(2, 1000, { status: 'Good', message: 'site/area/pump/speed set to 2' }),
    entry(3, 3000, { status: 'BadNotWritable', tag: 'site/area/pump/flow', message: 'read-only', user: 'alice' }),
    entry(4, 2000, { via: 'sparkplug', user: 'sparkplug-host', status: 'BadTimestampOutOfRange', message: 'stale command' }),
    entry(5, 4000, { via: 'mqtt-json', status: 'GoodClamped' }),
  ];

  it('classifies the row written before a write, accepted and refused commands', () => {
    assert.equal(commandOutcome({ status: 'requested' }), 'requested');
    assert.equal(commandOutcome({ status: 'Good' }), 'accepted');
    assert.equal(commandOutcome({ status: 'GoodClamped' }), 'accepted');
    assert.equal(commandOutcome({ status: 'BadOutOfRange' }), 'refused');
    assert.equal(commandOutcome({ status: 'rate limit exceeded' }), 'refused');
  });

  it('lists newest first, the outcome above its "requested" row', () => {
    assert.deepEqual(filterCommandLog(log, emptyCommandFilter).map((e) => e.id), [5, 3, 4, 2, 1]);
  });

  it('filters by words across tag, user, via, status and message', () => {
    assert.deepEqual(filterCommandLog(log, { ...emptyCommandFilter, text: 'flow' }).map((e) => e.id), [3]);
    assert.deepEqual(filterCommandLog(log, { ...emptyCommandFilter, text: 'ALICE notwritable' }).map((e) => e.id), [3]);
    assert.deepEqual(filterCommandLog(log, { ...emptyCommandFilter, text: 'sparkplug-host stale' }).map((e) => e.id), [4]);
    assert.deepEqual(filterCommandLog(log, { ...emptyCommandFilter, text: 'nothing-like-this' }), []);
  });

  it('filters by path and by outcome', () => {
    assert.deepEqual(filterCommandLog(log, { ...emptyCommandFilter, via: 'sparkplug' }).map((e) => e.id), [4]);
    assert.deepEqual(filterCommandLog(log, { ...emptyCommandFilter, outcome: 'refused' }).map((e) => e.id), [3, 4]);
    assert.deepEqual(filterCommandLog(log, { ...emptyCommandFilter, outcome: 'accepted', via: 'http' }).map((e) => e.id), [2]);
    assert.deepEqual(viaOptions(log), ['http', 'mqtt-json', 'sparkplug']);
    assert.deepEqual(countOutcomes(log), { requested: 1, accepted: 2, refused: 2 });
  });

  it('does not reorder the caller’s array', () => {
    const copy = [...log];
    filterCommandLog(log, emptyCommandFilter);
    assert.deepEqual(log, copy);
  });
});
