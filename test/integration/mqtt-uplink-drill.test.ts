// The store-and-forward drill ("pull the cable") and remote command delivery of the MQTT JSON uplink, against
// Debian mosquitto with a real SQLite outbox.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMqttJsonUplink } from '../../src-main/adapters/mqtt/index.js';
import { createSqliteOutbox } from '../../src-main/adapters/store/outbox/index.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { tempDir } from '../unit/outbox/outbox-kit.js';
import { eventually, recordingLog, subscribe, systemClock } from '../unit/mqtt/mqtt-test-kit.js';
import { changeLog, checkChanges, counterBatch, counterTags } from '../unit/mqtt/store-forward-kit.js';

describe('MQTT JSON uplink drill and commands', { skip: mosquittoMissing() ?? false }, () => {
  const tmp = tempDir('pb-drill-');
  let broker: MosquittoBroker;
  let n = 0;
  before(async () => {
    broker = await startMosquitto();
  });
  after(async () => {
    await broker.close();
    tmp.remove();
  });

  const setup = async (over: { onCommand?: (topic: string, payload: Buffer) => void } = {}) => {
    const prefix = `drill${process.pid}-${++n}`;
    const log = recordingLog();
    const outbox = createSqliteOutbox({ dbPath: join(tmp.dir, `outbox-${n}.db`), maxBytes: 64 * 1024 ** 2, maxAgeMs: 3_600_000, log, clock: systemClock });
    await outbox.open();
    const uplink = createMqttJsonUplink({ id: 'mqtt-json', url: broker.url, topicPrefix: prefix, outbox, reconnectPeriodMs: 200, log, clock: systemClock, ...over });
    return { prefix, outbox, uplink, log };
  };

  it('cut: state "cut", offline published, data buffered; restore: drains to 0 and every message is delivered', { timeout: 30_000 }, async () => {
    const { prefix, outbox, uplink } = await setup();
    const tags = counterTags(100);
    uplink.setTags(tags);
    const sub = await changeLog(broker.url, prefix, `pb-drill-${process.pid}`);
    const presence = await subscribe(broker.url, `${prefix}/_bridge/status`);
    try {
      await uplink.start();
      await presence.waitFor((m) => m.some((x) => x.payload === 'online'), 'online');
      for (let tick = 0; tick < 5; tick++) uplink.publish(counterBatch(tags, tick));
      await eventually(() => sub.distinct() === 500, 'the live messages');

      await uplink.setCut(true);
      await eventually(() => uplink.status().state === 'cut', 'state cut');
      await presence.waitFor((m) => m.at(-1)?.payload === 'offline', 'offline on cut');
      for (let tick = 5; tick < 25; tick++) uplink.publish(counterBatch(tags, tick));
      await eventually(() => uplink.status().outbox?.depth === 2_000, 'the outbox holds what was published while cut');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(uplink.status().state, 'cut', 'no reconnection while cut');
      assert.equal(sub.distinct(), 500, 'nothing leaves while cut');

      await uplink.setCut(false);
      await eventually(() => uplink.status().state === 'connected', 'reconnected after restore');
      await eventually(() => uplink.status().outbox?.depth === 0, 'drained to 0');
      await eventually(() => sub.distinct() === 2_500, 'every message delivered');
      const { historical } = checkChanges(sub, tags.map((t) => `${prefix}/${t.id}`), 25);
      assert.deepEqual([...historical].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 5));
      const status = uplink.status();
      assert.equal(status.id, 'mqtt-json');
      assert.equal(status.outbox?.delivered, 2_500);
      assert.equal(status.published, 2_500);
      assert.equal(status.failed, 0);
    } finally {
      await uplink.stop();
      await outbox.close();
      await sub.close();
      await presence.close();
    }
  });

  it('does not retain historical messages: the retained value of a topic stays the newest live one', { timeout: 20_000 }, async () => {
    const { prefix, outbox, uplink } = await setup();
    const tags = counterTags(1);
    uplink.setTags(tags);
    try {
      await uplink.start();
      await uplink.setCut(true);
      await eventually(() => uplink.status().state === 'cut', 'cut');
      uplink.publish(counterBatch(tags, 1)); // buffered: historical after restore
      await uplink.setCut(false);
      await eventually(() => uplink.status().state === 'connected', 'connected');
      uplink.publish(counterBatch(tags, 2));
      await eventually(() => uplink.status().outbox?.depth === 0 && uplink.status().published === 2, 'both delivered');
      const late = await subscribe(broker.url, `${prefix}/#`);
      try {
        await late.waitFor((m) => m.some((x) => x.topic.endsWith('/counter')), 'the retained value');
        const retained = late.messages.filter((x) => x.topic.endsWith('/counter'));
        assert.equal(retained.length, 1);
        assert.deepEqual(JSON.parse(retained[0]!.payload), { value: 2, ts: '2026-01-15T08:00:00.200Z', quality: 'good' });
      } finally {
        await late.close();
      }
    } finally {
      await uplink.stop();
      await outbox.close();
    }
  });

  it('hands messages on <prefix>/+/+/+/+/set to onCommand and never publishes or stores them', { timeout: 20_000 }, async () => {
    const commands: { topic: string; payload: string }[] = [];
    const { prefix, outbox, uplink } = await setup({ onCommand: (topic, payload) => commands.push({ topic, payload: payload.toString() }) });
    const sender = await subscribe(broker.url, `${prefix}/#`);
    try {
      await uplink.start();
      await eventually(() => uplink.status().state === 'connected', 'connected');
      // The subscription is made after CONNACK; retry until it is in place.
      const topic = `${prefix}/demo-site/utilities/pump-101/speed/set`;
      await eventually(() => {
        if (commands.length === 0) void sender.client.publishAsync(topic, '{"value":1200}', { qos: 1 });
        return commands.length > 0;
      }, 'the command reached onCommand', 10_000);
      assert.deepEqual(commands[0], { topic, payload: '{"value":1200}' });
      await sender.client.publishAsync(`${prefix}/demo-site/utilities/pump-101/speed`, 'not a command', { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(commands.every((c) => c.topic === topic), 'only the /set filter is handed over');
      assert.equal(outbox.status().depth, 0);
      assert.equal(uplink.status().published, 0, 'commands are not published by the uplink');
    } finally {
      await uplink.stop();
      await outbox.close();
      await sender.close();
    }
  });

  it('reports an outbox that cannot be written in lastError and keeps running', { timeout: 20_000 }, async () => {
    const { outbox, uplink } = await setup();
    const tags = counterTags(2);
    uplink.setTags(tags);
    try {
      await uplink.start();
      await outbox.close(); // stands in for a failing disk: every append now rejects
      uplink.publish(counterBatch(tags, 0));
      await eventually(() => /outbox .* is not open/.test(uplink.status().lastError ?? ''), 'the outbox error is reported');
      assert.equal(uplink.status().failed, 2);
      assert.equal(uplink.status().state, 'connected');
    } finally {
      await uplink.stop();
    }
  });
});
