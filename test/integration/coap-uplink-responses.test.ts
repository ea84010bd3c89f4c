// How the CoAP uplink treats server answers, against a real node-coap (coap@1.5.0) server on a UDP socket:
// 4.xx is a counted reject with a clear lastError and is not retried; 5.xx is retried with back-off until it
// succeeds; every PUT is confirmable with Content-Format application/json and the {"v","q","ts"} body.
import assert from 'node:assert/strict';
import type { Socket } from 'node:dgram';
import { after, describe, it } from 'node:test';
import { createServer, type IncomingMessage, type OutgoingMessage, type Server } from 'coap';
import { waitFor } from '../fixtures/wait-for.js';
import { describeCoapStatus, startUplink } from '../unit/coap/coap-uplink-kit.js';

interface Seen {
  path: string;
  method: string;
  confirmable: boolean;
  format: unknown;
  body: string;
}

describe('CoAP uplink: answers of the server', () => {
  let server: Server;
  const seen: Seen[] = [];
  let flakyLeft = 2;
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('counts 4.03 as a reject without retrying, retries 5.03 until delivered', { timeout: 60_000 }, async () => {
    server = createServer((req: IncomingMessage, res: OutgoingMessage) => {
      const path = req.url;
      seen.push({ path, method: req.method, confirmable: req._packet.confirmable === true, format: req.headers['Content-Format'], body: req.payload.toString() });
      if (path.includes('forbidden')) res.code = '4.03';
      else if (path.includes('flaky') && flakyLeft-- > 0) res.code = '5.03';
      else res.code = '2.04';
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server._sock as Socket).address().port;
    const tags = ['p/a/x/forbidden', 'p/a/x/flaky', 'p/a/x/fine'];
    const h = await startUplink({ url: `coap://127.0.0.1:${port}/base`, pathTemplate: 'pb/{asset}/{tag}', concurrency: 4 }, tags);
    try {
      h.uplink.publish({ samples: tags.map((tagId, i) => ({ tagId, ts: 1_700_000_000_000 + i, value: i + 0.5, quality: 'good' })) });
      await waitFor('all settled', () => {
        const st = h.uplink.status();
        return st.published + st.failed === 3 && st.queued === 0 ? true : undefined;
      }, 30_000);
      const s = h.uplink.status();
      assert.equal(s.published, 2, describeCoapStatus(s));
      assert.equal(s.failed, 1, 'the 4.03 is counted');
      assert.ok((s.retried ?? 0) >= 2, `two re-sends of the 5.03 answers: ${describeCoapStatus(s)}`);
      assert.match(s.lastError ?? '', /4\.03 Forbidden to PUT \/base\/pb\/x\/forbidden: value rejected \(not retried\)/);
      assert.equal(seen.filter((r) => r.path.endsWith('/forbidden')).length, 1, 'a 4.xx is not retried');
      assert.equal(seen.filter((r) => r.path.endsWith('/flaky')).length, 3, 'a 5.xx is retried until it succeeds');
      const fine = seen.find((r) => r.path === '/base/pb/x/fine');
      assert.deepEqual(fine, { path: '/base/pb/x/fine', method: 'PUT', confirmable: true, format: 'application/json', body: '{"v":2.5,"q":"good","ts":1700000000002}' });
    } finally {
      await h.stop();
    }
  });
});
