// The generic uplink card's shaping: the same counters for every protocol, retried only where counted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { counterRows, peerLabel, testOutcomeText } from '../../../src-renderer/lib/uplink-card.js';

describe('uplink card shaping', () => {
  it('shows acknowledged, queued and dropped, and retried only when the uplink counts it', () => {
    const mqtt = counterRows({ published: 10, queued: 2, retried: null, failed: 0 });
    assert.deepEqual(mqtt.map((r) => [r.key, r.value]), [['acknowledged', 10], ['queued', 2], ['dropped', 0]]);
    const onem2m = counterRows({ published: 5, queued: 0, retried: 3, failed: 1 });
    assert.deepEqual(onem2m.map((r) => [r.key, r.value, r.bad]), [
      ['acknowledged', 5, false],
      ['queued', 0, false],
      ['retried', 3, false],
      ['dropped', 1, true],
    ]);
  });

  it('names the peer by protocol', () => {
    assert.equal(peerLabel('onem2m'), 'CSE');
    assert.equal(peerLabel('mqtt-json'), 'Broker');
  });

  it('states a test outcome in plain words with its duration', () => {
    assert.equal(testOutcomeText({ ok: true, message: 'connected to broker 127.0.0.1:1883 in 4 ms', durationMs: 4.2 }), 'Connection OK: connected to broker 127.0.0.1:1883 in 4 ms (4 ms)');
    assert.match(testOutcomeText({ ok: false, message: 'CSE at x refused the connection', durationMs: 12 }), /^Connection failed: /);
  });
});
