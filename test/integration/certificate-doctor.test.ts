// The certificate doctor end to end (issue 6 §2): the real app in-process over real HTTP, a secured node-opcua test
// server as a plant server and real node-opcua clients as peers of the bridge server. Certificates are refused
// with their reason, trusted through the API, and the connection then works without a restart; every decision
// leaves an audit row.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttributeIds, OPCUAClient } from 'node-opcua';
import { readCertificateChain, split_der } from 'node-opcua-crypto';
import { hashPassword } from '../../src-main/adapters/auth/password-hash.js';
import { createCertificateManager, makeOwnCertificate, ownCertificateFile, thumbprintOf, trustCertificateFile } from '../../src-main/adapters/opcua/pki.js';
import type { CertificateDto, CertificateStoresDto, CommandLogEntry, ConnectionsDto } from '../../src-main/contract/index.js';
import { startApp, type RunningApp } from '../../src-main/host/app.js';
import { configSchema } from '../../src-main/host/config-schema.js';
import { freePort, startTestServer, type TestServer } from '../fixtures/opcua-test-server.js';
import { makeClient, quietLog, tempDir, withSession, type Peer } from '../fixtures/opcua-peer.js';
import { waitFor } from '../fixtures/wait-for.js';

const PASSWORD = 'doctor secret 42';
const AUTH = `Basic ${Buffer.from(`eng:${PASSWORD}`).toString('base64')}`;
const DAY = 86_400_000;

/** A client application whose own certificate starts at `startDate` and lasts `validityDays`. */
async function peerWithValidity(pkiDir: string, name: string, startDate: Date, validityDays: number): Promise<Peer> {
  const manager = await createCertificateManager(pkiDir);
  const applicationUri = `urn:plantbridge-test:${name}`;
  const certificateFile = await makeOwnCertificate(
    manager,
    { applicationUri, applicationName: name, dns: ['localhost'], startDate, validityDays },
    { replace: true },
  );
  return { pkiDir, manager, certificateFile, name, applicationUri, close: () => manager.dispose() };
}

function thumbprintOfFile(file: string): string {
  const der = readCertificateChain(file)[0];
  assert.ok(der);
  return thumbprintOf(der);
}

