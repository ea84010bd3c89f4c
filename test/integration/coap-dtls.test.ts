// coaps uplink (DTLS 1.2 PSK through node-coap-client with node-dtls-client 2.0.3) against libcoap's
// coap-server-openssl: works with the server's default identity hint and with none; a wrong key gives the
// "DTLS handshake failed" status within the handshake timeout, raises the uplink-down system alarm, buffers the
// data and never crashes the process (regression test for the node-dtls-client 1.1.1 crash).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { HANDSHAKE_FAILED } from '../../src-main/adapters/coap/dtls-exchange.js';
import type { SystemCondition } from '../../src-main/services/alarm-service.js';
import { createSystemConditionMonitor } from '../../src-main/services/system-conditions.js';
import { LibcoapServer } from '../fixtures/coap-server.js';
import { waitFor } from '../fixtures/wait-for.js';
import { TAG_IDS, describeCoapStatus, parseBody, startUplink } from '../unit/coap/coap-uplink-kit.js';

const PSK = 'secretPSK';
const udpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap').length;

describe('CoAP uplink over DTLS-PSK to coap-server-openssl', () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  for (const hint of [undefined, '']) {
    const name = hint === undefined ? 'the default identity hint ("CoAP")' : 'no identity hint';
    it(`delivers every latest value with ${name}`, { timeout: 60_000 }, async () => {
      const server = new LibcoapServer({ psk: PSK, ...(hint !== undefined ? { hint } : {}) });
      await server.start();
      const udpBefore = udpSockets();
      cleanup.push(() => server.stop());
      const h = await startUplink({ url: server.coapsUrl, psk: { identity: 'plantbridge', keyUtf8: PSK }, handshakeTimeoutMs: 5000 });
      cleanup.push(() => h.stop());
      for (let round = 0; round < 3; round++) h.publishRound(round * 100);
      await waitFor('delivered over DTLS', () => (h.uplink.status().queued === 0 && h.uplink.status().published > 0 ? true : undefined), 30_000);
      for (const [i, id] of TAG_IDS.entries()) {
        const body = parseBody(await server.clientGet(`plantbridge/${id}`));
        assert.equal(body?.v, 200 + i, `final value of ${id}`);
      }
      const s = h.uplink.status();
      assert.equal(s.state, 'connected', describeCoapStatus(s));
      assert.equal(s.failed, 0);
      const probe = await h.uplink.test();
      assert.equal(probe.ok, true, probe.message);
      assert.match(probe.message, /DTLS-PSK/);
      await h.stop();
      // node-coap-client is a process-wide singleton: stop() must close its DTLS socket, or the process never exits.
      assert.equal(udpSockets(), udpBefore, 'no UDP socket left open after stop()');
    });
  }

  it('reports a wrong key as a failed handshake within the timeout, alarms, buffers and stays up', { timeout: 60_000 }, async () => {
    const server = new LibcoapServer({ psk: PSK });
    await server.start();
    cleanup.push(() => server.stop());
    const h = await startUplink({ url: server.coapsUrl, psk: { identity: 'plantbridge', keyHex: '00112233445566778899' }, handshakeTimeoutMs: 2000 });
    cleanup.push(() => h.stop());
    h.publishRound(1);
    const s = await waitFor('handshake failure status', () => {
      const st = h.uplink.status();
      return st.state === 'disconnected' && st.lastError === HANDSHAKE_FAILED ? st : undefined;
    }, 20_000);
    assert.equal(s.queued, TAG_IDS.length, `values stay buffered: ${describeCoapStatus(s)}`);
    assert.equal(s.published, 0);
    assert.equal(s.failed, 0, 'nothing dropped');
    assert.ok(!JSON.stringify(s).includes('00112233445566778899'), 'the key never appears in the status');
    assert.ok(!h.log.lines.some((l) => l.includes('00112233445566778899')), 'the key never appears in the log');

    const conditions = new Map<string, SystemCondition>();
    const monitor = createSystemConditionMonitor({
      alarms: { setSystemCondition: (key, c) => conditions.set(key, c) },
      sources: () => [],
      uplinks: () => [h.uplink.status()],
      clock: { now: () => Date.now() },
      graceMs: 0,
    });
    monitor.check();
    const alarm = conditions.get('uplink/coap/down');
    assert.equal(alarm?.active, true);
    assert.match(alarm.message, /DTLS handshake failed or timed out: check the PSK identity and key/);

    const probe = await h.uplink.test();
    assert.equal(probe.ok, false);
    assert.equal(probe.message, HANDSHAKE_FAILED);
  });
});
