// The LwM2M client against an independent server: the npm lwm2m-node-lib server (in-memory registry).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startNodeLibServer, type NodeLibServer } from '../fixtures/lwm2m-node-lib-server.js';
import { waitFor } from '../fixtures/wait-for.js';
import { PRESSURE, sample, startClient, TEMP, type ClientUnderTest } from './lwm2m-helpers.js';

const EP = 'plantbridge-test';

describe('LwM2M client against lwm2m-node-lib', () => {
  let server: NodeLibServer;
  let c: ClientUnderTest;

  before(async () => {
    server = await startNodeLibServer();
    c = await startClient({ serverUri: server.uri, endpoint: EP });
    c.client.publish(sample(TEMP, 71.5));
    c.client.publish(sample(PRESSURE, 4.25));
  });
  after(async () => {
    await c?.cleanup();
    await server?.stop();
  });

  it('registers and appears in the server registry with its object list', async () => {
    const device = await waitFor('registration', () => server.device(EP), 10_000);
    assert.equal(device.name, EP);
    assert.equal(device.lifetime, '60');
    const reg = server.registrations.at(-1);
    assert.ok(reg);
    assert.match(reg.payload, /<\/1\/0>/);
    assert.match(reg.payload, /<\/3\/0>/);
    assert.match(reg.payload, /<\/3303\/0>/);
    assert.match(reg.payload, /<\/3323\/0>/);
    assert.doesNotMatch(reg.payload, /<\/0\//, 'Security is never listed');
    assert.equal(c.client.status().state, 'connected');
  });

  it('answers Read of the Device object and of a tag value in plain text', async () => {
    assert.equal(await server.read(EP, '/3/0/0'), 'PlantBridge');
    assert.equal(await server.read(EP, '/3/0/3'), '0.1.0');
    assert.match(await server.read(EP, '/3/0/2'), /^PB-[0-9A-F]{8}$/);
    assert.equal(await server.read(EP, '/3303/0/5700'), '71.5');
    assert.equal(await server.read(EP, '/3303/0/5701'), 'degC');
    assert.equal(await server.read(EP, '/3303/0/5750'), TEMP);
  });

  it('answers 4.04 for an unknown object and 4.05 for Execute of a non-executable resource', async () => {
    await assert.rejects(server.read(EP, '/9999/0/0'), (err: { name?: string; code?: string }) => err.code === '4.04');
    await assert.rejects(server.execute(EP, '/3/0/0'), (err: { message?: string }) => /4\.05/.test(String(err.message)));
  });

  it('accepts a Write of the current time /3/0/13 and reports the written time', async () => {
    await server.write(EP, '/3/0/13', '1700000000');
    const reported = Number(await server.read(EP, '/3/0/13'));
    assert.ok(reported >= 1_700_000_000 && reported < 1_700_000_100, `reported ${reported}`);
    await assert.rejects(server.write(EP, '/3/0/13', 'yesterday'), (err: { message?: string }) => /4\.00/.test(String(err.message)));
    await assert.rejects(server.write(EP, '/3/0/0', 'Acme'), (err: { message?: string }) => /4\.05/.test(String(err.message)));
  });

  it('refuses Execute of Reboot /3/0/4 under the default policy', async () => {
    await assert.rejects(server.execute(EP, '/3/0/4'), (err: { message?: string }) => /4\.05/.test(String(err.message)));
    assert.equal(c.restarts, 0);
  });

  it('answers Discover with link-format and the attributes written', async () => {
    await server.writeAttributes(EP, '/3303/0/5700', { pmin: 1, pmax: 30 });
    const links = await server.discover(EP, '/3303/0/5700');
    assert.equal(links, '</3303/0/5700>;pmin=1;pmax=30');
    const instance = await server.discover(EP, '/3/0');
    assert.match(instance, /^<\/3\/0>,<\/3\/0\/0>,/);
    assert.match(instance, /<\/3\/0\/11>;dim=1/);
  });

  it('sends Observe notifications on changes, honouring pmin', async () => {
    await server.writeAttributes(EP, '/3323/0/5700', { pmin: 1, pmax: 60 });
    const seen: string[] = [];
    const first = await server.observe(EP, '/3323/0/5700', (v) => seen.push(v));
    assert.equal(first, '4.25');
    c.client.publish(sample(PRESSURE, 5.5));
    await waitFor('first notification', () => (seen.includes('5.5') ? true : undefined), 10_000);
    c.client.publish(sample(PRESSURE, 6.75));
    await waitFor('second notification', () => (seen.includes('6.75') ? true : undefined), 10_000);
    assert.deepEqual(seen.slice(0, 2), ['5.5', '6.75']);
    await server.cancelObservers();
  });

  it('keeps its registration with an Update round trip (test connection)', async () => {
    const updates = server.updates.length;
    const test = await c.client.test?.();
    assert.equal(test?.ok, true, test?.message);
    assert.equal(server.updates.length, updates + 1);
    assert.ok(await server.device(EP));
  });

  it('registers again after a server restart that forgot it after a server restart that forgot it', async () => {
    const before = server.registrations.length;
    await server.restart({ forget: true });
    // "Test connection" sends an Update; the restarted server answers 4.04, so the client registers again.
    const test = await c.client.test?.();
    assert.equal(test?.ok, false);
    assert.match(test?.message ?? '', /4\.04/);
    await waitFor('re-registration', () => (server.registrations.length > before ? true : undefined), 15_000);
    await waitFor('registry entry', () => server.device(EP), 5_000);
    await waitFor('connected', () => (c.client.status().state === 'connected' ? true : undefined), 5_000);
  });

  it('de-registers on stop', async () => {
    await c.client.stop();
    await waitFor('unregistration', () => (server.unregistrations.includes(EP) ? true : undefined), 5_000);
    assert.equal(await server.device(EP), undefined);
  });
});
