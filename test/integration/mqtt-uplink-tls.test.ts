// The MQTT JSON uplink over mqtts:// to an aedes broker behind a TLS server with a self-signed certificate.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { createMqttJsonUplink } from '../../src-main/adapters/mqtt/index.js';
import { describeStatus, eventually, recordingLog, systemClock } from '../unit/mqtt/mqtt-test-kit.js';

const OPENSSL = '/usr/bin/openssl';

describe('MQTT JSON uplink over TLS', { skip: existsSync(OPENSSL) ? false : 'openssl not installed' }, () => {
  let dir: string;
  let aedes: Aedes;
  let server: Server;
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-mqtt-tls-'));
    execFileSync(OPENSSL, [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    aedes = await Aedes.createBroker();
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (socket) =>
      aedes.handle(socket),
    );
    // A failed handshake is the client's business; the test server just drops it.
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `mqtts://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a broker certificate it does not trust and says so', async () => {
    const uplink = createMqttJsonUplink({ url, reconnectPeriodMs: 200, log: recordingLog(), clock: systemClock });
    try {
      await uplink.start();
      await eventually(() => uplink.status().state === 'disconnected', 'disconnected');
      assert.match(uplink.status().lastError ?? '', /^TLS: the broker certificate is self-signed and not trusted/);
    } finally {
      await uplink.stop();
    }
  });

  it('connects when the broker certificate is given as CA file', async () => {
    const uplink = createMqttJsonUplink({
      url,
      tls: { caFile: join(dir, 'cert.pem') },
      log: recordingLog(),
      clock: systemClock,
    });
    try {
      await uplink.start();
      assert.equal(uplink.status().state, 'connected', describeStatus(uplink.status()));
    } finally {
      await uplink.stop();
    }
  });
});
