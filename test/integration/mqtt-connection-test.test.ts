// "Test connection" of the MQTT uplinks: a separate short connection to the real embedded broker, in plain words.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src-main/adapters/mqtt/index.js';
import { testMqttConnection } from '../../src-main/adapters/mqtt/mqtt-connection-test.js';
import type { Log } from '../../src-main/services/ports.js';

const quiet: Log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('MQTT test connection', () => {
  let broker: EmbeddedBroker;
  before(async () => {
    broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, log: quiet });
  });
  after(async () => {
    await broker?.stop();
  });

  it('reports success against a reachable broker', async () => {
    const r = await testMqttConnection({ id: 'mqtt-json', url: broker.url });
    assert.equal(r.ok, true, r.message);
    assert.match(r.message, /^connected to broker 127\.0\.0\.1:\d+/);
    assert.equal(r.id, 'mqtt-json');
  });

  it('says in plain words that nothing listens on a closed port', async () => {
    const r = await testMqttConnection({ id: 'sparkplug', url: `mqtt://127.0.0.1:${await closedPort()}`, timeoutMs: 3000 });
    assert.equal(r.ok, false);
    assert.match(r.message, /refused the connection/);
  });

  it('reports a broker that accepts TCP but never answers MQTT as a timeout', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as { port: number }).port;
      const r = await testMqttConnection({ id: 'mqtt-json', url: `mqtt://127.0.0.1:${port}`, timeoutMs: 500 });
      assert.equal(r.ok, false);
      assert.match(r.message, /did not accept an MQTT connection|CONNACK/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('refuses an unusable URL without connecting', async () => {
    const r = await testMqttConnection({ id: 'mqtt-json', url: 'http://127.0.0.1:1' });
    assert.equal(r.ok, false);
    assert.match(r.message, /must start with mqtt:\/\//);
  });
});
