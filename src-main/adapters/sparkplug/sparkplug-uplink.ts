// The Sparkplug B 3.0 edge node: one MQTT session at a time, births on connect (after the primary host is online
// when one is configured), batched DDATA through the durable outbox, NCMD/DCMD handling, NDEATH before every
// intentional disconnect (tck-id-operational-behavior-edge-node-intentional-disconnect-ndeath).
import type { MqttClient } from 'mqtt';
import type { TagBatch, UplinkState, UplinkStatus, UplinkTestResult } from '../../contract/index.js';
import type { TagDef } from '../../domain/tags.js';
import type { Disposable, Listener, Uplink } from '../../services/ports.js';
import {
  HostStateTracker,
  MetricCatalog,
  parseHostState,
  parseSparkplugTopic,
  stateTopic,
} from '../../domain/sparkplug/index.js';
import { parseBrokerUrl } from '../mqtt/mqtt-connect-options.js';
import { describeMqttError, redactUrl } from '../mqtt/mqtt-error-text.js';
import { testMqttConnection } from '../mqtt/mqtt-connection-test.js';
import { BdSeqStore } from './bdseq-store.js';
import { handleCommand, type CommandContext } from './command-router.js';
import { BatchFlusher } from './batch-flusher.js';
import { DataSender } from './data-sender.js';
import { DeviceBatcher } from './device-batcher.js';
import { sessionSettingsOf, validateSparkplugOptions, type SparkplugUplinkOptions, type SparkplugUplinkStatus } from './sparkplug-options.js';
import { UplinkStateTracker } from '../uplink/uplink-state.js';
import { closeWithNdeath, edgeNodeSubscriptions, openSessionClient, type SessionSettings } from './session-client.js';
import { RebirthCoalescer } from './rebirth-coalescer.js';

const NDEATH_WAIT_MS = 1000;
const STOP_FLUSH_MS = 1500;

export interface SparkplugUplink extends Uplink {
  status(): SparkplugUplinkStatus;
}

export function createSparkplugUplink(opts: SparkplugUplinkOptions): SparkplugUplink {
  return new SparkplugEdgeNode(opts);
}

class SparkplugEdgeNode implements SparkplugUplink {
  readonly id: string;
  private readonly catalog = new MetricCatalog();
  private readonly batcher: DeviceBatcher;
  private readonly sender: DataSender;
  private readonly host = new HostStateTracker();
  private readonly bdSeqStore: BdSeqStore;
  private readonly session: SessionSettings;
  private readonly tracker: UplinkStateTracker;
  private client: MqttClient | null = null;
  private bdSeq: number | null = null;
  /** bdSeq reserved for CONNECT attempts until one succeeds (a refused CONNECT never activates its will). */
  private reservedBdSeq: number | null = null;
  private subscribed = false;
  private stopped = true;
  private cut = false;
  private readonly flusher: BatchFlusher;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly rebirths: RebirthCoalescer;
  private malformedState = 0;
  private readonly commandContext: CommandContext;

  constructor(private readonly opts: SparkplugUplinkOptions) {
    this.id = opts.id ?? 'sparkplug';
    this.tracker = new UplinkStateTracker(() => this.status(), opts.clock, opts.log, { uplink: this.id, url: redactUrl(opts.url) });
    this.batcher = new DeviceBatcher(this.catalog);
    this.bdSeqStore = new BdSeqStore(opts.bdSeqFile);
    this.sender = new DataSender(
      {
        groupId: opts.groupId,
        edgeNodeId: opts.edgeNodeId,
        drainPerSecond: opts.drainPerSecond,
        software: `PlantBridge ${opts.softwareVersion ?? ''}`.trim(),
      },
      this.catalog,
      opts.outbox,
      () => this.batcher.liveness.deadDevices(),
      opts.clock,
      opts.log,
    );
    this.flusher = new BatchFlusher(this.batcher, this.sender, opts.outbox, opts.clock, opts.batchMs, (message) => this.tracker.setError(message));
    this.session = sessionSettingsOf(opts);
    this.commandContext = {
      catalog: this.catalog,
      sink: this.opts.commands,
      user: this.opts.commandUser,
      authenticated: () => this.opts.primaryHostId === undefined || this.host.isOnline,
      requestRebirth: () => this.requestRebirth(),
      log: this.opts.log,
    };
    this.rebirths = new RebirthCoalescer(opts.rebirthMinIntervalMs ?? 1000, opts.clock);
  }

  async start(): Promise<void> {
    validateSparkplugOptions(this.opts);
    this.stopped = false;
    this.flusher.start();
    this.connect();
  }

  setTags(tags: TagDef[]): void {
    if (!this.catalog.setTags(tags)) return;
    this.batcher.liveness.retain((deviceId, tagId) => this.catalog.byTag(tagId)?.deviceId === deviceId);
    // New or changed metrics must be in a birth before any DATA uses their aliases: rebirth at once.
    if (this.sender.ready && this.client !== null) this.births(this.client);
  }

  publish(batch: TagBatch): void {
    this.batcher.add(batch);
    this.flusher.added();
  }

