// The CoAP uplink against Debian libcoap's coap-server (an independent implementation): confirmable JSON PUTs of
// each tag's latest value arrive (read back with libcoap's coap-client), and with 25 % simulated datagram loss
// every final value still arrives, with retransmissions counted.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LibcoapServer } from '../fixtures/coap-server.js';
import { waitFor } from '../fixtures/wait-for.js';
import { TAG_IDS, describeCoapStatus, parseBody, startUplink, type UplinkHarness } from '../unit/coap/coap-uplink-kit.js';

async function finalValuesArrived(server: LibcoapServer, base: number): Promise<void> {
  for (const [i, id] of TAG_IDS.entries()) {
    const body = await waitFor(`value of ${id} on the server`, async () => {
      const got = parseBody(await server.clientGet(`plantbridge/${id}`));
      return got?.v === base + i ? got : undefined;
    }, 30_000);
    assert.equal(body.q, 'good');
    assert.ok(Math.abs(Date.now() - body.ts) < 60_000, 'ts is the sample time (ms epoch)');
  }
}

describe('CoAP uplink to libcoap coap-server', () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('PUTs the latest value of every tag to its resource and counts them acknowledged', { timeout: 60_000 }, async () => {
    const server = new LibcoapServer();
    await server.start();
    cleanup.push(() => server.stop());
    const h: UplinkHarness = await startUplink({ url: server.coapUrl });
    cleanup.push(() => h.stop());
    for (let round = 0; round < 5; round++) h.publishRound(round * 10);
    await waitFor('outbox drained', () => (h.uplink.status().queued === 0 && h.uplink.status().published > 0 ? true : undefined), 20_000);
    await finalValuesArrived(server, 40);
    const s = h.uplink.status();
    assert.equal(s.kind, 'coap');
    assert.equal(s.state, 'connected', describeCoapStatus(s));
    assert.equal(s.failed, 0, describeCoapStatus(s));
    assert.equal(s.lastError, null);
    assert.ok(s.published >= TAG_IDS.length, describeCoapStatus(s));
    const probe = await h.uplink.test();
    assert.equal(probe.ok, true, probe.message);
  });

  it('delivers every final value through 25 % datagram loss, counting retransmissions', { timeout: 60_000 }, async () => {
    const server = new LibcoapServer({ loss: '25%' });
    await server.start();
    cleanup.push(() => server.stop());
    const h = await startUplink({ url: server.coapUrl, ackTimeoutMs: 500, concurrency: 2 });
    cleanup.push(() => h.stop());
    for (let round = 0; round < 20; round++) {
      h.publishRound(round * 10);
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitFor('outbox drained through loss', () => (h.uplink.status().queued === 0 ? true : undefined), 40_000);
    const s = h.uplink.status();
    assert.ok((s.retried ?? 0) > 0, `retransmissions counted: ${describeCoapStatus(s)}`);
    assert.equal(s.failed, 0, describeCoapStatus(s));
    await finalValuesArrived(server, 190);
  });
});
