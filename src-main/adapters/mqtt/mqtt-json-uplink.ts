// The MQTT JSON uplink: publishes every sample of the bridge's tags to its unified-namespace topic.
// publish() only queues (the data path never waits for the network); a pump hands queued samples to mqtt.js
// while connected, keeping at most `window` messages un-acknowledged so memory and latency stay bounded.
import { connect, type MqttClient } from 'mqtt';
import type { TagBatch, TagSample } from '../../contract/index.js';
import {
  DEFAULT_TOPIC_PREFIX,
  assertValidTopicPrefix,
  bridgeStatusTopic,
  encodeUnsMessage,
  unsTopic,
} from '../../domain/uns-topic.js';
import type { TagDef } from '../../domain/tags.js';
import type { Clock, Disposable, Listener, Log, Uplink } from '../../services/ports.js';
import type { UplinkStatus } from '../../contract/index.js';
import { buildClientOptions, parseBrokerUrl, type MqttTlsFiles } from './mqtt-connect-options.js';
import { describeMqttError, redactUrl, type BrokerAddress } from './mqtt-error-text.js';
import { endClient, firstOutcome, publishPresence } from './mqtt-client-lifecycle.js';
import { PendingRing, type TagRoute } from './pending-ring.js';
import { UplinkStatusTracker, type MqttUplinkStatus } from './uplink-status-tracker.js';

export interface MqttUplinkOptions {
  /** mqtt://, mqtts://, ws:// or wss://; credentials in the URL are accepted but never shown in the status. */
  url: string;
  /** UNS root, default `plantbridge`. May have several levels (`acme/uns`). */
  topicPrefix?: string;
  /** Default 1: the broker acknowledges every value. */
  qos?: 0 | 1;
  /** Default true, as is usual for a UNS: a late subscriber immediately gets the last value of every tag. */
  retain?: boolean;
  clientId?: string;
  username?: string;
  password?: string;
  tls?: MqttTlsFiles;
  /** Whether the URL points at the broker PlantBridge runs itself (shown in the status only). */
  embeddedBroker?: boolean;
  /** Bound of the in-memory queue while the broker is slow or away; the oldest samples go first. Default 100,000. */
  maxQueued?: number;
  /** Pause between reconnection attempts, default 2,000 ms. */
  reconnectPeriodMs?: number;
  /** How long one connection attempt may take, default 10,000 ms. */
  connectTimeoutMs?: number;
  log: Log;
  clock: Clock;
}

export interface MqttJsonUplink extends Uplink {
  status(): MqttUplinkStatus;
}

const DEFAULT_MAX_QUEUED = 100_000;
/** Un-acknowledged messages allowed in flight; enough to fill a LAN round trip at 30k+ messages/s. */
const IN_FLIGHT_WINDOW = 4096;
/** Messages handed to mqtt.js per event-loop turn, so publishing never starves the rest of the process. */
const PUMP_BUDGET = 2048;
/** How long stop() waits for queued values and the `offline` status to be acknowledged. */
const STOP_DRAIN_MS = 2000;
const MAX_UNKNOWN_TAG_WARNINGS = 20;

export function createMqttJsonUplink(opts: MqttUplinkOptions): MqttJsonUplink {
  return new MqttJsonUplinkImpl(opts);
}

class MqttJsonUplinkImpl implements MqttJsonUplink {
  private readonly prefix: string;
  private readonly qos: 0 | 1;
  private readonly retain: boolean;
  private readonly tracker: UplinkStatusTracker;
  private readonly pending: PendingRing;
  private routes = new Map<string, TagRoute>();
  private client: MqttClient | null = null;
  private broker: BrokerAddress = { host: '', port: 0 };
  private inFlight = 0;
  private pumpHandle: NodeJS.Immediate | null = null;
  private awaitingDrain = false;
  /** Bumped by stop(): acknowledgements of an ended client are already accounted for and must not count twice. */
  private epoch = 0;
  private stopped = false;
  private readonly warnedUnknown = new Set<string>();

  constructor(private readonly opts: MqttUplinkOptions) {
    this.prefix = opts.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.qos = opts.qos ?? 1;
    this.retain = opts.retain ?? true;
    this.pending = new PendingRing(opts.maxQueued ?? DEFAULT_MAX_QUEUED);
    const fixed = { url: redactUrl(opts.url), embeddedBroker: opts.embeddedBroker ?? false, topicPrefix: this.prefix };
    this.tracker = new UplinkStatusTracker(fixed, opts.clock, opts.log, () => this.pending.length);
  }

  async start(): Promise<void> {
    if (this.client !== null) return;
    assertValidTopicPrefix(this.prefix);
    this.broker = parseBrokerUrl(this.opts.url).broker;
    const connectTimeoutMs = this.opts.connectTimeoutMs ?? 10_000;
    const options = buildClientOptions({
      url: this.opts.url,
      clientId: this.opts.clientId,
      username: this.opts.username,
      password: this.opts.password,
      tls: this.opts.tls,
      willTopic: bridgeStatusTopic(this.prefix),
      reconnectPeriodMs: this.opts.reconnectPeriodMs ?? 2000,
      connectTimeoutMs,
    });
    this.stopped = false;
    this.tracker.setState('connecting');
    const client = connect(redactUrl(this.opts.url), options);
    this.client = client;
    this.wire(client);
    await firstOutcome(client, connectTimeoutMs + 1000);
  }

