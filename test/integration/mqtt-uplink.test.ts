// The MQTT JSON uplink against real brokers: the embedded aedes broker and Debian mosquitto.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createMqttJsonUplink,
  startEmbeddedBroker,
  type MqttJsonUplink,
  type MqttUplinkOptions,
} from '../../src-main/adapters/mqtt/index.js';
import type { TagSample } from '../../src-main/contract/index.js';
import { mosquittoMissing, startMosquitto } from '../fixtures/mosquitto.js';
import { eventually, describeStatus, recordingLog, subscribe, systemClock, tagDef } from '../unit/mqtt/mqtt-test-kit.js';

const FLOW = 'demo-site/utilities/pump-101/flow';
const SPEED = 'demo-site/utilities/pump-101/speed';
const log = recordingLog();

interface BrokerUnderTest {
  url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function embeddedBroker(): Promise<BrokerUnderTest> {
  let broker = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, log });
  const port = broker.port;
  return {
    url: broker.url,
    stop: () => broker.stop(),
    restart: async () => {
      broker = await startEmbeddedBroker({ host: '127.0.0.1', port, log });
    },
    close: () => broker.stop(),
  };
}

async function mosquittoBroker(): Promise<BrokerUnderTest> {
  const broker = await startMosquitto();
  return { url: broker.url, stop: broker.stop, restart: broker.start, close: broker.close };
}

let prefixCounter = 0;
/** A fresh prefix per test, so retained messages of one test never reach another. */
const freshPrefix = (): string => `pbtest${process.pid}-${++prefixCounter}`;

function makeUplink(url: string, over: Partial<MqttUplinkOptions> = {}): MqttJsonUplink {
  const uplink = createMqttJsonUplink({ url, log, clock: systemClock, reconnectPeriodMs: 200, ...over });
  uplink.setTags([tagDef(FLOW, 'm3/h'), tagDef(SPEED, 'rpm')]);
  return uplink;
}

const sample = (tagId: string, value: number, ts = Date.UTC(2025, 0, 31, 12, 0, 0, 250)): TagSample => ({
  tagId,
  ts,
  value,
  quality: 'good',
});

const brokers = [
  { kind: 'the embedded aedes broker', start: embeddedBroker, skip: null },
  { kind: 'Debian mosquitto', start: mosquittoBroker, skip: mosquittoMissing() },
] as const;

