// The MQTT JSON uplink: publishes every sample of the bridge's tags to its unified-namespace topic.
// publish() encodes and appends to the outbox (durable SQLite, or a bounded in-memory one) and never waits for
// the network; a pump takes from the outbox while connected and acks only after PUBACK (see outbox-pump.ts).
// Replayed messages carry "historical": true and are not retained (see historical-body.ts for consumer rules).
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { AlarmDto, TagBatch, UplinkStatus, UplinkTestResult } from '../../contract/index.js';
import { DEFAULT_TOPIC_PREFIX, assertValidTopicPrefix, bridgeStatusTopic } from '../../domain/uns-topic.js';
import type { TagDef } from '../../domain/tags.js';
import type { Disposable, Listener, Outbox, Uplink } from '../../services/ports.js';
import { MemoryOutbox } from '../store/outbox/memory-outbox.js';
import { markHistorical } from './historical-body.js';
import { AlarmRecords, type NewRecord } from './mqtt-alarm-records.js';
import { commandFilter, discardUnsentMessages, socketFull } from './mqtt-client-io.js';
import { endClient, firstOutcome, publishPresence } from './mqtt-client-lifecycle.js';
import { buildClientOptions, parseBrokerUrl } from './mqtt-connect-options.js';
import { testMqttConnection } from './mqtt-connection-test.js';
import { describeMqttError, redactUrl, type BrokerAddress } from './mqtt-error-text.js';
import type { MqttUplinkOptions } from './mqtt-uplink-options.js';
import { OutboxPump, type PumpSender } from './outbox-pump.js';
import { UnsValueRecords } from './uns-value-records.js';
import { UplinkStatusTracker, type MqttUplinkStatus } from './uplink-status-tracker.js';

export type { MqttUplinkOptions } from './mqtt-uplink-options.js';

export interface MqttJsonUplink extends Uplink {
  status(): MqttUplinkStatus;
  publishAlarms(changed: AlarmDto[]): void;
}

const DEFAULT_MAX_QUEUED = 100_000;
/** Un-acknowledged messages allowed in flight; enough to fill a LAN round trip at 30k+ messages/s. */
const IN_FLIGHT_WINDOW = 4096;
/** How long stop() (and a drill cut) wait for queued values and the `offline` status to be acknowledged. */
const STOP_DRAIN_MS = 2000;

export function createMqttJsonUplink(opts: MqttUplinkOptions): MqttJsonUplink {
  return new MqttJsonUplinkImpl(opts);
}

class MqttJsonUplinkImpl implements MqttJsonUplink {
  readonly id: string;
  private readonly prefix: string;
  private readonly qos: 0 | 1;
  private readonly retain: boolean;
  private readonly tracker: UplinkStatusTracker;
  private readonly outbox: Outbox;
  /** Set when the messages live in memory only (no durable outbox configured). */
  private readonly memory: MemoryOutbox | null;
  private readonly pump: OutboxPump;
  private client: MqttClient | null = null;
  private clientOptions: IClientOptions | null = null;
  private broker: BrokerAddress = { host: '', port: 0 };
  private awaitingDrain = false;
  private started = false;
  private stopped = false;
  private cut = false;
  private cutting: Promise<void> = Promise.resolve();
  private readonly appending = new Set<Promise<void>>();
  private readonly values: UnsValueRecords;
  private readonly alarms: AlarmRecords;

