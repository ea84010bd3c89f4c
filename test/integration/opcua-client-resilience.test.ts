import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createOpcuaSource, type OpcuaSourceOptions } from '../../src-main/adapters/opcua/client/index.js';
import { listStore, trustByThumbprint, trustCertificateFile } from '../../src-main/adapters/opcua/pki.js';
import type { OpcuaSource } from '../../src-main/services/ports.js';
import { freePort, startTestServer, type TestServer } from '../fixtures/opcua-test-server.js';
import { clock, fastGroup, memoryLog, record, waitFor } from './opcua-client-helpers.js';

const fixture = fileURLToPath(new URL('../fixtures/opcua-test-server.ts', import.meta.url));
const COUNTER = 'S/A/Pump1/Counter';
let dir: string;

/** The fixture server in a child process, so the test can kill it like a crashed plant server. */
async function spawnServer(port: number, pkiDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, '--port', String(port), '--pki', pkiDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
  });
  child.removeAllListeners('exit');
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

function source(endpointUrl: string, overrides: Partial<OpcuaSourceOptions> = {}): OpcuaSource {
  return createOpcuaSource({
    id: 'plant',
    endpointUrl,
    securityMode: 'None',
    securityPolicy: 'None',
    pkiDir: path.join(dir, `client-pki-${Math.random().toString(36).slice(2)}`),
    applicationName: 'PlantBridge',
    groups: [fastGroup],
    tags: [{ id: COUNTER, nodeId: 'ns=1;s=Pump1.Counter', group: 'default' }],
    log: memoryLog(),
    clock,
    retry: { initialDelayMs: 200, maxDelayMs: 1000, slowRetryMs: 500 },
    ...overrides,
  });
}

describe('OPC UA client source: reconnection and trust', () => {
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pb-opcua-resilience-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks tags stale when the server process dies and restores subscriptions when it restarts on the same port', async () => {
    const port = await freePort();
    const serverPki = path.join(dir, 'server-pki-restart');
    let child = await spawnServer(port, serverPki);
    const src = source(`opc.tcp://127.0.0.1:${port}`);
    const rec = record(src);
    try {
      await src.start();
      assert.equal(src.status().state, 'connected');
      await waitFor('first values', () => rec.samples(COUNTER).some((s) => s.quality === 'good'));

      await kill(child);
      await waitFor('state reconnecting', () => src.status().state === 'reconnecting');
      await waitFor('stale mark', () => rec.samples(COUNTER).some((s) => s.quality === 'stale'));
      const lastGood = rec.samples(COUNTER).filter((s) => s.quality === 'good').at(-1);
      const stale = rec.samples(COUNTER).find((s) => s.quality === 'stale');
      assert.equal(stale?.value, lastGood?.value, 'the stale mark repeats the last value');

      child = await spawnServer(port, serverPki);
      const restartedAt = Date.now();
      await waitFor('state connected again', () => src.status().state === 'connected', 30_000);
      assert.ok(rec.statuses.some((s) => s.state === 'reconnecting'));
      assert.ok(src.status().reconnects >= 1);
      assert.equal(src.status().monitoredItems, 1);
      // The restarted server counts from 0 again: fresh good values prove the monitored item lives on the new server.
      await waitFor(
        'fresh values from the restarted server',
        () => rec.samples(COUNTER).some((s) => s.quality === 'good' && s.ts >= restartedAt - 1000 && s !== lastGood),
        20_000,
      );
    } finally {
      await src.stop();
      await kill(child);
    }
  });

  describe('with a secured endpoint', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ port: await freePort(), pkiDir: path.join(dir, 'server-pki-secure') });
    });
    after(async () => {
      await server.stop();
    });

    it('refuses an untrusted server certificate with a clear message, then connects once it is trusted', async () => {
      const pkiDir = path.join(dir, 'client-pki-trust');
      const src = source(server.endpointUrl, { securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256', pkiDir });
      const rec = record(src);
      try {
        await src.start();
        const status = src.status();
        assert.equal(status.state, 'failed');
        const rejected = (await listStore(pkiDir)).rejected;
        assert.equal(rejected.length, 1, 'the server certificate is in rejected/');
        const thumbprint = rejected[0]?.thumbprint ?? '';
        assert.match(status.lastError ?? '', /^Server certificate of opc\.tcp:\/\/127\.0\.0\.1:\d+ \(subject .*CN=.*, thumbprint [0-9a-f]{40}\) is not trusted/);
        assert.ok(status.lastError?.includes(thumbprint));
        assert.ok(status.lastError?.includes(path.join(pkiDir, 'rejected')));
        assert.match(status.lastError ?? '', /Connections page/);
        assert.equal(rec.batches.length, 0, 'no data from an untrusted server');
        const refusals = rec.statuses.length;
        await waitFor('a retry', () => rec.statuses.length > refusals || src.status().since > status.since, 3000).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1200));
        assert.equal(src.status().state, 'failed', 'retries keep failing while untrusted');
        assert.ok(src.status().lastError?.includes(thumbprint), 'later refusals still name the certificate');

        await trustByThumbprint(pkiDir, thumbprint);
        await waitFor('connected after trusting', () => src.status().state === 'connected', 20_000);
        assert.equal(src.status().lastError, null);
        await waitFor('values', () => rec.samples(COUNTER).length > 0);
      } finally {
        await src.stop();
      }
    });

    it('says the user name or password was refused', async () => {
      const pkiDir = path.join(dir, 'client-pki-user');
      await trustCertificateFile(pkiDir, server.certificateFile);
      const src = source(server.endpointUrl, {
        securityMode: 'SignAndEncrypt',
        securityPolicy: 'Basic256Sha256',
        pkiDir,
        user: { username: 'operator', password: 'wrong' },
      });
      try {
        await src.start();
        assert.equal(src.status().state, 'failed');
        assert.match(src.status().lastError ?? '', /user name or password/);
      } finally {
        await src.stop();
      }
    });

    it('says when the server does not offer the security mode and policy', async () => {
      const pkiDir = path.join(dir, 'client-pki-policy');
      await trustCertificateFile(pkiDir, server.certificateFile);
      const src = source(server.endpointUrl, { securityMode: 'Sign', securityPolicy: 'Aes256_Sha256_RsaPss', pkiDir });
      try {
        await src.start();
        assert.equal(src.status().state, 'failed', src.status().lastError ?? '');
        assert.match(src.status().lastError ?? '', /does not offer the configured security mode and policy/);
      } finally {
        await src.stop();
      }
    });
  });

  it('says the server is not reachable and keeps retrying', async () => {
    const port = await freePort();
    const src = source(`opc.tcp://127.0.0.1:${port}`);
    const rec = record(src);
    try {
      await src.start();
      assert.equal(src.status().state, 'disconnected');
      assert.match(src.status().lastError ?? '', /Cannot reach opc\.tcp:\/\/127\.0\.0\.1:\d+.*not reachable/s);
      await waitFor('a second attempt', () => rec.statuses.length >= 1 && src.status().state === 'disconnected', 5000);
    } finally {
      await src.stop();
    }
  });
});
