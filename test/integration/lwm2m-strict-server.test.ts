// The LwM2M client against a strict in-repo LwM2M 1.1 server double (test/fixtures/lwm2m-strict-server.ts), for
// what lwm2m-node-lib cannot do: SenML-JSON reads, client-initiated bootstrap, scripted refusals, bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { startStrictServer, type StrictServer } from '../fixtures/lwm2m-strict-server.js';
import { waitFor } from '../fixtures/wait-for.js';
import { sample, startClient, TEMP, type ClientUnderTest } from './lwm2m-helpers.js';

describe('LwM2M client against a strict LwM2M 1.1 server double', () => {
  let server: StrictServer;
  let c: ClientUnderTest;

  before(async () => {
    server = await startStrictServer();
    server.refuseRegister.push('4.03');
    c = await startClient({ serverUri: server.uri, endpoint: 'pb-strict', allowRemoteReboot: true });
    c.client.publish(sample(TEMP, 80.25));
  });
  after(async () => {
    await c?.cleanup();
    await server?.close();
  });

  it('backs off after a Register refused with 4.03 (shown as the uplink error), then registers', async () => {
    await waitFor('registration', () => (server.registrations.length > 0 ? true : undefined), 10_000);
    assert.equal(server.registrations[0]?.ep, 'pb-strict');
    assert.equal(server.registrations[0]?.lt, 60);
    assert.ok((c.client.status().retried ?? 0) >= 1);
    assert.ok(c.client.status().failed >= 1);
    assert.ok(c.log.lines.some((l) => /refused Register with 4\.03/.test(l)), 'the refusal was reported');
    await waitFor('connected', () => (c.client.status().state === 'connected' ? true : undefined), 5_000);
    assert.deepEqual(server.violations, []);
  });

  it('answers Reads with Accept SenML-JSON at object, instance and resource level', async () => {
    const device = await server.request('GET', '/3/0', { accept: 110 });
    assert.equal(device.code, '2.05');
    const records = JSON.parse(device.payload) as { bn?: string; n: string; vs?: string }[];
    assert.equal(records[0]?.bn, '/3/0/');
    assert.equal(records.find((r) => r.n === '0')?.vs, 'PlantBridge');
    const temp = await server.request('GET', '/3303/0/5700', { accept: 110 });
    assert.deepEqual(JSON.parse(temp.payload), [{ bn: '/3303/0/', n: '5700', v: 80.25 }]);
    const object = await server.request('GET', '/3303', { accept: 110 });
    assert.match(object.payload, /"n":"0\/5750","vs":"demo-site\/utilities\/pump-101\/bearing-temperature"/);
    assert.deepEqual(server.violations, []);
  });

  it('answers 4.06 for TLV, 4.15 for a TLV Write and 4.04 for an unknown object, counting each refusal', async () => {
    const before = c.client.details().rejected;
    assert.equal((await server.request('GET', '/3/0', { accept: 11542 })).code, '4.06');
    assert.equal((await server.request('PUT', '/3/0/13', { contentFormat: 11542, payload: 'x' })).code, '4.15');
    assert.equal((await server.request('GET', '/9999/0')).code, '4.04');
    assert.equal((await server.request('PUT', '/1/0', { contentFormat: 110, payload: '[{"bn":"/1/0/","n":"1"' })).code, '4.00');
    assert.equal(c.client.details().rejected, before + 4);
    assert.equal(c.client.status().rejected, c.client.details().rejected + c.client.details().garbage);
  });

  it('sends the new lifetime in the next Update after a SenML Write of /1/0/1', async () => {
    const w = await server.request('PUT', '/1/0', { contentFormat: 110, payload: '[{"bn":"/1/0/","n":"1","v":120}]' });
    assert.equal(w.code, '2.04');
    await waitFor('Update with lt=120', () => (server.updates.some((u) => u.includes('lt=120')) ? true : undefined), 5_000);
  });

  it('registers again when an Update gets 5.00 instead of giving up', async () => {
    const registrations = server.registrations.length;
    server.refuseUpdate.push('5.00');
    assert.equal((await server.request('POST', '/1/0/8')).code, '2.04', 'Registration Update Trigger');
    await waitFor('re-registration', () => (server.registrations.length > registrations ? true : undefined), 10_000);
  });

  it('refuses requests from another host than its server', async () => {
    const reply = await server.request('GET', '/3/0/0', { fromHost: '127.0.0.2' });
    assert.equal(reply.code, '4.03');
  });

  it('counts garbage datagrams and keeps answering', async () => {
    const port = c.client.details().localPort ?? 0;
    const sock = createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const junk = [Buffer.from([0xff, 0xff]), Buffer.from('hello world'), Buffer.alloc(300, 0xaa), Buffer.from([0x48, 0x01, 0, 1])];
    for (const j of junk) await new Promise<void>((r) => sock.send(j, port, '127.0.0.1', () => r()));
    await new Promise<void>((r) => sock.close(() => r()));
    await waitFor('garbage counted', () => (c.client.details().garbage >= 3 ? true : undefined), 5_000);
    assert.equal((await server.request('GET', '/3/0/0')).payload, 'PlantBridge');
  });

  it('executes Reboot when the local policy allows it: the restart hook is called', async () => {
    assert.equal((await server.request('POST', '/3/0/4')).code, '2.04');
    await waitFor('restart requested', () => (c.restarts === 1 ? true : undefined), 5_000);
  });
});

