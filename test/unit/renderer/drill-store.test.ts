import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HealthDto, UplinkStatus } from '../../../src-main/contract/index.js';
import type { ApiClient } from '../../../src-renderer/api/client.js';
import { DrillStore } from '../../../src-renderer/state/drill-store.js';

function uplink(state: UplinkStatus['state'], depth: number, delivered: number, since = 0): UplinkStatus {
  return {
    id: 'mqtt-json', kind: 'mqtt-json', url: null, embeddedBroker: true, state, since, lastError: null, published: 0, failed: 0, skipped: 0, retried: null, queued: depth, topicPrefix: 'p',
    outbox: { depth, bytes: depth * 100, maxBytes: 1e9, oldestAgeMs: depth > 0 ? 1000 : 0, drainRatePerSec: 0, dropped: 0, delivered },
  };
}

function health(now: number, u: UplinkStatus): HealthDto {
  return { uplinks: [u], now } as unknown as HealthDto;
}

function fakeClient(answer: (args: { id: string; action: string }) => UplinkStatus | Error) {
  const calls: unknown[] = [];
  const client = {
    via: 'http',
    invoke: async (name: string, args: { id: string; action: string }) => {
      calls.push({ name, args });
      const r = answer(args);
      if (r instanceof Error) throw r;
      return r;
    },
    on: () => () => undefined,
    linkState: () => 'open',
    onLinkState: () => () => undefined,
  } as unknown as ApiClient;
  return { client, calls };
}

describe('drill store', () => {
  it('runs a drill through the uplinkDrill request and the health events, to a confirmation', async () => {
    let clock = 1000;
    const { client, calls } = fakeClient(({ action }) => (action === 'cut' ? uplink('cut', 0, 50, 1000) : uplink('connecting', 40, 50, 9000)));
    const drills = new DrillStore(client, () => clock);
    drills.observe(health(1000, uplink('connected', 0, 50)));
    await drills.cut('mqtt-json');
    assert.deepEqual(calls, [{ name: 'uplinkDrill', args: { id: 'mqtt-json', action: 'cut' } }]);
    assert.equal(drills.state('mqtt-json').get().phase, 'cut');
    clock = 5000;
    drills.observe(health(5000, uplink('cut', 40, 50, 1000)));
    clock = 9000;
    await drills.restore('mqtt-json');
    assert.equal(drills.state('mqtt-json').get().atRestore?.depth, 40);
    drills.observe(health(10_000, uplink('connected', 0, 95, 9500)));
    const s = drills.state('mqtt-json').get();
    assert.equal(s.phase, 'confirmed');
    assert.equal(s.confirmation?.buffered, 40);
  });

  it('says plainly when the backend does not offer the drill, and stays at step 1', async () => {
    const { client } = fakeClient(() => new Error('uplinkDrill failed: HTTP 404 Not Found'));
    const drills = new DrillStore(client);
    await drills.cut('sparkplug');
    const s = drills.state('sparkplug').get();
    assert.equal(s.phase, 'idle');
    assert.match(s.error ?? '', /not available/);
  });

  it('ignores a health snapshot without uplinks (an older backend)', () => {
    const { client } = fakeClient(() => new Error('unused'));
    const drills = new DrillStore(client);
    drills.observe({ now: 1 } as unknown as HealthDto);
    drills.observe(null);
    assert.equal(drills.state('mqtt-json').get().phase, 'idle');
  });
});
