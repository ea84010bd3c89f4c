// Store-and-forward of the CoAP uplink through a 30 s outage of libcoap's coap-server (killed, then restarted on
// the same port with its resources gone): values keep flowing into the durable outbox, the status says the uplink
// is down, and after the restart the final value of every tag arrives, nothing dropped.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LibcoapServer } from '../fixtures/coap-server.js';
import { waitFor } from '../fixtures/wait-for.js';
import { TAG_IDS, describeCoapStatus, parseBody, startUplink } from '../unit/coap/coap-uplink-kit.js';

const OUTAGE_MS = Number(process.env['PB_COAP_OUTAGE_MS'] ?? 30_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CoAP uplink through a server outage', () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it(`buffers through a ${OUTAGE_MS / 1000} s outage and delivers every final value after the restart`, { timeout: OUTAGE_MS + 60_000 }, async () => {
    const server = new LibcoapServer();
    await server.start();
    cleanup.push(() => server.stop());
    const h = await startUplink({ url: server.coapUrl, ackTimeoutMs: 1000 });
    cleanup.push(() => h.stop());
    let round = 0;
    const generator = setInterval(() => h.publishRound(++round * 10), 250);
    cleanup.push(async () => clearInterval(generator));

    await waitFor('first values delivered', () => (h.uplink.status().published >= TAG_IDS.length ? true : undefined), 20_000);
    await server.stop();
    const down = await waitFor('uplink reported down', () => {
      const s = h.uplink.status();
      return s.state === 'disconnected' ? s : undefined;
    }, 20_000);
    assert.ok(down.lastError !== null, 'the reason is shown');
    await sleep(Math.max(0, OUTAGE_MS - 10_000));
    const buffered = h.uplink.status();
    assert.ok(buffered.queued > 0, `values wait in the outbox: ${describeCoapStatus(buffered)}`);
    await sleep(10_000);
    await server.start();
    await sleep(2000);
    clearInterval(generator);
    const last = round * 10;

    await waitFor('backlog drained', () => {
      const s = h.uplink.status();
      return s.queued === 0 && s.state === 'connected' ? true : undefined;
    }, 60_000);
    // `queued` counts committed outbox records: the last round may still be on its way into the outbox when the
    // backlog first reads empty, so each final value is awaited (and the test fails if one never arrives).
    for (const [i, id] of TAG_IDS.entries()) {
      await waitFor(`final value ${last + i} of ${id}`, async () => {
        const body = parseBody(await server.clientGet(`plantbridge/${id}`));
        return body?.v === last + i ? true : undefined;
      }, 30_000);
    }
    const s = h.uplink.status();
    assert.equal(s.failed, 0, `nothing dropped: ${describeCoapStatus(s)}`);
    assert.equal(s.outbox?.dropped, 0);
    assert.ok((s.retried ?? 0) > 0);
  });
});