for (const { kind, start, skip } of brokers) {
  describe(`MQTT JSON uplink against ${kind}`, { skip: skip ?? false }, () => {
    let broker: BrokerUnderTest;
    before(async () => {
      broker = await start();
    });
    after(async () => {
      await broker.close();
    });

    it('publishes a sample as JSON {value, ts, quality, unit} on <prefix>/demo-site/utilities/pump-101/flow at QoS 1', async () => {
      const prefix = freshPrefix();
      const sub = await subscribe(broker.url, `${prefix}/#`);
      const uplink = makeUplink(broker.url, { topicPrefix: prefix });
      try {
        await uplink.start();
        assert.equal(uplink.status().state, 'connected', describeStatus(uplink.status()));
        uplink.publish({ samples: [sample(FLOW, 12.5)] });
        await sub.waitFor((m) => m.some((x) => x.topic.endsWith('/flow')), 'the flow message');
        const message = sub.messages.find((x) => x.topic === `${prefix}/${FLOW}`);
        assert.ok(message, `no message on ${prefix}/${FLOW}`);
        assert.equal(message.qos, 1);
        assert.deepEqual(JSON.parse(message.payload), {
          value: 12.5,
          ts: '2025-01-31T12:00:00.250Z',
          quality: 'good',
          unit: 'm3/h',
        });
        await eventually(() => uplink.status().published === 1, 'the broker acknowledged the sample');
        assert.equal(uplink.status().failed, 0);
      } finally {
        await uplink.stop();
        await sub.close();
      }
    });

    it('delivers every sample of a large batch, in order', async () => {
      const prefix = freshPrefix();
      const sub = await subscribe(broker.url, `${prefix}/demo-site/#`);
      const uplink = makeUplink(broker.url, { topicPrefix: prefix });
      const count = 5000;
      try {
        await uplink.start();
        const samples: TagSample[] = [];
        for (let i = 0; i < count; i++) samples.push(sample(i % 2 === 0 ? FLOW : SPEED, i, Date.UTC(2025, 0, 1) + i));
        uplink.publish({ samples });
        await sub.waitFor((m) => m.length >= count, `${count} messages`, 20_000);
        const values = sub.messages.map((m) => (JSON.parse(m.payload) as { value: number }).value);
        assert.deepEqual(values, Array.from({ length: count }, (_, i) => i));
        await eventually(() => uplink.status().published === count, 'all samples acknowledged');
      } finally {
        await uplink.stop();
        await sub.close();
      }
    });

    it('publishes only the configured tags and counts the others as skipped', async () => {
      const prefix = freshPrefix();
      const sub = await subscribe(broker.url, `${prefix}/demo-site/#`);
      const uplink = makeUplink(broker.url, { topicPrefix: prefix });
      try {
        await uplink.start();
        uplink.publish({ samples: [sample('demo-site/utilities/pump-999/flow', 1), sample(FLOW, 2)] });
        await sub.waitFor((m) => m.length >= 1, 'the configured tag');
        await eventually(() => uplink.status().published === 1, 'one sample acknowledged');
        assert.deepEqual(
          sub.messages.map((m) => m.topic),
          [`${prefix}/${FLOW}`],
        );
        assert.equal(uplink.status().skipped, 1);
      } finally {
        await uplink.stop();
        await sub.close();
      }
    });

    it('announces online on <prefix>/_bridge/status and leaves a retained offline there when stopped', async () => {
      const prefix = freshPrefix();
      const statusTopic = `${prefix}/_bridge/status`;
      const sub = await subscribe(broker.url, statusTopic);
      const uplink = makeUplink(broker.url, { topicPrefix: prefix });
      try {
        await uplink.start();
        await sub.waitFor((m) => m.some((x) => x.payload === 'online'), 'online');
        await uplink.stop();
        await sub.waitFor((m) => m.at(-1)?.payload === 'offline', 'offline');
      } finally {
        await uplink.stop();
        await sub.close();
      }
      // A late subscriber learns the bridge is offline from the retained message.
      const late = await subscribe(broker.url, statusTopic);
      try {
        await late.waitFor((m) => m.length > 0, 'the retained status');
        assert.equal(late.messages[0]?.payload, 'offline');
        assert.equal(late.messages[0]?.retain, true);
      } finally {
        await late.close();
      }
    });

    it('has the broker publish the retained offline will when the bridge process dies', async () => {
      const prefix = freshPrefix();
      const statusTopic = `${prefix}/_bridge/status`;
      const sub = await subscribe(broker.url, statusTopic);
      const childScript = fileURLToPath(new URL('../unit/mqtt/uplink-child.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', childScript, broker.url, prefix], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        await sub.waitFor((m) => m.some((x) => x.payload === 'online'), 'online from the child', 20_000);
        child.kill('SIGKILL');
        await sub.waitFor((m) => m.at(-1)?.payload === 'offline', 'the offline will');
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await sub.close();
      }
    });

    it('keeps running while the broker is down, says why, and publishes again once it is back', async () => {
      const prefix = freshPrefix();
      const uplink = makeUplink(broker.url, { topicPrefix: prefix });
      const states: string[] = [];
      uplink.onStatus((s) => states.push(s.state));
      try {
        await uplink.start();
        assert.equal(uplink.status().state, 'connected');

        await broker.stop();
        await eventually(() => uplink.status().state === 'disconnected', 'the uplink reports disconnected');
        await eventually(() => /refused the connection \(ECONNREFUSED\)/.test(uplink.status().lastError ?? ''),
          'the reason names ECONNREFUSED');
        assert.match(uplink.status().lastError ?? '', /127\.0\.0\.1:\d+/);
        uplink.publish({ samples: [sample(FLOW, 2)] }); // queued while away

        await broker.restart();
        const sub = await subscribe(broker.url, `${prefix}/demo-site/#`);
        try {
          await eventually(() => uplink.status().state === 'connected', 'the uplink reconnects by itself');
          assert.equal(uplink.status().lastError, null);
          uplink.publish({ samples: [sample(FLOW, 3)] });
          await sub.waitFor((m) => m.some((x) => x.payload.includes('"value":3')), 'the sample after reconnect');
          const values = sub.messages.map((m) => (JSON.parse(m.payload) as { value: number }).value);
          assert.deepEqual(values, [2, 3]);
          assert.deepEqual(states.slice(0, 2), ['connecting', 'connected']);
          assert.ok(states.includes('disconnected'));
        } finally {
          await sub.close();
        }
      } finally {
        await uplink.stop();
      }
    });
  });
}

