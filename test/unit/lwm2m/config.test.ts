// The `lwm2m` section of the project file: off by default, strict, clear errors naming the field.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultProject, parseProject } from '../../../src-main/host/config-load.js';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return String(err);
  }
  throw new Error('expected an error');
}

describe('lwm2m configuration', () => {
  it('is off by default with safe policies', () => {
    const l = defaultProject().lwm2m;
    assert.equal(l.enabled, false);
    assert.equal(l.allowRemoteReboot, false);
    assert.equal(l.allowTagWrites, false);
    assert.equal(l.lifetime, 300);
  });

  it('accepts a server URI and explicit IPSO mappings', () => {
    const p = parseProject({ lwm2m: { enabled: true, serverUri: 'coap://127.0.0.1:5783', objects: [{ tag: 'a/b/c/d', object: 3303 }] } }, 'p.json');
    assert.equal(p.lwm2m.serverUri, 'coap://127.0.0.1:5783');
    assert.deepEqual(p.lwm2m.objects, [{ tag: 'a/b/c/d', object: 3303 }]);
  });

  it('names the field of what is wrong', () => {
    assert.match(errorOf(() => parseProject({ lwm2m: { enabled: true } }, 'p.json')), /lwm2m\.serverUri.*serverUri or bootstrap\.url/s);
    assert.match(errorOf(() => parseProject({ lwm2m: { serverUri: 'coaps://h:5684' } }, 'p.json')), /lwm2m\.serverUri.*coaps\/DTLS is not supported/s);
    assert.match(errorOf(() => parseProject({ lwm2m: { lifetime: 1 } }, 'p.json')), /lwm2m\.lifetime/);
    assert.match(errorOf(() => parseProject({ lwm2m: { objects: [{ tag: 'x', object: 3303 }] } }, 'p.json')), /lwm2m\.objects/);
    assert.match(errorOf(() => parseProject({ lwm2m: { allowReboot: true } }, 'p.json')), /allowReboot/);
  });
});
