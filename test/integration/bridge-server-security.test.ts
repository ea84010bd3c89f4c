// Security of the bridge server on the wire: what GetEndpoints offers, certificate trust, commissioning mode,
// port conflicts and the own certificate kept across restarts. A real node-opcua client is the peer.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttributeIds, DataType, MessageSecurityMode, OPCUAClient, SecurityPolicy, UserTokenType } from 'node-opcua';
import type { EndpointDescription } from 'node-opcua';
import { createBridgeServer, isLoopback } from '../../src-main/adapters/opcua/server/index.js';
import type { BridgeServerOptions } from '../../src-main/adapters/opcua/server/index.js';
import { describeCertificateFile, listStore, ownCertificateFile, trustByThumbprint, trustCertificateFile } from '../../src-main/adapters/opcua/pki.js';
import {
  FLOW,
  PASSWORD,
  SETPOINT,
  TEST_TAGS,
  createPeer,
  makeClient,
  quietLog,
  recordingGate,
  tempDir,
  testUsers,
  withSession,
} from '../fixtures/opcua-peer.js';

const ALLOWED_POLICIES = [SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss].map(String).sort();

function options(pkiDir: string, over: Partial<BridgeServerOptions> = {}): BridgeServerOptions {
  return { host: '127.0.0.1', port: 0, pkiDir, users: testUsers(), insecure: false, writeGate: recordingGate({ status: 'Good', message: '' }).gate, log: quietLog, ...over };
}

/** GetEndpoints over an unsecured discovery channel, as any client does before choosing an endpoint. */
async function getEndpoints(url: string): Promise<EndpointDescription[]> {
  const client = OPCUAClient.create({ endpointMustExist: false, connectionStrategy: { maxRetry: 0 } });
  await client.connect(url);
  try {
    return await client.getEndpoints();
  } finally {
    await client.disconnect();
  }
}

