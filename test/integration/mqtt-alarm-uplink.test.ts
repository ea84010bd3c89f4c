// Alarms on the MQTT JSON uplink against Debian mosquitto: one retained JSON message per alarm on
// `<prefix>/<site>/_alarms/<area>/<asset>/<tag>/<level>`, through the durable SQLite outbox, newest state retained
// again after an outage (the outage's transitions arrive as history).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMqttJsonUplink, type MqttJsonUplink } from '../../src-main/adapters/mqtt/index.js';
import { createSqliteHistorian } from '../../src-main/adapters/store/index.js';
import { createSqliteOutbox, type SqliteOutbox } from '../../src-main/adapters/store/outbox/index.js';
import type { TagBatch } from '../../src-main/contract/index.js';
import type { TagDef } from '../../src-main/domain/tags.js';
import { createAlarmService, type AlarmService } from '../../src-main/services/alarm-service.js';
import type { HistorianStore } from '../../src-main/services/ports.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { tempDir } from '../fixtures/opcua-peer.js';
import { waitFor } from '../fixtures/wait-for.js';
import { recordingLog, subscribe, systemClock, tagDef, type Received } from '../unit/mqtt/mqtt-test-kit.js';

const log = recordingLog();
const PREFIX = `pbalarm${process.pid}`;
const TAG: TagDef = { ...tagDef('demo-site/utilities/pump-101/vibration', 'mm/s'), alarms: { H: 7, deadband: 0.5, priority: 1 } };
const TOPIC = `${PREFIX}/demo-site/_alarms/utilities/pump-101/vibration/H`;

function batch(value: number): TagBatch {
  return { samples: [{ tagId: TAG.id, ts: Date.now(), value, quality: 'good' }] };
}

function parsed(m: Received): Record<string, unknown> {
  return JSON.parse(m.payload) as Record<string, unknown>;
}

describe('alarms on the MQTT JSON uplink (mosquitto, durable outbox)', { skip: mosquittoMissing() ?? false }, () => {
  const tmp = tempDir('pb-mqtt-alarms-');
  let broker: MosquittoBroker;
  let store: HistorianStore;
  let outbox: SqliteOutbox;
  let alarms: AlarmService;
  let uplink: MqttJsonUplink;

  before(async () => {
    broker = await startMosquitto();
    store = createSqliteHistorian({ dbPath: join(tmp.dir, 'plantbridge.db'), retentionDays: 1, log, clock: systemClock });
    await store.open();
    outbox = createSqliteOutbox({ dbPath: join(tmp.dir, 'outbox-mqtt-json.db'), maxBytes: 64 * 1024 ** 2, maxAgeMs: 86_400_000, log, clock: systemClock });
    await outbox.open();
    uplink = createMqttJsonUplink({ url: broker.url, topicPrefix: PREFIX, outbox, log, clock: systemClock, reconnectPeriodMs: 200 });
    uplink.setTags([TAG]);
    alarms = createAlarmService({ store, clock: systemClock, log });
    alarms.setTags([TAG]);
    alarms.onChange((changed) => uplink.publishAlarms(changed));
    await uplink.start();
  });

  after(async () => {
    await uplink.stop();
    await outbox.close();
    await alarms.flush();
    await store.close();
    await broker.close();
    tmp.cleanup();
  });

  it('publishes the activation and the acknowledge retained on the alarm topic', async () => {
    alarms.ingest(batch(9.2));
    const live = await subscribe(broker.url, `${PREFIX}/#`);
    try {
      await live.waitFor((ms) => ms.some((m) => m.topic === TOPIC && parsed(m)['state'] === 'unacknowledged'), 'the activation');
      await alarms.acknowledge(`${TAG.id}#H`, 'checking bearing', 'olga');
      await live.waitFor((ms) => ms.some((m) => m.topic === TOPIC && parsed(m)['state'] === 'acknowledged'), 'the acknowledge');
    } finally {
      await live.close();
    }
    // A subscriber that comes later gets the newest state from the broker's retained message.
    const late = await subscribe(broker.url, TOPIC);
    try {
      await late.waitFor((ms) => ms.length > 0, 'the retained message');
      const first = late.messages[0] as Received;
      assert.equal(first.retain, true);
      const body = parsed(first);
      assert.equal(body['state'], 'acknowledged');
      assert.equal(body['active'], true);
      assert.equal(body['acknowledged'], true);
      assert.equal(body['priority'], 1);
      assert.equal(body['value'], 9.2);
      assert.equal(body['limit'], 7);
      assert.match(String(body['activeSince']), /^\d{4}-\d\d-\d\dT.*Z$/);
      assert.match(String(body['message']), /vibration/);
    } finally {
      await late.close();
    }
  });

  it('loses no transition while the link is down and retains the newest state afterwards', async () => {
    await uplink.setCut(true);
    alarms.ingest(batch(5.0)); // acknowledged → normal while nothing reaches the broker
    await waitFor('the transition stored in the outbox', () => (outbox.status().depth > 0 ? true : undefined));
    const watcher = await subscribe(broker.url, TOPIC);
    await uplink.setCut(false);
    try {
      await watcher.waitFor(
        (ms) => ms.some((m) => parsed(m)['state'] === 'normal' && parsed(m)['historical'] === true),
        'the transition made while cut, as history',
        20_000,
      );
      // …and the newest state again, live, so the broker's retained message is current.
      await watcher.waitFor(
        (ms) => ms.some((m) => parsed(m)['state'] === 'normal' && parsed(m)['historical'] === undefined),
        'the newest state republished live after the reconnect',
        20_000,
      );
    } finally {
      await watcher.close();
    }
    const late = await subscribe(broker.url, TOPIC);
    try {
      await late.waitFor((ms) => ms.length > 0, 'the retained message');
      const first = late.messages[0] as Received;
      assert.equal(first.retain, true);
      assert.equal(parsed(first)['state'], 'normal');
      assert.equal(parsed(first)['historical'], undefined, 'the retained message is the live one');
    } finally {
      await late.close();
    }
  });
});