describe('certificate doctor', () => {
  const tmp = tempDir('pb-cert-doctor-');
  let plant: TestServer;
  let app: RunningApp;
  const dataDir = path.join(tmp.dir, 'data');
  const peers: Peer[] = [];

  async function api<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; json: T; raw: Buffer; type: string }> {
    const res = await fetch(new URL(route, app.uiUrl), {
      method,
      headers: { authorization: AUTH, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const raw = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, json: (type.includes('json') ? JSON.parse(raw.toString('utf8')) : null) as T, raw, type };
  }
  const stores = async () => (await api<CertificateStoresDto>('GET', '/api/certificates')).json;
  const bridgeUrl = () => app.opcuaEndpoint ?? '';
  async function connectAsPeer(peer: Peer, url: string): Promise<string> {
    const value = await withSession(makeClient(peer), url, { userName: 'eng', password: PASSWORD }, (s) =>
      s.read({ nodeId: 'i=2259', attributeId: AttributeIds.Value }),
    );
    return value.statusCode.name;
  }

  before(async () => {
    plant = await startTestServer({ port: await freePort(), pkiDir: path.join(tmp.dir, 'plant-pki') });
    const project = configSchema.parse({
      http: { bind: '127.0.0.1', port: 0 },
      users: [{ username: 'eng', passwordHash: hashPassword(PASSWORD), roles: ['engineer'] }],
      bridgeServer: { enabled: true, port: await freePort() },
      mqtt: { url: 'none' },
      simulator: { enabled: false },
      sources: [{ id: 'plant', endpointUrl: plant.endpointUrl, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', tags: [{ id: 'site/area/pump/flow', nodeId: 'ns=1;s=Pump1.Flow' }] }],
    });
    app = await startApp({ project, dataDir, version: 'test', staticDir: tmp.dir, log: quietLog });
  });
  after(async () => {
    await app?.stop();
    await plant?.stop();
    for (const p of peers) await p.close();
    tmp.cleanup();
  });

  it('refuses the plant server certificate with its reason, then connects once it is trusted through the API', async () => {
    const plantThumbprint = thumbprintOfFile(plant.certificateFile);
    const refused = await waitFor('the plant certificate among the rejected ones', async () =>
      (await stores()).client.rejected.find((c) => c.thumbprint === plantThumbprint && c.lastRefusal?.peer === plant.endpointUrl),
    );
    assert.equal(refused.reason?.kind, 'untrusted');
    assert.equal(refused.reason?.statusCode, 'BadCertificateUntrusted');
    assert.match(refused.reason?.fix ?? '', /thumbprint/);
    assert.ok(refused.dns && refused.keyLength && refused.keyLength >= 2048, 'host names and key length are shown');
    const before = (await api<ConnectionsDto>('GET', '/api/connections')).json.sources.find((s) => s.id === 'plant');
    assert.equal(before?.state, 'failed');

    const trusted = await api<CertificateStoresDto>('POST', `/api/certificates/${plantThumbprint}/trust`, {});
    assert.equal(trusted.status, 200);
    assert.ok(trusted.json.client.trusted.some((c) => c.thumbprint === plantThumbprint));
    assert.ok(!trusted.json.client.rejected.some((c) => c.thumbprint === plantThumbprint));
    await waitFor('the plant source to connect', async () => {
      const src = (await api<ConnectionsDto>('GET', '/api/connections')).json.sources.find((s) => s.id === 'plant');
      return src?.state === 'connected' ? src : undefined;
    });
  });

  it('lists a client refused by the bridge server with its reason and lets it connect once trusted', async () => {
    const peer = await peerWithValidity(path.join(tmp.dir, 'peer-ok'), 'DoctorPeer', new Date(Date.now() - DAY), 30);
    peers.push(peer);
    await trustCertificateFile(peer.pkiDir, ownCertificateFile(path.join(dataDir, 'pki', 'server')));
    await assert.rejects(connectAsPeer(peer, bridgeUrl()));
    const mine = thumbprintOfFile(peer.certificateFile);
    const listed = (await stores()).server.rejected.find((c) => c.thumbprint === mine);
    assert.equal(listed?.reason?.kind, 'untrusted');
    assert.equal(listed?.applicationUri, peer.applicationUri);

    const res = await api<CertificateStoresDto>('POST', `/api/certificates/${mine}/trust`, { store: 'server' });
    assert.equal(res.status, 200);
    assert.equal(await connectAsPeer(peer, bridgeUrl()), 'Good');
  });

  it('shows "expired" and "not yet valid" for such client certificates, with a fix that is not "trust it"', async () => {
    const expired = await peerWithValidity(path.join(tmp.dir, 'peer-expired'), 'ExpiredPeer', new Date(Date.now() - 10 * DAY), 2);
    const future = await peerWithValidity(path.join(tmp.dir, 'peer-future'), 'FuturePeer', new Date(Date.now() + 10 * DAY), 30);
    peers.push(expired, future);
    for (const p of [expired, future]) {
      await trustCertificateFile(p.pkiDir, ownCertificateFile(path.join(dataDir, 'pki', 'server')));
      await assert.rejects(connectAsPeer(p, bridgeUrl()));
    }
    const { server } = await stores();
    const e = server.rejected.find((c) => c.thumbprint === thumbprintOfFile(expired.certificateFile));
    const f = server.rejected.find((c) => c.thumbprint === thumbprintOfFile(future.certificateFile));
    assert.equal(e?.reason?.kind, 'expired');
    assert.match(e?.reason?.fix ?? '', /new certificate/);
    assert.ok(e?.problems?.some((p) => p.kind === 'untrusted'), 'untrusted too, listed after the main reason');
    assert.equal(f?.reason?.kind, 'not-yet-valid');
  });

  it('imports a client certificate (DER, base64) before its first connection, which then succeeds', async () => {
    const peer = await peerWithValidity(path.join(tmp.dir, 'peer-pre'), 'PreTrustedPeer', new Date(Date.now() - DAY), 30);
    peers.push(peer);
    await trustCertificateFile(peer.pkiDir, ownCertificateFile(path.join(dataDir, 'pki', 'server')));
    const der = readCertificateChain(peer.certificateFile)[0];
    assert.ok(der);
    const res = await api<CertificateStoresDto>('POST', '/api/certificates/import', { store: 'server', target: 'trusted', body: der.toString('base64') });
    assert.equal(res.status, 200);
    assert.ok(res.json.server.trusted.some((c) => c.thumbprint === thumbprintOf(der)));
    assert.equal(await connectAsPeer(peer, bridgeUrl()), 'Good');
  });

  it('refuses an import that is no certificate with a 400 naming the field, and audits the refusal', async () => {
    const res = await api<{ error: { message: string } }>('POST', '/api/certificates/import', { store: 'client', body: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' });
    assert.equal(res.status, 400);
    assert.match(res.json.error.message, /^body: /);
  });

  it('rejects a trusted certificate again (trusted → rejected) and removes it', async () => {
    const plantThumbprint = thumbprintOfFile(plant.certificateFile);
    const rejected = await api<CertificateStoresDto>('POST', `/api/certificates/${plantThumbprint}/reject`, {});
    assert.equal(rejected.status, 200);
    assert.ok(rejected.json.client.rejected.some((c: CertificateDto) => c.thumbprint === plantThumbprint));
    const removed = await api<CertificateStoresDto>('POST', `/api/certificates/${plantThumbprint}/remove`, { store: 'client' });
    assert.equal(removed.status, 200);
    assert.ok(![...removed.json.client.rejected, ...removed.json.client.trusted].some((c) => c.thumbprint === plantThumbprint));
    const missing = await api('POST', `/api/certificates/${plantThumbprint}/trust`, {});
    assert.equal(missing.status, 404);
  });

  it('exports the own certificates as PEM and binary DER', async () => {
    const serverOwn = readCertificateChain(ownCertificateFile(path.join(dataDir, 'pki', 'server')))[0];
    assert.ok(serverOwn);
    const der = await api('GET', '/api/certificates/own/server/export?format=der');
    assert.equal(der.status, 200);
    assert.equal(der.type, 'application/pkix-cert');
    assert.deepEqual(der.raw, serverOwn);
    const pem = await api('GET', '/api/certificates/own/client/export?format=pem');
    assert.equal(pem.status, 200);
    assert.match(pem.raw.toString('utf8'), /^-----BEGIN CERTIFICATE-----\n/);
    const { client, server } = await stores();
    assert.ok(client.own && server.own, 'both own certificates are listed');
    assert.ok(server.own.applicationUri?.includes('PlantBridge:BridgeServer'));
  });

  it('regenerates the bridge server certificate and serves the new one without restarting the process', async () => {
    const before = (await stores()).server.own?.thumbprint;
    const res = await api<CertificateStoresDto>('POST', '/api/certificates/own/server/regenerate', {});
    assert.equal(res.status, 200);
    const after = res.json.server.own;
    assert.ok(after && after.thumbprint !== before, 'a new certificate');
    assert.ok(after.applicationUri?.includes('PlantBridge:BridgeServer'));
    const probe = OPCUAClient.create({ endpointMustExist: false, connectionStrategy: { maxRetry: 0 } });
    await probe.connect(bridgeUrl());
    try {
      const endpoints = await probe.getEndpoints();
      const served = endpoints[0]?.serverCertificate;
      assert.ok(served);
      assert.equal(thumbprintOf(split_der(served)[0] as Buffer), after.thumbprint);
    } finally {
      await probe.disconnect();
    }
  });

  it('audits every trust decision with its action, user and outcome', async () => {
    const rows = (await api<CommandLogEntry[]>('GET', '/api/commands?limit=100')).json;
    const actions = rows.filter((r) => r.tag.startsWith('certificate:'));
    for (const a of ['trust', 'reject', 'remove', 'import', 'regenerate']) {
      assert.ok(actions.some((r) => r.action === a && r.status === 'Good' && r.user === 'eng' && r.via === 'http'), `an audit row for ${a}`);
    }
    assert.ok(actions.some((r) => r.action === 'import' && r.status === 'Refused'), 'the refused import is audited too');
  });
});
