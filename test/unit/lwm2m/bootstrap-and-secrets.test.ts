// Client-initiated bootstrap as the client sees it (Delete, Write of /0 and /1, Bootstrap-Finish), and the
// encrypted store the bootstrapped account is kept in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapSession } from '../../../src-main/domain/lwm2m/bootstrap-session.js';
import type { LwRequest } from '../../../src-main/domain/lwm2m/request-dispatch.js';
import { SecretStore } from '../../../src-main/adapters/lwm2m/secret-store.js';

const put = (path: string, body: unknown, contentFormat = 110): LwRequest => ({
  method: 'PUT', path, query: '', contentFormat, accept: null, payload: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
});
const bare = (method: LwRequest['method'], path: string): LwRequest => ({ method, path, query: '', contentFormat: null, accept: null, payload: new Uint8Array() });

describe('LwM2M bootstrap session', () => {
  it('accepts Delete and Writes of /0 and /1, then finishes with the server account', () => {
    const s = new BootstrapSession();
    assert.equal(s.handle(bare('DELETE', '/')).code, '2.02');
    assert.equal(s.handle(put('/0/1', [{ bn: '/0/1/', n: '0', vs: 'coap://127.0.0.1:5783' }, { n: '1', vb: false }, { n: '2', v: 3 }, { n: '10', v: 7 }, { n: '5', vd: 'c2VjcmV0' }])).code, '2.04');
    assert.equal(s.handle(put('/1/0', [{ bn: '/1/0/', n: '0', v: 7 }, { n: '1', v: 120 }, { n: '7', vs: 'U' }])).code, '2.04');
    assert.equal(s.finished, null);
    assert.equal(s.handle(bare('POST', '/bs')).code, '2.04');
    assert.deepEqual(s.finished, {
      serverUri: 'coap://127.0.0.1:5783', shortServerId: 7, lifetimeSec: 120, binding: 'U', securityMode: 3, pskIdentity: null, pskKey: 'c2VjcmV0',
    });
  });

  it('refuses writes outside /0 and /1, bad payloads, and a Finish without a usable account', () => {
    const s = new BootstrapSession();
    assert.equal(s.handle(put('/3/0', [{ bn: '/3/0/', n: '0', vs: 'x' }])).code, '4.05');
    assert.equal(s.handle(put('/0/1', 'not json')).code, '4.00');
    assert.equal(s.handle(put('/0/1', [{ bn: '/1/0/', n: '0', v: 1 }])).code, '4.00', 'record outside the target');
    assert.equal(s.handle(put('/0/1', [{ bn: '/0/1/', n: '10', vs: 'seven' }])).code, '4.00', 'wrong type');
    assert.equal(s.handle(put('/0/1/0', 'x', 11542)).code, '4.15');
    assert.equal(s.handle(bare('POST', '/bs')).code, '4.06');
    s.handle(put('/0/1', [{ bn: '/0/1/', n: '0', vs: 'coaps://example.org' }, { n: '1', vb: false }, { n: '10', v: 1 }]));
    s.handle(put('/1/0', [{ bn: '/1/0/', n: '0', v: 1 }]));
    const out = s.handle(bare('POST', '/bs'));
    assert.equal(out.code, '4.06');
    assert.match(out.reason ?? '', /coaps is not supported/);
  });
});

describe('LwM2M secret store', () => {
  it('encrypts at rest with a 0600 key file and reads back; a tampered file is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-lwm2m-secrets-'));
    try {
      const store = new SecretStore(dir);
      await store.save('bootstrap', { serverUri: 'coap://h', pskKey: 'c2VjcmV0LWtleQ==' });
      const raw = await readFile(join(dir, 'lwm2m', 'bootstrap.enc'), 'utf8');
      assert.doesNotMatch(raw, /coap:\/\/h|c2VjcmV0/);
      assert.equal((await stat(join(dir, 'lwm2m', 'secret.key'))).mode & 0o777, 0o600);
      assert.deepEqual(await new SecretStore(dir).load('bootstrap'), { serverUri: 'coap://h', pskKey: 'c2VjcmV0LWtleQ==' });
      const doc = JSON.parse(raw) as { data: string };
      const bytes = Buffer.from(doc.data, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      await writeFile(join(dir, 'lwm2m', 'bootstrap.enc'), JSON.stringify({ ...doc, data: bytes.toString('base64') }));
      await assert.rejects(store.load('bootstrap'));
      assert.equal(await store.load('absent'), null);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps one serial per data dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-lwm2m-serial-'));
    try {
      const a = await new SecretStore(dir).serial();
      assert.match(a, /^PB-[0-9A-F]{8}$/);
      assert.equal(await new SecretStore(dir).serial(), a);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
