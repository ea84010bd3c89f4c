import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClientOptions, parseBrokerUrl, type ConnectSettings } from '../../../src-main/adapters/mqtt/mqtt-connect-options.js';

const base: ConnectSettings = {
  url: 'mqtt://127.0.0.1:1883',
  willTopic: 'plantbridge/_bridge/status',
  reconnectPeriodMs: 2000,
  connectTimeoutMs: 10_000,
};

describe('parseBrokerUrl', () => {
  it('finds host and port, with the scheme default when the port is omitted', () => {
    assert.deepEqual(parseBrokerUrl('mqtt://broker.local').broker, { host: 'broker.local', port: 1883 });
    assert.deepEqual(parseBrokerUrl('mqtts://broker.local').broker, { host: 'broker.local', port: 8883 });
    assert.deepEqual(parseBrokerUrl('mqtt://[::1]:1884').broker, { host: '::1', port: 1884 });
  });

  it('rejects what is not a URL or not an MQTT scheme', () => {
    assert.throws(() => parseBrokerUrl('127.0.0.1:1883'), /not a valid URL|must start with/);
    assert.throws(() => parseBrokerUrl('tcp2://x'), /must start with mqtt:\/\//);
  });
});

describe('buildClientOptions', () => {
  it('sets the retained QoS 1 offline will, a reconnect period and MQTT 3.1.1', () => {
    const options = buildClientOptions(base);
    assert.deepEqual(options.will, { topic: 'plantbridge/_bridge/status', payload: Buffer.from('offline'), qos: 1, retain: true });
    assert.equal(options.reconnectPeriod, 2000);
    assert.equal(options.protocolVersion, 4);
    assert.match(options.clientId ?? '', /^plantbridge-[0-9a-f]{8}$/);
  });

  it("silences mqtt.js' per-packet debug logger unless DEBUG asks for mqttjs traces", () => {
    const saved = process.env['DEBUG'];
    try {
      delete process.env['DEBUG'];
      const quiet = buildClientOptions(base);
      assert.equal(typeof quiet.log, 'function', 'a no-op logger replaces debug()');
      assert.equal(quiet.log?.('x'), undefined);
      process.env['DEBUG'] = 'pino,mqttjs*';
      assert.equal(buildClientOptions(base).log, undefined, "DEBUG=mqttjs* keeps mqtt.js' own debug output");
      process.env['DEBUG'] = '-mqttjs*';
      assert.equal(typeof buildClientOptions(base).log, 'function');
    } finally {
      if (saved === undefined) delete process.env['DEBUG'];
      else process.env['DEBUG'] = saved;
    }
  });

  it('takes credentials from the settings before those in the URL', () => {
    const fromUrl = buildClientOptions({ ...base, url: 'mqtt://u:p%40ss@127.0.0.1' });
    assert.equal(fromUrl.username, 'u');
    assert.equal(fromUrl.password, 'p@ss');
    const explicit = buildClientOptions({ ...base, url: 'mqtt://u:p@127.0.0.1', username: 'v', password: 'q' });
    assert.equal(explicit.username, 'v');
    assert.equal(explicit.password, 'q');
  });

  it('refuses a password without a user name', () => {
    assert.throws(() => buildClientOptions({ ...base, password: 'x' }), /user name is missing/);
  });

  it('reads TLS files and verifies the broker certificate by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-mqtt-tls-'));
    try {
      const ca = join(dir, 'ca.pem');
      writeFileSync(ca, 'CA');
      const options = buildClientOptions({ ...base, url: 'mqtts://127.0.0.1', tls: { caFile: ca } });
      assert.equal(String(options.ca), 'CA');
      assert.equal(options.rejectUnauthorized, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the TLS file that cannot be read', () => {
    assert.throws(
      () => buildClientOptions({ ...base, url: 'mqtts://127.0.0.1', tls: { certFile: '/nope/c.pem', keyFile: '/nope/k.pem' } }),
      /MQTT TLS client certificate file "\/nope\/c.pem" cannot be read \(ENOENT\)/,
    );
  });

  it('refuses TLS files on a plain mqtt:// URL instead of silently ignoring them', () => {
    assert.throws(() => buildClientOptions({ ...base, tls: { caFile: '/x' } }), /use mqtts:\/\/ or wss:\/\//);
  });
});
