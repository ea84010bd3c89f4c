// The local CoAP server exposing tags, driven by libcoap's coap-client (an independent implementation): GET as
// JSON or text by Accept, 4.04/4.05/4.06/4.13, /.well-known/core with rt/ct/obs and Block2 for a big listing,
// Observe (initial value, then one notification per change), the observer cap (5.03) and garbage datagrams.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { CoapTagServer } from '../../src-main/adapters/coap/coap-tag-server.js';
import type { TagSample } from '../../src-main/contract/index.js';
import { coapClient } from '../fixtures/coap-server.js';
import { makeTag } from '../fixtures/tags.js';
import { waitFor } from '../fixtures/wait-for.js';
import { recordingLog } from '../unit/coap/coap-uplink-kit.js';

const TEMP = 'plant/area1/pump1/temp';
const values = new Map<string, TagSample>();
const set = (tagId: string, value: number) => values.set(tagId, { tagId, ts: Date.now(), value, quality: 'good' });

describe('local CoAP server for tags', () => {
  let server: CoapTagServer;
  let url = '';
  before(async () => {
    server = new CoapTagServer({ bind: '127.0.0.1', port: 0, maxObservers: 2, maxBodyBytes: 1024, current: (id) => values.get(id), log: recordingLog() });
    await server.start();
    url = server.url;
    const tags = [makeTag({ id: TEMP, unit: '°C', description: 'Pump 1 bearing "temperature"' })];
    for (let i = 0; i < 150; i++) tags.push(makeTag({ id: `plant/area2/line${i}/speed` }));
    server.setTags(tags);
    set(TEMP, 42.5);
  });
  after(() => server.stop());

  it('answers GET with the current value as JSON, or as text when asked', async () => {
    const json = await coapClient(['-B', '3', '-m', 'get', `${url}/tags/${TEMP}`]);
    const body = JSON.parse(json.stdout) as { v: number; q: string; ts: number };
    assert.equal(body.v, 42.5);
    assert.equal(body.q, 'good');
    const text = await coapClient(['-B', '3', '-A', '0', '-m', 'get', `${url}/tags/${TEMP}`]);
    assert.equal(text.stdout.trim(), '42.5');
  });

  it('answers 4.04 for an unknown path, 4.05 for writes and 4.06 for an unsupported Accept', async () => {
    assert.match((await coapClient(['-B', '3', '-m', 'get', `${url}/tags/plant/x/y/z`])).stderr, /4\.04/);
    assert.match((await coapClient(['-B', '3', '-m', 'put', '-e', '1', `${url}/tags/${TEMP}`])).stderr, /4\.05/);
    assert.match((await coapClient(['-B', '3', '-m', 'delete', `${url}/tags/${TEMP}`])).stderr, /4\.05/);
    assert.match((await coapClient(['-B', '3', '-A', '60', '-m', 'get', `${url}/tags/${TEMP}`])).stderr, /4\.06/);
  });

  it('answers 4.13 to a 2 KiB request body', async () => {
    const out = await coapClient(['-B', '3', '-m', 'put', '-e', 'x'.repeat(2048), `${url}/tags/${TEMP}`]);
    assert.match(out.stderr, /4\.13/);
  });

  it('lists every tag in /.well-known/core with rt, ct, obs, title and unit, block-wise', async () => {
    const out = await coapClient(['-B', '5', '-m', 'get', `${url}/.well-known/core`]);
    const listing = out.stdout.trim();
    assert.ok(listing.includes(`</tags/${TEMP}>;rt="plantbridge.tag";ct=50;obs;title="Pump 1 bearing \\"temperature\\"";unit="°C"`), listing.slice(0, 300));
    assert.equal(listing.split(',</').length, 151, 'every tag listed');
    assert.ok(Buffer.byteLength(listing) > 4096, 'larger than one datagram');
    const verbose = await coapClient(['-B', '5', '-v', '6', '-m', 'get', `${url}/.well-known/core`]);
    assert.match(verbose.stdout + verbose.stderr, /Block2:1\/M\/1024/, 'transferred with Block2');
  });

  it('sends the current value on Observe registration, then one notification per change', { timeout: 30_000 }, async () => {
    const client = spawn('coap-client-notls', ['-B', '6', '-s', '5', '-m', 'get', `${url}/tags/${TEMP}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    client.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => client.once('exit', () => resolve()));
    try {
      await waitFor('initial value', () => (out.includes('42.5') ? true : undefined), 10_000);
      for (const v of [43, 44, 45]) {
        set(TEMP, v);
        server.update({ samples: [values.get(TEMP) as TagSample] });
        await waitFor(`notification ${v}`, () => (out.includes(`"v":${v},`) ? true : undefined), 10_000);
      }
      assert.equal(server.status().observers, 1);
      const bodies = out.match(/\{"v":[^}]*\}/g) ?? [];
      assert.deepEqual(bodies.map((b) => (JSON.parse(b) as { v: number }).v), [42.5, 43, 44, 45]);
    } finally {
      client.kill();
      await exited;
    }
  });

  it('refuses observers over the cap with 5.03 and keeps serving the others', { timeout: 30_000 }, async () => {
    await waitFor('earlier observers gone', () => {
      set(TEMP, 46);
      server.update({ samples: [values.get(TEMP) as TagSample] });
      return server.status().observers === 0 ? true : undefined;
    }, 20_000).catch(() => undefined);
    const before = server.status().observers;
    const clients = Array.from({ length: 3 - before }, () => spawn('coap-client-notls', ['-B', '4', '-s', '3', '-m', 'get', `${url}/tags/${TEMP}`], { stdio: ['ignore', 'pipe', 'pipe'] }));
    const outputs = clients.map((c) => {
      let text = '';
      c.stdout.on('data', (d: Buffer) => (text += d.toString()));
      c.stderr.on('data', (d: Buffer) => (text += d.toString()));
      return { text: () => text, exited: new Promise<void>((resolve) => c.once('exit', () => resolve())) };
    });
    try {
      await waitFor('every client answered', () => (outputs.every((o) => /5\.03|"v":/.test(o.text())) ? true : undefined), 15_000);
      const refused = outputs.filter((o) => /5\.03/.test(o.text())).length;
      assert.equal(refused, 1, outputs.map((o) => o.text()).join(' | '));
      assert.equal(server.status().observers, 2);
      assert.ok(server.status().rejected > 0);
    } finally {
      for (const c of clients) c.kill();
      await Promise.all(outputs.map((o) => o.exited));
    }
  });

  it('ignores 1,000 garbage datagrams without crashing and keeps answering', async () => {
    const sock = createSocket('udp4');
    const port = Number(new URL(url.replace('coap:', 'http:')).port);
    const garbageBefore = server.status().garbage;
    // Every datagram is malformed: wrong version, shorter than a header, token length over 8, reserved option nibble.
    const shapes = [
      (i: number) => Buffer.from([(i & 0x3f) | 0x80, 1, 2, 3, 4]),
      (i: number) => Buffer.from([0x40 | (i & 3)]),
      (i: number) => Buffer.from([0x49 + (i % 7), 1, 0, i & 0xff, 1, 2, 3]),
      (i: number) => Buffer.from([0x40, 0x01, 0, i & 0xff, 0xf0, 0xaa]),
    ];
    for (let i = 0; i < 1000; i++) {
      const junk = (shapes[i % shapes.length] as (i: number) => Buffer)(i);
      await new Promise<void>((resolve) => sock.send(junk, port, '127.0.0.1', () => resolve()));
      // Paced so the kernel's receive buffer (about 250 small datagrams) never overflows: each must be counted.
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    sock.close();
    await waitFor('garbage counted', () => (server.status().garbage - garbageBefore === 1000 ? true : undefined), 10_000).catch((err: Error) => assert.fail(`${err.message}: ${server.status().garbage - garbageBefore}`));
    const json = await coapClient(['-B', '3', '-m', 'get', `${url}/tags/${TEMP}`]);
    assert.ok(json.stdout.includes('"v":'), 'still answering');
  });
});