  async setCut(cut: boolean): Promise<void> {
    if (cut === this.cut || this.stopped) return;
    this.cut = cut;
    if (cut) {
      this.tracker.setState('cut');
      await this.closeSession('cut');
    } else {
      this.tracker.setState('disconnected');
      this.connect();
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.rebirths.cancel();
    await this.flusher.stop();
    const deadline = Date.now() + STOP_FLUSH_MS;
    while (this.sender.ready && !this.sender.idle && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.closeSession('disconnected');
  }

  test(): Promise<UplinkTestResult> {
    const { url, username, password, tls } = this.opts;
    return testMqttConnection({ id: this.id, url, username, password, tls });
  }

  status(): SparkplugUplinkStatus {
    const c = this.sender.counters;
    return {
      id: this.id,
      kind: 'sparkplug',
      url: redactUrl(this.opts.url),
      embeddedBroker: this.opts.embeddedBroker ?? false,
      state: this.tracker.state,
      since: this.tracker.since,
      lastError: this.tracker.lastError,
      published: c.published,
      failed: c.failed + this.flusher.failedAppends,
      skipped: this.batcher.skipped,
      queued: this.batcher.queued + this.sender.queued,
      retried: null,
      topicPrefix: `spBv1.0/${this.opts.groupId}`,
      outbox: this.opts.outbox.status(),
      sparkplug: {
        groupId: this.opts.groupId,
        edgeNodeId: this.opts.edgeNodeId,
        primaryHostId: this.opts.primaryHostId ?? null,
        hostOnline: this.host.isOnline,
        bdSeq: this.bdSeq,
        seq: this.sender.seq.current,
        births: c.births,
        historicalSent: c.historical,
        malformedState: this.malformedState,
      },
    };
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    return this.tracker.onStatus(listener);
  }

  // --- session --------------------------------------------------------------------------------------------------

  private connect(): void {
    if (this.stopped || this.cut || this.client !== null) return;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.reservedBdSeq ??= this.bdSeqStore.advance();
    const bdSeq = this.reservedBdSeq;
    let client: MqttClient;
    try {
      client = openSessionClient(this.session, bdSeq, this.opts.clock.now());
    } catch (err) {
      this.tracker.setError((err as Error).message);
      this.scheduleReconnect();
      return;
    }
    this.client = client;
    this.subscribed = false;
    if (this.tracker.state !== 'waiting-for-host') this.tracker.setState('connecting');
    const broker = parseBrokerUrl(this.opts.url).broker;
    client.on('connect', () => {
      if (this.client !== client) return;
      this.bdSeq = bdSeq;
      this.reservedBdSeq = null;
      this.tracker.setError(null);
      void this.onConnected(client);
    });
    client.on('error', (err) => {
      if (this.client === client) this.tracker.setError(describeMqttError(err, broker));
    });
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = null;
      this.sender.detach();
      this.host.reset();
      if (!this.cut && !this.stopped) {
        if (this.tracker.state !== 'waiting-for-host') this.tracker.setState('disconnected');
        this.scheduleReconnect();
      }
    });
    client.on('message', (topic, payload) => this.onMessage(client, topic, payload));
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer !== null || this.stopped || this.cut) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, this.opts.reconnectPeriodMs ?? 2000);
  }

  /** Subscriptions at QoS 1 before any birth (tck-id-message-flow-edge-node-ncmd-subscribe). */
  private async onConnected(client: MqttClient): Promise<void> {
    const { groupId, edgeNodeId, primaryHostId } = this.opts;
    try {
      await client.subscribeAsync(edgeNodeSubscriptions(groupId, edgeNodeId, primaryHostId));
    } catch (err) {
      if (this.client === client) this.tracker.setError(`Sparkplug subscribe failed: ${(err as Error).message}`);
      return;
    }
    if (this.client !== client) return;
    this.subscribed = true;
    if (primaryHostId === undefined || this.host.isOnline) this.births(client);
    else this.tracker.setState('waiting-for-host');
  }

  private births(client: MqttClient): void {
    if (this.bdSeq === null || !this.subscribed) return;
    this.rebirths.birthDone();
    this.sender.publishBirths(client, this.bdSeq);
    if (!this.sender.ready) this.sender.attach(client);
    this.tracker.setState('connected');
  }

  /** NCMD Rebirth, coalesced: DATA stops, NBIRTH (same bdSeq) and DBIRTHs go out in one synchronous burst. */
  private requestRebirth(): void {
    const client = this.client;
    if (client === null || !this.sender.ready) return;
    this.rebirths.request(() => {
      if (this.client === client && this.sender.ready) this.births(client);
    });
  }

  private onMessage(client: MqttClient, topic: string, payload: Buffer): void {
    if (this.client !== client) return;
    const { primaryHostId } = this.opts;
    if (primaryHostId !== undefined && topic === stateTopic(primaryHostId)) {
      this.onHostState(client, payload);
      return;
    }
    const parsed = parseSparkplugTopic(topic);
    if (parsed === null || (parsed.type !== 'NCMD' && parsed.type !== 'DCMD')) return;
    handleCommand(this.commandContext, topic, parsed, payload);
  }

  private onHostState(client: MqttClient, payload: Buffer): void {
    const parsed = parseHostState(payload);
    if (!parsed.ok) {
      this.malformedState++;
      this.opts.log.warn({ uplink: this.id, reason: parsed.reason }, 'Sparkplug: ignoring a malformed STATE message');
      return;
    }
    const change = this.host.apply(parsed.state);
    if (change === 'online' && this.subscribed && !this.sender.ready) this.births(client);
    if (change === 'offline') {
      // tck-id-operational-behavior-edge-node-termination-host-offline: NDEATH, disconnect, then connect again and
      // wait for the host's next online STATE.
      this.tracker.setState('waiting-for-host');
      void this.closeSession('waiting-for-host').then(() => this.scheduleReconnect());
    }
  }

  /** NDEATH (when the session is up), then DISCONNECT; DATA stops first. */
  private async closeSession(next: UplinkState): Promise<void> {
    const client = this.client;
    this.client = null;
    this.sender.detach();
    this.host.reset();
    if (client !== null) await closeWithNdeath(client, this.session, this.bdSeq, this.opts.clock.now(), NDEATH_WAIT_MS);
    this.tracker.setState(next);
  }
}
