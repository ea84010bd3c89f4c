// The simulator in a worker thread: same API, separate event loop, clean stop.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AttributeIds, MessageSecurityMode, OPCUACertificateManager, OPCUAClient, SecurityPolicy } from 'node-opcua';
import { simNodeId, startSimulatorWorker, type RunningSimulator } from '../../src-main/adapters/simulator/index.js';

describe('simulator in a worker thread', () => {
  let dir: string;
  let sim: RunningSimulator;
  const logs: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-sim-worker-'));
    const record = (obj: object | string, msg?: string) => void logs.push(msg ?? String(obj));
    sim = await startSimulatorWorker({
      port: 0, pkiDir: join(dir, 'pki'), extraTags: 200, log: { debug: record, info: record, warn: record, error: record },
    });
  });

  after(async () => {
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the plant to an OPC UA client', async () => {
    assert.ok(sim.port > 0);
    assert.ok(existsSync(sim.certificateFile));
    const certs = new OPCUACertificateManager({ rootFolder: join(dir, 'client-pki'), automaticallyAcceptUnknownCertificate: false });
    await certs.initialize();
    const client = OPCUAClient.create({
      endpointMustExist: false, securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None,
      clientCertificateManager: certs, connectionStrategy: { maxRetry: 0 },
    });
    await client.connect(sim.endpointUrl);
    const session = await client.createSession();
    const first = await session.read({ nodeId: simNodeId('load', 'load-1', 'value-150'), attributeId: AttributeIds.Value });
    await new Promise((r) => setTimeout(r, 500));
    const second = await session.read({ nodeId: simNodeId('load', 'load-1', 'value-150'), attributeId: AttributeIds.Value });
    assert.ok((second.value.value as number) > (first.value.value as number), 'load counter advances');
    await session.close();
    await client.disconnect();
    await certs.dispose();
  });

  it('forwards log lines and trust requests across the thread boundary', async () => {
    assert.ok(logs.includes('plant simulator started'));
    await sim.trustClientCertificate(sim.certificateFile);
    const trusted = await readdir(join(dir, 'pki', 'trusted', 'certs'));
    assert.equal(trusted.length, 1);
    await assert.rejects(sim.trustClientCertificate(join(dir, 'missing.der')), /ENOENT/);
  });

  it('stops the worker and frees the port', async () => {
    await sim.stop();
    const { createServer } = await import('node:net');
    await new Promise<void>((resolve, reject) => {
      const srv = createServer().once('error', reject).listen(sim.port, '127.0.0.1', () => srv.close(() => resolve()));
    });
  });
});
