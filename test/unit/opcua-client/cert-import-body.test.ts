// What the certificate import accepts: PEM or base64 DER certificates and CRLs; anything else is a 400 naming `body`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readCertificateChain } from 'node-opcua-crypto';
import { CertificateStoreError, decodeBody, importInto, listTrustStore } from '../../../src-main/adapters/opcua/cert-store-ops.js';
import { createCertificateManager, ensureOwnCertificate, thumbprintOf } from '../../../src-main/adapters/opcua/pki.js';

describe('certificate import body', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pb-cert-import-'));
  let pem = '';
  let der: Buffer = Buffer.alloc(0);
  before(async () => {
    const manager = await createCertificateManager(path.join(dir, 'peer'));
    const file = await ensureOwnCertificate(manager, { applicationUri: 'urn:test:peer', applicationName: 'Peer', dns: ['localhost'] });
    await manager.dispose();
    pem = readFileSync(file, 'utf8');
    der = readCertificateChain(file)[0] as Buffer;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a PEM certificate and the same certificate as base64 DER', () => {
    assert.deepEqual(decodeBody(pem), { der, kind: 'certificate' });
    assert.deepEqual(decodeBody(der.toString('base64')), { der, kind: 'certificate' });
  });

  it('refuses a private key by name, and text that is neither PEM nor base64', () => {
    assert.throws(() => decodeBody('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'), (e: unknown) => e instanceof CertificateStoreError && e.status === 400 && /PRIVATE KEY/.test(e.message));
    assert.throws(() => decodeBody('not a certificate!'), /body: neither PEM text nor base64/);
    assert.throws(() => decodeBody(Buffer.from('garbage bytes').toString('base64')), /body: not a certificate or CRL/);
  });

  it('imports into issuers/ and lists it there with its details', async () => {
    const root = path.join(dir, 'store');
    const done = await importInto(root, 'issuers', pem);
    assert.equal(done.thumbprint, thumbprintOf(der));
    const listed = await listTrustStore(root, Date.now());
    assert.equal(listed.issuers?.[0]?.thumbprint, thumbprintOf(der));
    assert.deepEqual(listed.issuers?.[0]?.dns, ['localhost']);
    assert.equal(listed.issuers?.[0]?.keyLength, 2048);
    assert.equal(listed.trusted.length, 0);
  });
});