describe('LwM2M client-initiated bootstrap against the strict double', () => {
  let bs: StrictServer;
  let dm: StrictServer;
  let c: ClientUnderTest;

  before(async () => {
    bs = await startStrictServer();
    dm = await startStrictServer();
    bs.bootstrapScript.push(
      { method: 'DELETE', path: '/' },
      { method: 'PUT', path: '/0/1', contentFormat: 110, body: JSON.stringify([{ bn: '/0/1/', n: '0', vs: dm.uri }, { n: '1', vb: false }, { n: '2', v: 3 }, { n: '3', vd: 'aWRlbnRpdHk' }, { n: '5', vd: 'dG9wLXNlY3JldC1wc2s' }, { n: '10', v: 5 }]) },
      { method: 'PUT', path: '/1/0', contentFormat: 110, body: JSON.stringify([{ bn: '/1/0/', n: '0', v: 5 }, { n: '1', v: 45 }, { n: '7', vs: 'U' }]) },
      { method: 'PUT', path: '/3/0', contentFormat: 110, body: JSON.stringify([{ bn: '/3/0/', n: '0', vs: 'evil' }]) },
      { method: 'POST', path: '/bs' },
    );
    c = await startClient({ bootstrapUri: bs.uri, endpoint: 'pb-bootstrap' });
  });
  after(async () => {
    await c?.cleanup();
    await bs?.close();
    await dm?.close();
  });

  it('takes /0 and /1 from the bootstrap server, refuses other writes, and registers with the server it was given', async () => {
    await waitFor('registration at the bootstrapped server', () => (dm.registrations.length > 0 ? true : undefined), 15_000);
    assert.deepEqual(bs.bootstrapReplies, ['DELETE / 2.02', 'PUT /0/1 2.04', 'PUT /1/0 2.04', 'PUT /3/0 4.05', 'POST /bs 2.04']);
    assert.equal(dm.registrations[0]?.ep, 'pb-bootstrap');
    assert.equal(dm.registrations[0]?.lt, 45);
    assert.equal(c.client.status().url, dm.uri);
  });

  it('keeps the bootstrapped account encrypted in the data dir and never logs the secret', async () => {
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const stored = await readFile(join(c.dataDir, 'lwm2m', 'bootstrap.enc'), 'utf8');
    assert.doesNotMatch(stored, /dG9wLXNlY3JldC1wc2s|top-secret|127\.0\.0\.1/);
    assert.ok(!c.log.lines.some((l) => /top-secret|dG9wLXNlY3JldC1wc2s/.test(l)));
  });
});
