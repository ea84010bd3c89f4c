// Remote JSON commands over a real Debian mosquitto with a real MQTT client: a signed command reaches the gate,
// every bad command from issue 4 is refused with nothing written, and the receiving side stays up throughout.
// The harness stands in for the MQTT JSON uplink: it subscribes to <prefix>/+/+/+/+/set and hands each message
// to the service, one at a time, like the uplink does.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect, type MqttClient } from 'mqtt';
import type { TagValue } from '../../src-main/contract/index.js';
import { commandTopicFilter, commandTopicFor, signJsonCommand } from '../../src-main/domain/remote-command/index.js';
import { createRemoteCommandService, type RemoteCommandService } from '../../src-main/services/remote-commands.js';
import { FakeStore } from '../fixtures/fake-store.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { eventually, recordingLog, systemClock } from '../unit/mqtt/mqtt-test-kit.js';

const PREFIX = 'plant/uns';
const SETPOINT = 'demo-site/utilities/pump-101/speed_sp';
const MODE = 'demo-site/utilities/pump-101/mode';
const NOT_ALLOWED = 'demo-site/utilities/pump-101/flow';
const SECRET = 'integration-secret';

async function connected(url: string): Promise<MqttClient> {
  const client = connect(url, { reconnectPeriod: 0, clean: true, connectTimeout: 5000 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

function signed(tag: string, value: TagValue & {}, id: string, over: { topic?: string; secret?: string } = {}): string {
  const topic = over.topic ?? commandTopicFor(PREFIX, tag);
  return JSON.stringify(signJsonCommand({ topic, value, ts: Date.now(), user: 'scada', id, secret: over.secret ?? SECRET }));
}

/** A valid signed payload with one field's JSON text replaced (the HMAC no longer matters: it must not get that far). */
function tampered(field: string, token: string): string {
  const text = signed(SETPOINT, 1, `t-${field}-${token.length}`);
  return text.replace(new RegExp(`"${field}":("[^"]*"|[^,}]*)`), `"${field}":${token}`);
}

/** Seeded random bytes (mulberry32), reproducible. */
function randomBytes(seed: number, length: number): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

const skip = mosquittoMissing();

describe('remote JSON commands over mosquitto', { skip: skip ?? false }, () => {
  let broker: MosquittoBroker;
  let harness: MqttClient;
  let sender: MqttClient;
  let service: RemoteCommandService;
  let dir: string;
  const store = new FakeStore();
  const log = recordingLog();
  const gateCalls: { tag: string; value: TagValue; user: string; via: string }[] = [];
  let handled = 0;
  let harnessErrors = 0;

  before(async () => {
    broker = await startMosquitto();
    dir = mkdtempSync(join(tmpdir(), 'pb-remote-it-'));
    service = createRemoteCommandService({
      enabled: true,
      maxAgeMs: 30_000,
      maxPerTagPerSecond: 50,
      users: [{ name: 'scada', secret: SECRET, role: 'operator' }],
      sparkplugUser: 'scada-host',
      allowList: [SETPOINT, MODE],
      statePath: join(dir, 'remote-commands.json'),
      gate: async (req) => {
        gateCalls.push(req);
        return { status: 'Good', message: `${req.tag} set` };
      },
      store,
      clock: systemClock,
      log,
    });
    await service.setEnabled(SETPOINT, true, 'eng', 'http');
    await service.setEnabled(MODE, true, 'eng', 'http');
    store.audit.length = 0;

    harness = await connected(broker.url);
    let chain = Promise.resolve();
    harness.on('message', (topic, payload) => {
      chain = chain
        .then(() => service.handleJsonCommand(topic, payload, PREFIX))
        .then(() => void (handled += 1))
        .catch(() => void (harnessErrors += 1));
    });
    await harness.subscribeAsync(commandTopicFilter(PREFIX), { qos: 1 });
    sender = await connected(broker.url);
  });

  after(async () => {
    await sender?.endAsync(true);
    await harness?.endAsync(true);
    await service?.stop();
    await broker?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a signed command reaches the gate as the signing user via mqtt-json', async () => {
    await sender.publishAsync(commandTopicFor(PREFIX, SETPOINT), signed(SETPOINT, 61.5, 'first'), { qos: 1 });
    await eventually(() => gateCalls.length === 1, 'the command reached the gate');
    assert.deepEqual(gateCalls, [{ tag: SETPOINT, value: 61.5, user: 'scada', via: 'mqtt-json' }]);
  });

  it('refuses every bad command with nothing written, and keeps running', async () => {
    const setTopic = commandTopicFor(PREFIX, SETPOINT);
    // Delivered to the harness (they match the subscription) and refused as malformed: counted, never audited.
    const malformedOnes: [string, string | Buffer][] = [
      [setTopic, ''],
      [setTopic, randomBytes(1, 64)],
      [setTopic, randomBytes(2, 1500)],
      [setTopic, randomBytes(3, 3)],
      [setTopic, signed(SETPOINT, 1, 'trunc').slice(0, 40)],
      [setTopic, tampered('value', '[1,2]')],
      [setTopic, tampered('value', '{"x":1}')],
      [setTopic, tampered('ts', 'true')],
      [setTopic, tampered('user', '42')],
      [setTopic, tampered('value', 'NaN')],
      [setTopic, tampered('value', 'Infinity')],
      [setTopic, tampered('value', '"-Infinity"')],
      [setTopic, tampered('value', '1e400')],
      [setTopic, tampered('value', '9007199254740993')],
      [setTopic, tampered('value', '123456789012345678901234567890')],
      [setTopic, signed(SETPOINT, 1, 'proto').replace('{', '{"__proto__":{"isAdmin":true},')],
      [setTopic, signed(SETPOINT, 1, 'dup').replace('{', '{"value":99,')],
      [setTopic, `${signed(SETPOINT, 1, 'extra').slice(0, -1)},"force":true}`],
      [`${PREFIX}/demo-site/utilities/__proto__/speed_sp/set`, signed(SETPOINT, 1, 'ptopic', { topic: `${PREFIX}/demo-site/utilities/__proto__/speed_sp/set` })],
      [`${PREFIX}/demo-site/utilities/pump-101/constructor/set`, signed(SETPOINT, 1, 'ctopic')],
    ];
    // Delivered and well-formed but refused by policy: audited, never reach the gate.
    const refusedOnes: [string, string][] = [
      [commandTopicFor(PREFIX, NOT_ALLOWED), signed(NOT_ALLOWED, 5, 'unknown-tag')],
      [setTopic, signed(SETPOINT, 5, 'bad-secret', { secret: 'not-the-secret' })],
      [setTopic, signed(SETPOINT, 61.5, 'first')], // a replay of the first command
    ];
    // Names with "/" add a level: they never match <prefix>/+/+/+/+/set, so the broker does not deliver them.
    const undelivered = [`${PREFIX}/demo-site/utilities/pump-101/speed/sp/set`, `${PREFIX}/demo-site/utilities/pump-101/speed_sp/x/set`];

    const malformedBefore = service.counters().malformed;
    for (const [topic, payload] of malformedOnes) await sender.publishAsync(topic, payload, { qos: 1 });
    for (const [topic, payload] of refusedOnes) await sender.publishAsync(topic, payload, { qos: 1 });
    for (const topic of undelivered) await sender.publishAsync(topic, signed(SETPOINT, 1, `slash-${topic.length}`, { topic }), { qos: 1 });

    // Names with + or #: an MQTT client may not publish to a wildcard topic. Whether mqtt.js refuses it locally or
    // mosquitto drops the connection, it never reaches the harness.
    // (mosquitto closes the connection; mqtt.js then leaves the publish pending, so each attempt gets its own client.)
    for (const topic of [`${PREFIX}/demo-site/utilities/+/speed_sp/set`, `${PREFIX}/demo-site/utilities/pump-101/#`]) {
      const rogue = await connected(broker.url);
      rogue.on('error', () => {});
      const outcome = await Promise.race([
        new Promise<string>((resolve) => rogue.once('close', () => resolve('disconnected'))),
        rogue.publishAsync(topic, signed(SETPOINT, 1, 'wild'), { qos: 1 }).then(() => 'acknowledged', (err: Error) => `refused: ${err.message}`),
      ]);
      assert.notEqual(outcome, 'acknowledged', `publishing to ${topic} should fail`);
      await rogue.endAsync(true);
    }

    // A last good command: once it and every delivered bad one have been handled, nothing else is in flight.
    await sender.publishAsync(commandTopicFor(PREFIX, MODE), signed(MODE, true, 'last'), { qos: 1 });
    const delivered = 1 + malformedOnes.length + refusedOnes.length + 1;
    await eventually(() => handled >= delivered, `all ${delivered} delivered commands were handled (handled ${handled})`);

    assert.deepEqual(
      gateCalls.map((c) => [c.tag, c.value]),
      [
        [SETPOINT, 61.5],
        [MODE, true],
      ],
      'only the two good commands reached the gate',
    );
    assert.equal(service.counters().malformed - malformedBefore, malformedOnes.length, JSON.stringify(service.counters().malformedByCode));
    assert.deepEqual(
      store.audit.map((a) => [a.tag, a.status]),
      [
        [NOT_ALLOWED, 'BadNotWritable'],
        [SETPOINT, 'BadIdentityTokenRejected'],
        [SETPOINT, 'BadNonceInvalid'],
      ],
      'policy refusals are audited; malformed messages are not',
    );
    assert.equal(harnessErrors, 0, 'handleJsonCommand never threw');
    assert.equal(harness.connected, true, 'the receiving client is still connected');
    assert.ok(!log.lines.join('\n').includes(SECRET), 'the secret never reaches the log');
    const codes = service.counters().malformedByCode;
    for (const code of ['empty', 'not-json', 'value-not-scalar', 'wrong-type', 'not-finite', 'unsafe-integer', 'forbidden-key', 'duplicate-key', 'unknown-key', 'topic-forbidden-level']) {
      assert.ok((codes[code] ?? 0) > 0, `${code} was seen: ${JSON.stringify(codes)}`);
    }
  });
});