  constructor(private readonly opts: MqttUplinkOptions) {
    this.id = opts.id ?? 'mqtt-json';
    this.prefix = opts.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.qos = opts.qos ?? 1;
    this.retain = opts.retain ?? true;
    // Without a durable outbox, the same take/ack/release path runs on a bounded in-memory queue.
    if (opts.outbox) {
      this.memory = null;
      this.outbox = opts.outbox;
    } else {
      this.memory = new MemoryOutbox(opts.maxQueued ?? DEFAULT_MAX_QUEUED);
      this.outbox = this.memory;
    }
    this.values = new UnsValueRecords(this.prefix, opts.log);
    this.alarms = new AlarmRecords(this.prefix, opts.log);
    this.pump = new OutboxPump(this.outbox, {
      window: IN_FLIGHT_WINDOW,
      drainPerSecond: Math.max(1, opts.drainPerSecond ?? 5000),
      log: opts.log,
      onDelivered: (n) => (this.tracker.counters.published += n),
    });
    const fixed = { id: this.id, url: redactUrl(opts.url), embeddedBroker: opts.embeddedBroker ?? false, topicPrefix: this.prefix };
    this.tracker = new UplinkStatusTracker(fixed, opts.clock, opts.log, {
      queued: () => this.outbox.status().depth,
      dropped: () => this.outbox.status().dropped,
      outbox: () => (this.memory === null ? this.outbox.status() : null),
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    assertValidTopicPrefix(this.prefix);
    this.broker = parseBrokerUrl(this.opts.url).broker;
    const connectTimeoutMs = this.opts.connectTimeoutMs ?? 10_000;
    this.clientOptions = buildClientOptions({
      url: this.opts.url,
      clientId: this.opts.clientId,
      username: this.opts.username,
      password: this.opts.password,
      tls: this.opts.tls,
      willTopic: bridgeStatusTopic(this.prefix),
      reconnectPeriodMs: this.opts.reconnectPeriodMs ?? 2000,
      connectTimeoutMs,
    });
    this.started = true;
    this.stopped = false;
    if (this.cut) {
      this.tracker.setState('cut');
      return;
    }
    await firstOutcome(this.connectClient(), connectTimeoutMs + 1000);
  }

  async stop(): Promise<void> {
    if (!this.started || this.stopped) return;
    this.stopped = true;
    await this.cutting;
    await Promise.allSettled([...this.appending]);
    const client = this.client;
    if (client !== null) await this.disconnect(client, true);
    this.client = null;
    this.started = false;
    // Without a durable outbox, what never reached the broker is lost here.
    if (this.memory !== null) this.tracker.counters.failed += this.memory.clear();
    this.tracker.setState('disconnected');
  }

  setCut(cut: boolean): Promise<void> {
    if (cut === this.cut) return this.cutting;
    this.cut = cut;
    this.cutting = this.cutting
      .then(async () => {
        if (cut) await this.cutLink();
        else if (this.started && !this.stopped && this.client === null) this.connectClient();
      })
      .catch((err: unknown) => this.opts.log.error({ uplink: this.id, err: (err as Error).message }, 'uplink drill failed'));
    return this.cutting;
  }

  setTags(tags: TagDef[]): void {
    this.values.setTags(tags);
  }

  publish(batch: TagBatch): void {
    // createdAt is when the bridge received the value, not the source timestamp: the age limit and the oldest age
    // shown in the UI are about how long a message waited here; a source with a lagging clock must not have its
    // live values dropped as "too old". The source time stays in the JSON body (`ts`).
    const { records, skipped, failed } = this.values.records(batch, this.opts.clock.now());
    this.tracker.counters.skipped += skipped;
    this.tracker.counters.failed += failed;
    this.append(records, true);
  }

  publishAlarms(changed: AlarmDto[]): void {
    this.append(this.alarms.records(changed, this.opts.clock.now()), false);
  }

  /**
   * Values and alarm messages take the same durable path: outbox first, sent by the pump, acked after PUBACK.
   * A stored batch of values also clears a previous store error.
   */
  private append(records: NewRecord[], clearsStoreError: boolean): void {
    if (records.length === 0) return;
    if (this.stopped) {
      this.tracker.counters.failed += records.length;
      return;
    }
    const appended = this.outbox.append(records).then(
      () => {
        if (clearsStoreError) this.tracker.setStoreError(null);
        this.pump.kick();
      },
      (err: unknown) => {
        // Never thrown into the data path: counted, shown in the status, logged once per distinct message.
        this.tracker.counters.failed += records.length;
        this.tracker.setStoreError((err as Error).message);
      },
    );
    this.appending.add(appended);
    void appended.finally(() => this.appending.delete(appended));
  }

  status(): MqttUplinkStatus {
    return this.tracker.snapshot();
  }

  test(): Promise<UplinkTestResult> {
    const { url, username, password, tls } = this.opts;
    return testMqttConnection({ id: this.id, url, username, password, tls });
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    return this.tracker.onStatus(listener);
  }

  private connectClient(): MqttClient {
    this.tracker.setState('connecting');
    const client = connect(redactUrl(this.opts.url), this.clientOptions as IClientOptions);
    this.client = client;
    this.wire(client);
    return client;
  }

  /** The drill: publish `offline`, end the connection on purpose, and do not reconnect until restored. */
  private async cutLink(): Promise<void> {
    this.tracker.setState('cut');
    this.opts.log.warn({ uplink: this.id }, 'uplink cut on purpose (store-and-forward drill): buffering in the outbox');
    const client = this.client;
    this.client = null; // its events no longer change the status
    if (client !== null) await this.disconnect(client, false);
  }

  /** Deliberate end of a connection: let queued (stop) or in-flight (cut) messages be acknowledged first. */
  private async disconnect(client: MqttClient, drainQueue: boolean): Promise<void> {
    if (client.connected) {
      if (!drainQueue) this.pump.pause();
      const deadline = Date.now() + STOP_DRAIN_MS;
      while (client.connected && Date.now() < deadline && (this.pump.inFlightCount > 0 || (drainQueue && this.outbox.status().depth > 0))) {
        this.pump.kick();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      this.pump.pause();
      await publishPresence(client, this.prefix, 'offline', STOP_DRAIN_MS);
    }
    this.pump.detach();
    await this.pump.settled();
    await endClient(client, !client.connected, STOP_DRAIN_MS);
  }

  private wire(client: MqttClient): void {
    // An 'error' without a listener would crash the process; every error becomes the status' lastError instead.
    client.on('error', (err) => {
      if (client !== this.client) return;
      this.tracker.setError(describeMqttError(err, this.broker));
    });
    client.on('connect', () => {
      if (this.stopped || client !== this.client) return;
      this.awaitingDrain = false; // a 'drain' wait belonged to the previous socket
      this.tracker.setError(null);
      this.tracker.setState('connected');
      this.opts.log.info({ uplink: this.id, url: redactUrl(this.opts.url) }, 'MQTT uplink connected');
      void publishPresence(client, this.prefix, 'online', 0);
      this.subscribeCommands(client);
      this.pump.attach(this.sender(client));
      // After the boundary: live and retained, so each alarm topic ends on its newest state.
      this.append(this.alarms.snapshot(this.opts.clock.now()), false);
    });
    const lost = (): void => {
      if (client !== this.client) return;
      // Un-acked messages go back to the outbox; mqtt.js must not also resend its copies on reconnect.
      this.pump.detach();
      discardUnsentMessages(client);
      if (this.stopped) return;
      if (this.tracker.current === 'connected' && this.tracker.error === null) {
        this.tracker.setError(`connection to broker ${this.broker.host}:${this.broker.port} lost`);
      }
      this.tracker.setState('disconnected');
    };
    client.on('close', lost);
    client.on('offline', lost);
    client.on('message', (topic, payload) => {
      try {
        this.opts.onCommand?.(topic, payload);
      } catch (err) {
        this.opts.log.error({ uplink: this.id, topic, err: (err as Error).message }, 'remote command handler threw');
      }
    });
  }

  private subscribeCommands(client: MqttClient): void {
    if (this.opts.onCommand === undefined) return;
    const filter = commandFilter(this.prefix);
    client.subscribe(filter, { qos: 1 }, (err) => {
      if (err) this.opts.log.warn({ uplink: this.id, filter, err: err.message }, 'cannot subscribe to remote commands');
    });
  }

  private sender(client: MqttClient): PumpSender {
    return {
      ready: () => client.connected && !this.socketBusy(client),
      send: (record, historical, done) => {
        const body = historical ? markHistorical(record.body) : record.body;
        client.publish(record.key, body, { qos: this.qos, retain: historical ? false : this.retain }, (err) => done(err ?? undefined));
      },
    };
  }

  private socketBusy(client: MqttClient): boolean {
    if (!socketFull(client)) return false;
    if (!this.awaitingDrain) {
      this.awaitingDrain = true;
      client.stream.once('drain', () => {
        this.awaitingDrain = false;
        this.pump.kick();
      });
    }
    return true;
  }
}
