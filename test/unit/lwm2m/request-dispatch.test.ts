// What the client answers to every kind of server request, including the bad ones: 4.00/4.04/4.05/4.06/4.15,
// with nothing changed by a refused Write.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeStore } from '../../../src-main/domain/lwm2m/attributes.js';
import { deviceObject, errorCodesFor, serverObject, type ServerSettings } from '../../../src-main/domain/lwm2m/device-objects.js';
import { mapTags, tagObjects, type TagValueSource } from '../../../src-main/domain/lwm2m/ipso-objects.js';
import { fail, OK, type Outcome } from '../../../src-main/domain/lwm2m/model.js';
import { ObjectTree } from '../../../src-main/domain/lwm2m/object-tree.js';
import { RequestDispatcher, type LwRequest } from '../../../src-main/domain/lwm2m/request-dispatch.js';
import { makeTag } from '../../fixtures/tags.js';

const TEMP = 's/a/pump/temp';
const SP = 's/a/pump/sp';

function setup(opts: { writeOutcome?: Outcome; allowWrites?: boolean } = {}) {
  const settings: ServerSettings = { shortServerId: 1, lifetimeSec: 60, defaultPmin: 0, defaultPmax: 0, notificationStoring: false, binding: 'U' };
  const calls = { lifetime: [] as number[], writes: [] as [string, number][], reboots: 0 };
  const values = new Map<string, number>([[TEMP, 71.5], [SP, 40]]);
  const src: TagValueSource = {
    value: (t) => values.get(t) ?? null,
    min: () => 1,
    max: () => 99,
    resetMinMax: () => undefined,
    write: async (t, v) => {
      calls.writes.push([t, v]);
      return opts.writeOutcome ?? OK;
    },
  };
  const tags = [makeTag({ id: TEMP, unit: 'degC', euRange: { low: 0, high: 120 } }), makeTag({ id: SP, unit: '%', writable: true })];
  const { mapped } = mapTags(tags, null, 10);
  const objects = [
    serverObject({ settings, onLifetime: (s) => calls.lifetime.push(s), onUpdateTrigger: () => undefined }),
    deviceObject({
      manufacturer: 'PlantBridge', model: 'm', serial: 'PB-1', firmwareVersion: '0.1.0',
      errorCodes: () => errorCodesFor(['plantbridge/system/uplink/mqtt-json/down']), now: () => 1_700_000_000_000,
      setTime: () => OK, reboot: () => (calls.reboots += 1, fail('4.05', 'remote reboot is disabled')),
    }),
    ...tagObjects(mapped, src, opts.allowWrites ?? true),
  ];
  const attributes = new AttributeStore(() => ({}));
  return { d: new RequestDispatcher(new ObjectTree(() => objects), attributes), settings, calls, attributes };
}

const req = (method: LwRequest['method'], path: string, extra: Partial<LwRequest> = {}): LwRequest => ({
  method, path, query: '', contentFormat: null, accept: null, payload: new Uint8Array(), ...extra,
});
const text = (s: string) => new TextEncoder().encode(s);

