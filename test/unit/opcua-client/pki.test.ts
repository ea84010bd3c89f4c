import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  acquireCertificateManager,
  createCertificateManager,
  createTrustStores,
  describeCertificateFile,
  ensureOwnCertificate,
  listStore,
  ownCertificateFile,
  rejectedFolder,
  trustByThumbprint,
  trustCertificateFile,
  trustedCertsFolder,
} from '../../../src-main/adapters/opcua/pki.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pb-pki-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('pki', () => {
  it('creates certificate managers that never accept unknown certificates automatically', async () => {
    const root = tempDir();
    const manager = await createCertificateManager(root);
    try {
      assert.equal(manager.automaticallyAcceptUnknownCertificate, false);
      for (const sub of ['own', 'trusted/certs', 'trusted/crl', 'issuers/certs', 'issuers/crl', 'rejected']) {
        assert.ok(existsSync(path.join(root, sub)), `${sub} exists`);
      }
    } finally {
      await manager.dispose();
    }
  });

  it('shares one never-auto-accepting manager per PKI root among its users', async () => {
    const root = tempDir();
    const a = await acquireCertificateManager(root);
    const b = await acquireCertificateManager(root);
    try {
      assert.equal(a.manager, b.manager);
      assert.equal(a.manager.automaticallyAcceptUnknownCertificate, false);
    } finally {
      await a.release();
      await b.release();
    }
    const c = await acquireCertificateManager(root);
    assert.notEqual(c.manager, a.manager, 'a fresh manager once the last user released the old one');
    assert.equal(c.manager.automaticallyAcceptUnknownCertificate, false);
    await c.release();
  });

  it('rejects an unknown certificate into rejected/ and trusts it by thumbprint', async () => {
    const peerRoot = tempDir();
    const root = tempDir();
    const peer = await createCertificateManager(peerRoot);
    const manager = await createCertificateManager(root);
    try {
      const peerFile = await ensureOwnCertificate(peer, {
        applicationUri: 'urn:test:peer',
        applicationName: 'Peer',
        dns: ['localhost'],
      });
      assert.equal(peerFile, ownCertificateFile(peerRoot));
      const dto = describeCertificateFile(peerFile);
      assert.match(dto.thumbprint, /^[0-9a-f]{40}$/);
      assert.equal(dto.applicationUri, 'urn:test:peer');
      assert.match(dto.subject, /CN=Peer/);
      assert.ok(dto.notBefore < dto.notAfter);

      const der = (await import('node-opcua-crypto')).readCertificateChain(peerFile)[0];
      assert.ok(der);
      const verdict = await manager.checkCertificate(der);
      assert.equal(verdict.name, 'BadCertificateUntrusted');
      const before = await listStore(root);
      assert.deepEqual(before.rejected.map((c) => c.thumbprint), [dto.thumbprint]);
      assert.equal(before.trusted.length, 0);

      await trustByThumbprint(root, dto.thumbprint.toUpperCase());
      const afterTrust = await listStore(root);
      assert.equal(afterTrust.rejected.length, 0);
      assert.deepEqual(afterTrust.trusted.map((c) => c.thumbprint), [dto.thumbprint]);
      assert.ok(afterTrust.trusted[0]?.file.startsWith(trustedCertsFolder(root)));
      assert.equal((await manager.checkCertificate(der)).name, 'Good');
    } finally {
      await peer.dispose();
      await manager.dispose();
    }
  });

  it('explains which store to look in when the thumbprint is not among the rejected certificates', async () => {
    const root = tempDir();
    mkdirSync(rejectedFolder(root), { recursive: true });
    await assert.rejects(trustByThumbprint(root, 'a'.repeat(40)), /No rejected certificate with thumbprint a{40}/);
  });

  it('pre-trusts a certificate file and removes a rejected copy of it', async () => {
    const peerRoot = tempDir();
    const root = tempDir();
    const peer = await createCertificateManager(peerRoot);
    try {
      const file = await ensureOwnCertificate(peer, { applicationUri: 'urn:test:sim', applicationName: 'Sim', dns: ['localhost'] });
      mkdirSync(rejectedFolder(root), { recursive: true });
      copyFileSync(file, path.join(rejectedFolder(root), 'sim.pem'));
      const dto = await trustCertificateFile(root, file);
      const store = await listStore(root);
      assert.deepEqual(store.trusted.map((c) => c.thumbprint), [dto.thumbprint]);
      assert.equal(store.rejected.length, 0);
      // idempotent
      await trustCertificateFile(root, file);
      assert.equal((await listStore(root)).trusted.length, 1);
    } finally {
      await peer.dispose();
    }
  });

  it('lists both trust stores for the Connections page', async () => {
    const serverPki = tempDir();
    const clientPki = tempDir();
    const stores = createTrustStores({ serverPki, clientPki });
    const listed = await stores.list();
    assert.deepEqual(listed, { server: { trusted: [], rejected: [] }, client: { trusted: [], rejected: [] } });
    await assert.rejects(stores.trust('client', 'b'.repeat(40)), /No rejected certificate/);
  });
});