describe('MQTT JSON uplink without a reachable broker', () => {
  it('starts anyway, reports disconnected with the reason, and stops cleanly', async () => {
    const embedded = await startEmbeddedBroker({ host: '127.0.0.1', port: 0, log });
    const url = embedded.url;
    await embedded.stop(); // a port where nothing listens any more
    const uplink = makeUplink(url);
    try {
      await uplink.start();
      await eventually(() => uplink.status().state === 'disconnected', 'disconnected');
      assert.match(uplink.status().lastError ?? '', /^broker 127\.0\.0\.1:\d+ refused the connection \(ECONNREFUSED\)$/);
      uplink.publish({ samples: [sample(FLOW, 1)] });
      assert.equal(uplink.status().queued, 1);
    } finally {
      await uplink.stop();
    }
    assert.equal(uplink.status().state, 'disconnected');
    assert.equal(uplink.status().failed, 1, 'the queued sample that never left is counted as failed');
  });

  it('bounds the queue while disconnected: the oldest samples are dropped and counted as failed', async () => {
    const uplink = makeUplink('mqtt://127.0.0.1:1', { maxQueued: 3 });
    try {
      await uplink.start();
      uplink.publish({ samples: [1, 2, 3, 4, 5].map((v) => sample(FLOW, v)) });
      assert.equal(uplink.status().queued, 3);
      assert.equal(uplink.status().failed, 2);
    } finally {
      await uplink.stop();
    }
  });
});

describe('MQTT JSON uplink configuration errors', () => {
  it('refuses to start with a TLS CA file that cannot be read', async () => {
    const uplink = makeUplink('mqtts://127.0.0.1:8883', { tls: { caFile: '/nonexistent/ca.pem' } });
    await assert.rejects(uplink.start(), /MQTT TLS CA file "\/nonexistent\/ca.pem" cannot be read \(ENOENT\)/);
    await uplink.stop();
  });

  it('refuses a URL scheme it cannot speak', async () => {
    const uplink = makeUplink('http://127.0.0.1:1883');
    await assert.rejects(uplink.start(), /must start with mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//);
  });

  it('refuses a topic prefix with an MQTT wildcard', async () => {
    const uplink = makeUplink('mqtt://127.0.0.1:1883', { topicPrefix: 'plant/#' });
    await assert.rejects(uplink.start(), /wildcard/);
  });

  it('never shows credentials from the URL in its status', () => {
    const uplink = makeUplink('mqtt://bridge:s3cret@127.0.0.1:1883');
    assert.equal(uplink.status().url, 'mqtt://127.0.0.1:1883');
    assert.equal(uplink.status().kind, 'mqtt-json');
    assert.equal(uplink.status().topicPrefix, 'plantbridge');
  });
});