describe('bridge server security', () => {
  const tmp = tempDir('pb-bridge-sec-');
  after(() => tmp.cleanup());

  describe('secure by default', () => {
    const pki = path.join(tmp.dir, 'default-pki');
    const server = createBridgeServer(options(pki));
    before(() => server.start());
    after(() => server.stop());

    it('offers only Sign and SignAndEncrypt with Basic256Sha256, Aes128_Sha256_RsaOaep and Aes256_Sha256_RsaPss', async () => {
      const endpoints = await getEndpoints(server.status().endpointUrl);
      assert.equal(endpoints.length, 6);
      const modes = new Set(endpoints.map((e) => MessageSecurityMode[e.securityMode]));
      assert.deepEqual([...modes].sort(), ['Sign', 'SignAndEncrypt']);
      assert.deepEqual([...new Set(endpoints.map((e) => e.securityPolicyUri))].sort(), ALLOWED_POLICIES);
      for (const e of endpoints) {
        const tokens = e.userIdentityTokens ?? [];
        assert.deepEqual(tokens.map((t) => UserTokenType[t.tokenType]), ['UserName'], 'user name only: no anonymous, no X.509 token');
        // null: the token is encrypted with the channel's own (allowed) policy.
        for (const t of tokens) assert.ok(!t.securityPolicyUri || ALLOWED_POLICIES.includes(t.securityPolicyUri));
      }
      const status = server.status();
      assert.equal(status.allowAnonymous, false);
      assert.deepEqual(status.securityModes, ['Sign', 'SignAndEncrypt']);
    });

    it('refuses an unknown client certificate, files it under rejected/, and accepts it once trusted without a restart', async () => {
      const peer = await createPeer(path.join(tmp.dir, 'untrusted-client-pki'), 'UntrustedClient');
      await trustCertificateFile(peer.pkiDir, ownCertificateFile(pki));
      try {
        const url = server.status().endpointUrl;
        await assert.rejects(withSession(makeClient(peer), url, { userName: 'olga', password: PASSWORD }, async () => undefined));
        const { rejected, trusted } = await listStore(pki);
        const mine = describeCertificateFile(peer.certificateFile).thumbprint;
        assert.ok(rejected.some((c) => c.thumbprint === mine), 'the refused certificate is listed under rejected/');
        assert.ok(!trusted.some((c) => c.thumbprint === mine));

        await trustByThumbprint(pki, mine);
        const value = await withSession(makeClient(peer), url, { userName: 'olga', password: PASSWORD }, async (s) =>
          s.read({ nodeId: 'i=2259', attributeId: AttributeIds.Value }),
        );
        assert.equal(value.statusCode.name, 'Good');
      } finally {
        await peer.close();
      }
    });

    it('refuses to start a second server on a port that is taken, with a clear message', async () => {
      const port = Number(new URL(server.status().endpointUrl.replace('opc.tcp', 'http')).port);
      const second = createBridgeServer(options(path.join(tmp.dir, 'second-pki'), { port }));
      await assert.rejects(second.start(), { message: `OPC UA port ${port} on 127.0.0.1 is already in use` });
    });
  });

  it('refuses a port held by another program', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;
    try {
      const server = createBridgeServer(options(path.join(tmp.dir, 'busy-pki'), { port }));
      await assert.rejects(server.start(), { message: `OPC UA port ${port} on 127.0.0.1 is already in use` });
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });

  it('refuses commissioning mode (--opcua-insecure) on a non-loopback address', async () => {
    assert.equal(isLoopback('0.0.0.0'), false);
    const server = createBridgeServer(options(path.join(tmp.dir, 'wide-pki'), { host: '0.0.0.0', insecure: true }));
    await assert.rejects(server.start(), {
      message: '--opcua-insecure is only allowed when the bridge server is bound to loopback (127.0.0.1/::1)',
    });
  });

  describe('commissioning mode on loopback', () => {
    const pki = path.join(tmp.dir, 'insecure-pki');
    const { gate, calls } = recordingGate({ status: 'Good', message: '' });
    const server = createBridgeServer(options(pki, { insecure: true, writeGate: gate }));
    before(async () => {
      server.setTags(TEST_TAGS);
      await server.start();
    });
    after(() => server.stop());

    it('adds SecurityMode None and anonymous logon', async () => {
      const endpoints = await getEndpoints(server.status().endpointUrl);
      const none = endpoints.filter((e) => e.securityMode === MessageSecurityMode.None);
      assert.equal(none.length, 1);
      assert.equal(none[0]?.securityPolicyUri, SecurityPolicy.None);
      assert.ok((none[0]?.userIdentityTokens ?? []).some((t) => t.tokenType === UserTokenType.Anonymous));
      // A password is never sent in clear: on the None endpoint the user name token carries its own policy.
      for (const t of none[0]?.userIdentityTokens ?? []) {
        if (t.tokenType === UserTokenType.UserName) assert.ok(t.securityPolicyUri && ALLOWED_POLICIES.includes(t.securityPolicyUri));
      }
      assert.ok(!endpoints.some((e) => [SecurityPolicy.Basic128Rsa15, SecurityPolicy.Basic256].map(String).includes(e.securityPolicyUri ?? '')));
      assert.equal(server.status().allowAnonymous, true);
    });

    it('lets an anonymous client read but not write', async () => {
      server.update({ samples: [{ tagId: FLOW.id, ts: Date.now(), value: 7, quality: 'good' }] });
      const client = OPCUAClient.create({ endpointMustExist: false, connectionStrategy: { maxRetry: 0 } });
      const [value, write] = await withSession(client, server.status().endpointUrl, null, async (s) => [
        await s.read({ nodeId: `ns=1;s=${FLOW.id}`, attributeId: AttributeIds.Value }),
        await s.write({ nodeId: `ns=1;s=${SETPOINT.id}`, attributeId: AttributeIds.Value, value: { value: { dataType: DataType.Double, value: 1 } } }),
      ] as const);
      assert.equal(value.value.value, 7);
      assert.equal(write.name, 'BadUserAccessDenied');
      assert.equal(calls.length, 0);
    });
  });

  it('creates its own certificate on first start and reuses it on the next', async () => {
    const pki = path.join(tmp.dir, 'restart-pki');
    const first = createBridgeServer(options(pki));
    await first.start();
    await first.stop();
    const cert = describeCertificateFile(ownCertificateFile(pki));
    assert.match(cert.applicationUri ?? '', /^urn:.+:PlantBridge:BridgeServer$/);
    const second = createBridgeServer(options(pki));
    await second.start();
    await second.stop();
    assert.equal(describeCertificateFile(ownCertificateFile(pki)).thumbprint, cert.thumbprint);
  });
});
