import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutboxStatus, SourceStatus, UplinkStatus } from '../../../src-main/contract/index.js';
import type { SystemCondition } from '../../../src-main/services/alarm-service.js';
import { createSystemConditionMonitor } from '../../../src-main/services/system-conditions.js';

function setup() {
  let now = 100_000;
  const conditions = new Map<string, SystemCondition>();
  const source: SourceStatus = {
    id: 'sim', endpointUrl: 'opc.tcp://x', securityMode: 'None', securityPolicy: 'None', state: 'connected',
    since: 0, lastError: null, monitoredItems: 1, reconnects: 0,
  };
  const outbox: OutboxStatus = { depth: 0, bytes: 0, maxBytes: 1, oldestAgeMs: 0, drainRatePerSec: 0, dropped: 0, delivered: 0 };
  const uplink: UplinkStatus = {
    id: 'mqtt-json', kind: 'mqtt-json', url: 'mqtt://x', embeddedBroker: false, state: 'connected', since: 0,
    lastError: null, published: 0, failed: 0, skipped: 0, retried: null, queued: 0, topicPrefix: 'p', outbox,
  };
  const monitor = createSystemConditionMonitor({
    alarms: { setSystemCondition: (key, c) => conditions.set(key, c) },
    sources: () => [source],
    uplinks: () => [uplink],
    clock: { now: () => now },
    graceMs: 10_000,
    dataLossHoldMs: 60_000,
  });
  return { monitor, conditions, source, uplink, outbox, advance: (ms: number) => (now += ms), now: () => now };
}

describe('system conditions as alarms', () => {
  it('raises nothing while everything is connected', () => {
    const t = setup();
    t.monitor.check();
    assert.equal([...t.conditions.values()].filter((c) => c.active).length, 0);
  });

  it('raises an uplink-down alarm only after the grace period, with the backlog in the message', () => {
    const t = setup();
    Object.assign(t.uplink, { state: 'disconnected', since: t.now(), lastError: 'broker refused (ECONNREFUSED)' });
    t.outbox.depth = 1204;
    t.monitor.check();
    assert.equal(t.conditions.get('uplink/mqtt-json/down')?.active, false);
    t.advance(10_000);
    t.monitor.check();
    const c = t.conditions.get('uplink/mqtt-json/down');
    assert.equal(c?.active, true);
    assert.match(c?.message ?? '', /disconnected: broker refused \(ECONNREFUSED\); 1,204 messages buffered/);
    Object.assign(t.uplink, { state: 'connected', since: t.now() });
    t.monitor.check();
    assert.equal(t.conditions.get('uplink/mqtt-json/down')?.active, false);
  });

  it('raises a source-disconnected alarm after the grace period', () => {
    const t = setup();
    Object.assign(t.source, { state: 'reconnecting', since: t.now() });
    t.advance(11_000);
    t.monitor.check();
    assert.equal(t.conditions.get('source/sim/disconnected')?.active, true);
  });

  it('raises a data-loss alarm when the outbox drops messages, and holds it for a while after the last drop', () => {
    const t = setup();
    t.monitor.check();
    assert.equal(t.conditions.get('uplink/mqtt-json/data-lost')?.active, false);
    t.outbox.dropped = 500;
    t.monitor.check();
    assert.equal(t.conditions.get('uplink/mqtt-json/data-lost')?.active, true);
    assert.equal(t.conditions.get('uplink/mqtt-json/data-lost')?.priority, 1);
    t.advance(61_000);
    t.monitor.check();
    assert.equal(t.conditions.get('uplink/mqtt-json/data-lost')?.active, false);
  });
});