describe('LwM2M request dispatch', () => {
  it('reads a single resource as plain text by default and as SenML-JSON on request', async () => {
    const { d } = setup();
    assert.deepEqual(await d.handle(req('GET', '/3303/0/5700')), { code: '2.05', contentFormat: 0, payload: '71.5', numeric: 71.5 });
    const senml = await d.handle(req('GET', '/3303/0/5700', { accept: 110 }));
    assert.equal(senml.code, '2.05');
    assert.deepEqual(JSON.parse(senml.payload ?? ''), [{ bn: '/3303/0/', n: '5700', v: 71.5 }]);
  });

  it('reads an instance as SenML-JSON with every readable resource and multi-instance error codes', async () => {
    const { d } = setup();
    const r = await d.handle(req('GET', '/3/0'));
    assert.equal(r.contentFormat, 110);
    const records = JSON.parse(r.payload ?? '') as { n: string }[];
    assert.deepEqual(records.map((x) => x.n), ['0', '1', '2', '3', '11/0', '13', '16']);
    assert.match(r.payload ?? '', /"n":"11\/0","v":7/);
  });

  it('maps temperatures to 3303 and other units to 3300, with units, range and the tag id', async () => {
    const { d } = setup();
    assert.equal((await d.handle(req('GET', '/3303/0/5750'))).payload, TEMP);
    assert.equal((await d.handle(req('GET', '/3303/0/5604'))).payload, '120');
    assert.equal((await d.handle(req('GET', '/3300/0/5750'))).payload, SP);
  });

  it('refuses what a server can get wrong with the LwM2M codes', async () => {
    const { d } = setup();
    const cases: [LwRequest, string][] = [
      [req('GET', '/9999/0'), '4.04'],
      [req('GET', '/3/7'), '4.04'],
      [req('GET', '/3/0/99'), '4.04'],
      [req('GET', '/3/x/1'), '4.00'],
      [req('GET', '/3/0/0/0/0'), '4.00'],
      [req('GET', '/0/0'), '4.01'],
      [req('GET', '/3/0/4'), '4.05'],
      [req('GET', '/3/0', { accept: 0 }), '4.06'],
      [req('GET', '/3/0/0', { accept: 11542 }), '4.06'],
      [req('GET', '/3/0/0', { accept: 112 }), '4.06'],
      [req('PUT', '/3/0/0', { contentFormat: 0, payload: text('Acme') }), '4.05'],
      [req('PUT', '/3/0/13', { contentFormat: 11542, payload: text('x') }), '4.15'],
      [req('PUT', '/3/0/13', { contentFormat: 1541, payload: text('1') }), '4.15'],
      [req('PUT', '/3/0/13', { contentFormat: 0, payload: text('soon') }), '4.00'],
      [req('PUT', '/3/0', { contentFormat: 110, payload: text('{broken') }), '4.00'],
      [req('PUT', '/3', { contentFormat: 110, payload: text('[]') }), '4.05'],
      [req('POST', '/3/0/0'), '4.05'],
      [req('POST', '/3'), '4.05'],
      [req('DELETE', '/3/0'), '4.05'],
      [req('PUT', '/3/0/0', { query: 'pmin=abc' }), '4.00'],
      [req('PUT', '/3/0/0', { query: 'gt=5' }), '4.00'],
      [req('PUT', '/3303/0/5700', { query: 'pmin=10&pmax=5' }), '4.00'],
      [req('PUT', '/3303/0/5700', { query: 'foo=1' }), '4.00'],
    ];
    for (const [r, code] of cases) {
      const out = await d.handle(r);
      assert.equal(out.code, code, `${r.method} ${r.path} ${r.query} cf=${r.contentFormat} accept=${r.accept}: ${out.reason ?? ''}`);
      assert.ok(out.reason && out.reason.length > 0, 'a refusal says why');
    }
  });

  it('checks every SenML record before applying any: a bad record leaves the lifetime unchanged', async () => {
    const { d, settings, calls } = setup();
    const bad = text('[{"bn":"/1/0/","n":"1","v":120},{"n":"0","v":5}]');
    assert.equal((await d.handle(req('POST', '/1/0', { contentFormat: 110, payload: bad }))).code, '4.05');
    const wrongType = text('[{"bn":"/1/0/","n":"1","vs":"120"}]');
    assert.equal((await d.handle(req('POST', '/1/0', { contentFormat: 110, payload: wrongType }))).code, '4.00');
    assert.equal(settings.lifetimeSec, 60);
    assert.deepEqual(calls.lifetime, []);
    const good = text('[{"bn":"/1/0/","n":"1","v":120}]');
    assert.equal((await d.handle(req('POST', '/1/0', { contentFormat: 110, payload: good }))).code, '2.04');
    assert.equal(settings.lifetimeSec, 120);
    assert.deepEqual(calls.lifetime, [120]);
  });

  it('forwards a 5700 write of a writable tag and passes on the gate refusal', async () => {
    const ok = setup();
    assert.equal((await ok.d.handle(req('PUT', '/3300/0/5700', { contentFormat: 0, payload: text('55') }))).code, '2.04');
    assert.deepEqual(ok.calls.writes, [[SP, 55]]);
    assert.equal((await ok.d.handle(req('PUT', '/3303/0/5700', { contentFormat: 0, payload: text('1') }))).code, '4.05', 'not writable');
    const refused = setup({ writeOutcome: fail('4.00', 'BadOutOfRange: above 100') });
    const out = await refused.d.handle(req('PUT', '/3300/0/5700', { contentFormat: 0, payload: text('500') }));
    assert.equal(out.code, '4.00');
    assert.match(out.reason ?? '', /BadOutOfRange/);
    const off = setup({ allowWrites: false });
    assert.equal((await off.d.handle(req('PUT', '/3300/0/5700', { contentFormat: 0, payload: text('55') }))).code, '4.05');
    assert.deepEqual(off.calls.writes, []);
  });

  it('executes only executable resources, and Reboot answers what the policy says', async () => {
    const { d, calls } = setup();
    assert.equal((await d.handle(req('POST', '/3/0/4'))).code, '4.05');
    assert.equal(calls.reboots, 1);
    assert.equal((await d.handle(req('POST', '/3303/0/5605'))).code, '2.04');
  });

  it('stores Write-Attributes per level and shows them in Discover', async () => {
    const { d, attributes } = setup();
    assert.equal((await d.handle(req('PUT', '/3303/0/5700', { query: 'pmin=2&pmax=20&st=0.5' }))).code, '2.04');
    assert.equal((await d.handle(req('PUT', '/3303', { query: 'pmax=60' }))).code, '2.04');
    assert.deepEqual(attributes.effective({ objectId: 3303, instanceId: 0, resourceId: 5700 }), { pmax: 20, pmin: 2, st: 0.5 });
    const disc = await d.handle(req('GET', '/3303/0/5700', { accept: 40 }));
    assert.equal(disc.payload, '</3303/0/5700>;pmin=2;pmax=20;st=0.5');
    assert.equal((await d.handle(req('PUT', '/3303/0/5700', { query: 'pmin' }))).code, '2.04');
    assert.deepEqual(attributes.at({ objectId: 3303, instanceId: 0, resourceId: 5700 }), { pmax: 20, st: 0.5 });
  });
});
