// The embedded aedes broker: ports, conflicts, authentication and shutdown.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { connect } from 'mqtt';
import { startEmbeddedBroker } from '../../src-main/adapters/mqtt/index.js';
import { recordingLog, subscribe } from '../unit/mqtt/mqtt-test-kit.js';

const log = recordingLog();

describe('embedded MQTT broker', () => {
  it('listens on a free port when asked for port 0 and reports the real one', async () => {
    const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, log });
    try {
      assert.ok(broker.port > 0);
      assert.equal(broker.url, `mqtt://127.0.0.1:${broker.port}`);
      const sub = await subscribe(broker.url, 'hello/#');
      const pub = connect(broker.url, { reconnectPeriod: 0 });
      await new Promise((resolve) => pub.once('connect', resolve));
      await pub.publishAsync('hello/world', 'hi', { qos: 1 });
      await sub.waitFor((m) => m.some((x) => x.payload === 'hi'), 'the message');
      await pub.endAsync();
      await sub.close();
    } finally {
      await broker.stop();
    }
  });

  it('rejects with a clear error when the port is already in use', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const address = squatter.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await assert.rejects(
        startEmbeddedBroker({ host: '127.0.0.1', port, log }),
        new Error(`MQTT port ${port} on 127.0.0.1 is already in use`),
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('closes connected clients and the listening socket on stop()', async () => {
    const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, log });
    const client = connect(broker.url, { reconnectPeriod: 0 });
    await new Promise((resolve) => client.once('connect', resolve));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await broker.stop();
    await closed;
    // The port is free again: a second broker can take it.
    const again = await startEmbeddedBroker({ host: '127.0.0.1', port: broker.port, log });
    await again.stop();
    await client.endAsync(true);
  });

  it('refuses to listen beyond loopback without credentials', async () => {
    await assert.rejects(startEmbeddedBroker({ host: '0.0.0.0', port: 0, log }), /only with a user name and password/);
  });

  it('checks user name and password when credentials are configured', async () => {
    const broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      log,
      credentials: { username: 'bridge', password: 'pw' },
    });
    try {
      const good = await subscribe(broker.url, 'x', { username: 'bridge', password: 'pw' });
      await good.close();
      const bad = connect(broker.url, { username: 'bridge', password: 'nope', reconnectPeriod: 0 });
      const error = await new Promise<Error>((resolve) => bad.once('error', resolve));
      assert.match(error.message, /Bad username or password/);
      await bad.endAsync(true);
    } finally {
      await broker.stop();
    }
  });
});