  async stop(): Promise<void> {
    const client = this.client;
    if (client === null || this.stopped) return;
    this.stopped = true;
    if (this.pumpHandle !== null) clearImmediate(this.pumpHandle);
    this.pumpHandle = null;
    if (client.connected) {
      await this.drain(client, Date.now() + STOP_DRAIN_MS);
      await publishPresence(client, this.prefix, 'offline', STOP_DRAIN_MS);
    }
    await endClient(client, !client.connected, STOP_DRAIN_MS);
    // What was never handed over, or never acknowledged, did not reach the broker as far as we know.
    this.tracker.counters.failed += this.pending.clear() + this.inFlight;
    this.inFlight = 0;
    this.epoch += 1;
    this.client = null;
    this.tracker.setState('disconnected');
  }

  setTags(tags: TagDef[]): void {
    const routes = new Map<string, TagRoute>();
    for (const tag of tags) {
      try {
        routes.set(tag.id, { topic: unsTopic(this.prefix, tag.id), unit: tag.unit });
      } catch (err) {
        this.opts.log.warn({ tag: tag.id }, `tag not published over MQTT: ${(err as Error).message}`);
      }
    }
    this.routes = routes;
  }

  publish(batch: TagBatch): void {
    if (this.stopped) {
      this.tracker.counters.failed += batch.samples.length;
      return;
    }
    for (const sample of batch.samples) {
      const route = this.routes.get(sample.tagId);
      if (route === undefined) {
        this.skip(sample);
        continue;
      }
      this.tracker.counters.failed += this.pending.push(route, sample);
    }
    this.schedulePump();
  }

  status(): MqttUplinkStatus {
    return this.tracker.snapshot();
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    return this.tracker.onStatus(listener);
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
      this.opts.log.info({ url: redactUrl(this.opts.url) }, 'MQTT uplink connected');
      void publishPresence(client, this.prefix, 'online', 0);
      this.schedulePump();
    });
    const lost = (): void => {
      if (this.stopped || client !== this.client) return;
      if (this.tracker.current === 'connected' && this.tracker.error === null) {
        this.tracker.setError(`connection to broker ${this.broker.host}:${this.broker.port} lost`);
      }
      this.tracker.setState('disconnected');
    };
    client.on('close', lost);
    client.on('offline', lost);
  }

  private schedulePump(): void {
    if (this.pumpHandle !== null || this.stopped) return;
    this.pumpHandle = setImmediate(() => {
      this.pumpHandle = null;
      const client = this.client;
      if (client !== null && client.connected && !this.stopped) this.pump(client);
    });
  }

  private pump(client: MqttClient): void {
    let budget = PUMP_BUDGET;
    while (this.inFlight < IN_FLIGHT_WINDOW && budget > 0 && this.pending.length > 0) {
      if (this.socketFull(client)) return;
      budget -= 1;
      this.pending.shift((route, sample) => this.send(client, route, sample));
    }
    if (budget === 0 && this.pending.length > 0) this.schedulePump();
  }

  /** Socket backpressure: past the socket's high-water mark wait for 'drain' (mqtt.js would otherwise attach
   * one 'drain' listener per message and buffer without bound). */
  private socketFull(client: MqttClient): boolean {
    const stream = client.stream as { writableNeedDrain?: boolean } & NodeJS.EventEmitter;
    if (stream.writableNeedDrain !== true) return false;
    if (!this.awaitingDrain) {
      this.awaitingDrain = true;
      stream.once('drain', () => {
        this.awaitingDrain = false;
        this.schedulePump();
      });
    }
    return true;
  }

  private send(client: MqttClient, route: TagRoute, sample: TagSample): void {
    let body: string;
    try {
      body = encodeUnsMessage(sample, route);
    } catch (err) {
      this.tracker.counters.failed += 1;
      this.opts.log.warn({ tag: sample.tagId }, `sample not published: ${(err as Error).message}`);
      return;
    }
    this.inFlight += 1;
    const epoch = this.epoch;
    client.publish(route.topic, body, { qos: this.qos, retain: this.retain }, (err) => {
      if (epoch !== this.epoch) return;
      this.inFlight -= 1;
      if (err) this.tracker.counters.failed += 1;
      else this.tracker.counters.published += 1;
      if (this.pending.length > 0) this.schedulePump();
    });
  }

  /** Used by stop(): hands over what is queued and waits until it is acknowledged (or the deadline passes). */
  private async drain(client: MqttClient, deadline: number): Promise<void> {
    while ((this.pending.length > 0 || this.inFlight > 0) && client.connected && Date.now() < deadline) {
      this.pump(client);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private skip(sample: TagSample): void {
    this.tracker.counters.skipped += 1;
    if (this.warnedUnknown.size >= MAX_UNKNOWN_TAG_WARNINGS || this.warnedUnknown.has(sample.tagId)) return;
    this.warnedUnknown.add(sample.tagId);
    this.opts.log.warn({ tag: sample.tagId }, 'sample of a tag the uplink was not configured with: not published');
  }
}
