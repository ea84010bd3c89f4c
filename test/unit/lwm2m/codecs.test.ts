// SenML-JSON, plain text, link format and path parsing of the LwM2M client.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSenml, encodeSenml } from '../../../src-main/domain/lwm2m/senml-json.js';
import { decodeText, encodeText } from '../../../src-main/domain/lwm2m/plain-text.js';
import { parsePath } from '../../../src-main/domain/lwm2m/model.js';
import { discoverLinks, registrationLinks } from '../../../src-main/domain/lwm2m/link-format.js';
import type { ObjectModel } from '../../../src-main/domain/lwm2m/model.js';

describe('LwM2M paths', () => {
  it('parses object, instance and resource levels', () => {
    assert.deepEqual(parsePath('/3'), { objectId: 3 });
    assert.deepEqual(parsePath('/3/0/13'), { objectId: 3, instanceId: 0, resourceId: 13 });
  });
  it('refuses malformed paths', () => {
    for (const bad of ['', '/', '/a', '/3/x', '/3/0/0/0/0', '/70000', '/3/-1', '/3/0/1e3']) assert.equal(parsePath(bad), null, bad);
  });
});

describe('SenML-JSON', () => {
  it('encodes records relative to a base name with the field of each type', () => {
    const text = encodeSenml('/3/0/', [
      { path: '/3/0/0', type: 'string', value: 'PlantBridge' },
      { path: '/3/0/11/0', type: 'integer', value: 0 },
      { path: '/3/0/13', type: 'time', value: 1700000000 },
      { path: '/1/0/6', type: 'boolean', value: true },
      { path: '/0/0/5', type: 'opaque', value: new Uint8Array([1, 2, 255]) },
    ]);
    assert.deepEqual(JSON.parse(text), [
      { bn: '/3/0/', n: '0', vs: 'PlantBridge' },
      { n: '11/0', v: 0 },
      { n: '13', v: 1700000000 },
      { n: '/1/0/6', vb: true },
      { n: '/0/0/5', vd: 'AQL_' },
    ]);
  });

  it('decodes names as bn + n, carrying bn forward', () => {
    const d = decodeSenml('[{"bn":"/1/0/","n":"1","v":120},{"n":"7","vs":"U"},{"n":"6","vb":false},{"bn":"/0/1/","n":"5","vd":"AQL_"}]');
    assert.ok(d.ok);
    assert.deepEqual(d.records.slice(0, 3), [
      { name: '/1/0/1', value: 120 },
      { name: '/1/0/7', value: 'U' },
      { name: '/1/0/6', value: false },
    ]);
    assert.deepEqual([...(d.records[3]?.value as Uint8Array)], [1, 2, 255]);
  });

  it('refuses malformed SenML with a reason', () => {
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      ['{}', /non-empty array/],
      ['[]', /non-empty array/],
      ['[1]', /not an object/],
      ['[{"n":"1","v":1}]', /./],
      ['[{"bn":"/3/0/","n":"1","v":1,"vs":"x"}]', /exactly one value/],
      ['[{"bn":"/3/0/","n":"1"}]', /exactly one value/],
      ['[{"bn":"/3/0/","n":"1","v":"1"}]', /does not match/],
      ['[{"bn":"/3/0/","n":"1","v":1,"x_":1}]', /must-understand/],
      ['[{"bn":5,"n":"1","v":1}]', /bn must be a string/],
    ];
    for (const [text, reason] of cases) {
      const d = decodeSenml(text);
      if (text === '[{"n":"1","v":1}]') {
        assert.ok(d.ok, 'a relative name alone is still a name');
        continue;
      }
      assert.equal(d.ok, false, text);
      if (!d.ok) assert.match(d.reason, reason, text);
    }
  });
});

describe('plain text', () => {
  it('encodes each resource type', () => {
    assert.equal(encodeText('boolean', true), '1');
    assert.equal(encodeText('integer', 42.9), '42');
    assert.equal(encodeText('float', 71.5), '71.5');
    assert.equal(encodeText('string', 'x'), 'x');
    assert.equal(encodeText('opaque', new Uint8Array()), null);
  });
  it('decodes and type-checks text', () => {
    assert.deepEqual(decodeText('integer', ' 120 '), { ok: true, value: 120 });
    assert.deepEqual(decodeText('float', '1.5e2'), { ok: true, value: 150 });
    assert.deepEqual(decodeText('boolean', '0'), { ok: true, value: false });
    for (const [type, text] of [['integer', '1.5'], ['integer', ''], ['float', 'abc'], ['float', ''], ['boolean', 'yes'], ['time', 'now']] as const) {
      assert.equal(decodeText(type, text).ok, false, `${type} ${text}`);
    }
  });
});

describe('link format', () => {
  const device: ObjectModel = {
    id: 3,
    version: '1.1',
    instances: () => [{ id: 0, resources: [{ id: 0, type: 'string', ops: 'R', read: () => 'x' }, { id: 11, type: 'integer', ops: 'R', multiple: true, read: () => [7, 8] }] }],
  };
  const security: ObjectModel = { id: 0, instances: () => [{ id: 0, resources: [] }] };
  const temp: ObjectModel = { id: 3303, instances: () => [{ id: 0, resources: [] }, { id: 1, resources: [] }] };

  it('lists every instance except Security in the registration payload', () => {
    assert.equal(registrationLinks([temp, security, device]), '</>;rt="oma.lwm2m";ct=110,</3/0>;ver=1.1,</3303/0>,</3303/1>');
  });
  it('answers Discover with dim and the attributes of each level', () => {
    const links = discoverLinks(device, { objectId: 3, instanceId: 0 }, (p) => (p.resourceId === 0 ? { pmin: 5 } : {}));
    assert.equal(links, '</3/0>,</3/0/0>;pmin=5,</3/0/11>;dim=2');
    assert.equal(discoverLinks(device, { objectId: 3 }, () => ({})), '</3>;ver=1.1,</3/0>,</3/0/0>,</3/0/11>;dim=2');
  });
});
