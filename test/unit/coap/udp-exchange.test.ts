// The plain-UDP confirmable exchange against a scripted UDP peer on 127.0.0.1: retransmissions reuse the message
// id, separate responses are acknowledged, RST and silence end the exchange with a TransportError. Short timing
// (ACK_TIMEOUT 50 ms) keeps it quick; nothing asserts on durations.
import assert from 'node:assert/strict';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { TransportError } from '../../../src-main/adapters/coap/coap-transport.js';
import { UdpExchange } from '../../../src-main/adapters/coap/udp-exchange.js';
import { decodeMessage, encodeMessage, type CoapMessage } from '../../../src-main/domain/coap/coap-message.js';
import { coapConfigSchema } from '../../../src-main/host/coap-config.js';

type Script = (msg: CoapMessage, from: RemoteInfo, reply: (m: Partial<CoapMessage>) => void) => void;

describe('UdpExchange (confirmable requests over UDP)', () => {
  let peer: Socket;
  let port = 0;
  let script: Script = () => undefined;
  const seen: CoapMessage[] = [];
  before(async () => {
    peer = createSocket('udp4');
    peer.on('message', (buf, from) => {
      const msg = decodeMessage(buf);
      seen.push(msg);
      script(msg, from, (m) => {
        const out = { type: 'ACK' as const, code: { cls: 2, detail: 4 }, messageId: msg.messageId, token: msg.token, options: [], payload: Buffer.alloc(0), ...m };
        peer.send(encodeMessage(out), from.port, from.address);
      });
    });
    await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', () => resolve()));
    port = peer.address().port;
  });
  after(() => peer.close());

  const exchange = (retransmits: number[] = []) =>
    new UdpExchange('127.0.0.1', port, { ackTimeoutMs: 50, ackRandomFactor: 1.5, maxRetransmit: 4 }, { onRetransmit: (n) => retransmits.push(n), onGarbage: () => undefined });

  it('retransmits with the same message id and token until the ACK arrives', async () => {
    seen.length = 0;
    let drops = 2;
    script = (msg, _from, reply) => {
      if (drops-- <= 0) reply({});
    };
    const retransmits: number[] = [];
    const x = exchange(retransmits);
    try {
      const res = await x.put('a/b', Buffer.from('{"v":1}'));
      assert.equal(res.code, '2.04');
      assert.equal(seen.length, 3);
      assert.deepEqual(new Set(seen.map((m) => m.messageId)).size, 1, 'one message id for every transmission');
      assert.deepEqual(retransmits, [1, 2]);
      assert.equal(seen[0]?.type, 'CON');
    } finally {
      await x.close();
    }
  });

  it('acknowledges a separate response after an empty ACK', async () => {
    seen.length = 0;
    script = (msg, from, reply) => {
      if (msg.type !== 'CON' || msg.code.cls !== 0 || msg.code.detail !== 3) return;
      reply({ code: { cls: 0, detail: 0 }, token: Buffer.alloc(0) });
      setTimeout(() => reply({ type: 'CON', messageId: 7, code: { cls: 2, detail: 1 } }), 20);
    };
    const x = exchange();
    try {
      const res = await x.put('a', Buffer.from('1'));
      assert.equal(res.code, '2.01');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const ack = seen.find((m) => m.type === 'ACK' && m.messageId === 7);
      assert.ok(ack, 'the separate CON response was acknowledged');
    } finally {
      await x.close();
    }
  });

  it('fails with a timeout after MAX_RETRANSMIT unanswered retransmissions', async () => {
    seen.length = 0;
    script = () => undefined;
    const x = exchange();
    try {
      await assert.rejects(x.put('a', Buffer.from('1')), (err: unknown) => err instanceof TransportError && err.failure === 'timeout' && /after 4 retransmissions/.test(err.message));
      assert.equal(seen.length, 5);
    } finally {
      await x.close();
    }
  });

  it('fails with reset on RST and rejects pending requests on close', async () => {
    script = (_msg, _from, reply) => reply({ type: 'RST', code: { cls: 0, detail: 0 }, token: Buffer.alloc(0) });
    const x = exchange();
    await assert.rejects(x.put('a', Buffer.from('1')), (err: unknown) => err instanceof TransportError && err.failure === 'reset');
    script = () => undefined;
    const pending = x.put('a', Buffer.from('1'));
    await x.close();
    await assert.rejects(pending, (err: unknown) => err instanceof TransportError && err.failure === 'closed');
  });
});

describe('coap config section', () => {
  it('defaults to no uplink and the server off on loopback', () => {
    const cfg = coapConfigSchema.parse({});
    assert.equal(cfg.uplink, undefined);
    assert.deepEqual(cfg.server, { enabled: false, bind: '127.0.0.1', port: 5683, maxObservers: 100, maxBodyBytes: 1024 });
  });

  it('requires a PSK for coaps:// only, with exactly one key source', () => {
    assert.equal(coapConfigSchema.safeParse({ uplink: { url: 'coaps://h:5684' } }).success, false);
    assert.equal(coapConfigSchema.safeParse({ uplink: { url: 'coap://h', psk: { identity: 'i', keyUtf8: 'k' } } }).success, false);
    assert.equal(coapConfigSchema.safeParse({ uplink: { url: 'coaps://h', psk: { identity: 'i', keyUtf8: 'k', keyHex: '00' } } }).success, false);
    const ok = coapConfigSchema.parse({ uplink: { url: 'coaps://h', psk: { identity: 'i', keyEnv: 'PLANT_COAP_PSK' } } });
    assert.equal(ok.uplink?.ackTimeoutMs, 2000);
    assert.equal(ok.uplink?.maxRetransmit, 4);
    assert.equal(ok.uplink?.concurrency, 1);
  });

  it('names the field of a bad URL or path template', () => {
    const bad = coapConfigSchema.safeParse({ uplink: { url: 'http://h', pathTemplate: 'x/{asset}' } });
    assert.equal(bad.success, false);
    const paths = bad.error?.issues.map((i) => i.path.join('.')) ?? [];
    assert.ok(paths.includes('uplink.url') && paths.includes('uplink.pathTemplate'), paths.join(','));
  });
});
