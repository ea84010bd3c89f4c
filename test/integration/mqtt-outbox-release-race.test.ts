// Regression: the connection to the broker drops while the uplink's pump is reading the SQLite outbox. The bench's
// outage run (200 tags, mosquitto stopped with SIGTERM) lost the batch in flight at the stop in about half the runs:
// mosquitto reset the socket a few ms after the batch went out, while the pump's next take() was scanning; the
// in-flight window released at that moment was skipped by every later scan (the scan stored its end position after
// the release), so it stayed in the outbox, neither sent again nor acked.
// Made deterministic here: a TCP relay in front of real mosquitto withholds the PUBACKs (so a batch stays in flight)
// and then cuts the connection, while the outbox's SELECT of the next take is held open.
import assert from 'node:assert/strict';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMqttJsonUplink } from '../../src-main/adapters/mqtt/index.js';
import { createSqliteOutbox } from '../../src-main/adapters/store/outbox/index.js';
import { mosquittoMissing, startMosquitto, type MosquittoBroker } from '../fixtures/mosquitto.js';
import { tempDir } from '../unit/outbox/outbox-kit.js';
import { eventually, recordingLog, systemClock } from '../unit/mqtt/mqtt-test-kit.js';
import { changeLog, counterBatch, counterTags } from '../unit/mqtt/store-forward-kit.js';

/** Relays client ↔ broker; can hold back what the broker sends (PUBACKs) and cut every client connection. */
interface Relay {
  url: string;
  holdBrokerReplies(hold: boolean): void;
  cutClients(): void;
  close(): Promise<void>;
}

async function startRelay(brokerHost: string, brokerPort: number): Promise<Relay> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let hold = false;
  const server: Server = createServer((client) => {
    const upstream = tcpConnect({ host: brokerHost, port: brokerPort });
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!hold) client.write(chunk); // held replies are dropped: that connection is about to be cut
    });
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  return {
    url: `mqtt://127.0.0.1:${address.port}`,
    holdBrokerReplies: (h) => (hold = h),
    cutClients: () => {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

/** The outbox's database handle, reached into so a test can hold one SELECT open (test-only coupling). */
interface QueryHandle {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

describe('MQTT JSON uplink: connection lost while the pump reads the outbox', { skip: mosquittoMissing() ?? false }, () => {
  const tmp = tempDir('pb-release-race-');
  let broker: MosquittoBroker;
  let relay: Relay;
  before(async () => {
    broker = await startMosquitto();
    relay = await startRelay(broker.host, broker.port);
  });
  after(async () => {
    await relay.close();
    await broker.close();
    tmp.remove();
  });

  it('sends the released in-flight window again after the reconnect and empties the outbox', { timeout: 30_000 }, async () => {
    const prefix = `race${process.pid}`;
    const tags = counterTags(20);
    const log = recordingLog();
    const outbox = createSqliteOutbox({ dbPath: join(tmp.dir, 'outbox.db'), maxBytes: 64 * 1024 ** 2, maxAgeMs: 86_400_000, log, clock: systemClock });
    await outbox.open();
    const db = (outbox as unknown as { db: QueryHandle }).db;
    const realAll = db.all.bind(db);
    let gate: Promise<void> | null = null;
    let openGate = (): void => undefined;
    let takeHeld = false;
    db.all = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
      const rows = await realAll<T>(sql, params);
      if (gate !== null && sql.startsWith('SELECT id, key, body')) {
        takeHeld = true;
        await gate; // the take's scan is between reading its rows and recording how far it got
      }
      return rows;
    };

    const uplink = createMqttJsonUplink({ url: relay.url, topicPrefix: prefix, outbox, reconnectPeriodMs: 200, log, clock: systemClock });
    uplink.setTags(tags);
    const sub = await changeLog(broker.url, prefix, `pb-race-sub-${process.pid}`);
    const has = (tick: number): boolean => tags.every((t) => sub.byTopic.get(`${prefix}/${t.id}`)?.some((c) => c.value === tick) ?? false);
    try {
      await uplink.start(); // empty outbox at connect: live records are scanned from the table's start
      uplink.publish(counterBatch(tags, 0));
      await eventually(() => has(0) && uplink.status().outbox?.depth === 0, 'tick 0 delivered and acked');

      relay.holdBrokerReplies(true); // tick 1 reaches mosquitto (and the subscriber) but is never PUBACKed
      uplink.publish(counterBatch(tags, 1));
      await eventually(() => has(1), 'tick 1 at the broker');

      gate = new Promise<void>((resolve) => (openGate = resolve));
      uplink.publish(counterBatch(tags, 2)); // the pump's take for it stays inside its SELECT
      await eventually(() => takeHeld, 'a take in progress');
      relay.cutClients(); // connection lost: tick 1 (in flight) goes back to the outbox during that take
      await eventually(() => uplink.status().state !== 'connected', 'the uplink notices the cut');
      relay.holdBrokerReplies(false);
      gate = null;
      openGate();

      await eventually(() => uplink.status().state === 'connected', 'the uplink reconnects');
      await eventually(() => has(2), 'tick 2 delivered after the reconnect');
      // Tick 1 was never acknowledged, so it must be sent again (flagged historical) and leave the outbox.
      await eventually(() => uplink.status().outbox?.depth === 0, `the outbox empties (depth ${uplink.status().outbox?.depth})`);
      const resent = tags.every((t) => sub.byTopic.get(`${prefix}/${t.id}`)?.some((c) => c.value === 1 && c.historical) ?? false);
      assert.ok(resent, 'tick 1 sent again after the reconnect');
      assert.equal(uplink.status().failed, 0);
    } finally {
      openGate();
      await uplink.stop();
      await outbox.close();
      await sub.close();
    }
  });
});
