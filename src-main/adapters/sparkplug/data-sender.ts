// Publishes the edge node's sequenced messages on the current session: births, DDATA from the live queue and from
// the outbox backlog, DDEATH. It is the only place that assigns `seq`, so seq order is wire order.
//
// Live data and backlog: every DDATA record is in the outbox before it is sent. Records made while the session is up
// are also queued in memory and sent at once (live, not historical); records from before the session (an outage, a
// restart) are read from the outbox head and sent with is_historical = true at `drainPerSecond`, so a long backlog
// never holds back live values. The drain walks the whole outbox in order: a record already delivered live is only
// acknowledged there; one whose live delivery is still in flight is acknowledged when its PUBACK arrives.
import type { MqttClient } from 'mqtt';
import type { Clock, Log, Outbox, OutboxRecord } from '../../services/ports.js';
import {
  SeqCounter,
  batchRecordKey,
  dbirthPayload,
  ddataPayload,
  ddeathPayload,
  decodeBatchRecord,
  deviceTopic,
  nbirthPayload,
  nodeTopic,
  type BatchRecord,
  type DataValue,
  type MetricCatalog,
  type SpPayload,
} from '../../domain/sparkplug/index.js';
import { encodeSparkplugPayload } from './sparkplug-codec.js';
import type { BatchFlush } from './device-batcher.js';
import { TakenRecords } from './taken-records.js';

/** Un-acknowledged QoS 1 DDATA allowed in flight. */
const WINDOW = 512;
/** Records read from the outbox per drain step. */
const PAGE = 256;
const IDLE_DRAIN_MS = 200;

type LiveItem = { kind: 'record'; record: BatchRecord } | { kind: 'dbirth' | 'ddeath'; deviceId: string };
type LiveState = 'queued' | 'inflight' | 'delivered';

export interface SenderCounters {
  published: number;
  failed: number;
  historical: number;
  births: number;
}

export interface SenderSettings {
  groupId: string;
  edgeNodeId: string;
  drainPerSecond: number;
  software: string;
}

export class DataSender {
  readonly seq = new SeqCounter();
  readonly counters: SenderCounters = { published: 0, failed: 0, historical: 0, births: 0 };
  private client: MqttClient | null = null;
  private epoch = 0;
  private sessionStart = 0;
  private live: LiveItem[] = [];
  private readonly liveKeys = new Map<string, LiveState>();
  private readonly waitingAck = new Map<string, number>();
  private readonly taken: TakenRecords;
  private inFlight = 0;
  private tokens = 0;
  private lastRefill = 0;
  private draining = false;
  private pumpScheduled = false;
  private drainTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly settings: SenderSettings,
    private readonly catalog: MetricCatalog,
    private readonly outbox: Outbox,
    private readonly deadDevices: () => string[],
    private readonly clock: Clock,
    private readonly log: Log,
  ) {
    this.taken = new TakenRecords(outbox, log);
  }

  get ready(): boolean {
    return this.client !== null;
  }

  get queued(): number {
    return this.live.length;
  }

  /** Births done on this client: from now on DATA flows; records older than now are historical. */
  attach(client: MqttClient): void {
    this.epoch++;
    this.client = client;
    this.sessionStart = this.clock.now();
    this.tokens = 0;
    this.lastRefill = this.sessionStart;
    this.kick();
  }

  /** The session ended (or DATA must stop): what was taken and not acknowledged goes back to the outbox head. */
  detach(): void {
    this.epoch++;
    this.client = null;
    this.live = [];
    for (const [key, state] of this.liveKeys) if (state !== 'delivered') this.liveKeys.delete(key);
    this.waitingAck.clear();
    this.inFlight = 0;
    this.taken.releaseAll();
    if (this.drainTimer !== null) clearTimeout(this.drainTimer);
    this.drainTimer = null;
  }

  /** NBIRTH (seq 0) then every DBIRTH, then DDEATH for devices already dead: one synchronous burst, no DATA between. */
  publishBirths(client: MqttClient, bdSeq: number): void {
    const now = this.clock.now();
    const { groupId, edgeNodeId } = this.settings;
    this.seq.birth();
    this.send(client, nodeTopic(groupId, 'NBIRTH', edgeNodeId), nbirthPayload(bdSeq, now, this.settings.software));
    for (const device of this.catalog.devices()) {
      this.send(client, deviceTopic(groupId, 'DBIRTH', edgeNodeId, device.id), dbirthPayload(device, this.seq.next(), now));
    }
    for (const deviceId of this.deadDevices()) {
      if (this.catalog.device(deviceId) === undefined) continue;
      this.send(client, deviceTopic(groupId, 'DDEATH', edgeNodeId, deviceId), ddeathPayload(this.seq.next(), now));
    }
    this.counters.births++;
  }

  /** Takes a flushed batch once its records are durably in the outbox (`epoch` as it was when they were made). */
  enqueue(flush: BatchFlush, epochAtFlush: number): void {
    if (this.client === null || epochAtFlush !== this.epoch) return;
    for (const deviceId of flush.revived) this.live.push({ kind: 'dbirth', deviceId });
    for (const record of flush.records) {
      this.live.push({ kind: 'record', record });
      this.liveKeys.set(record.key, 'queued');
    }
    for (const deviceId of flush.died) this.live.push({ kind: 'ddeath', deviceId });
    this.kick();
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  /** Whether nothing is waiting in memory or in flight (stop() gives the link a moment to get here). */
  get idle(): boolean {
    return this.live.length === 0 && this.inFlight === 0;
  }

  kick(): void {
    if (this.pumpScheduled || this.client === null) return;
    this.pumpScheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    const client = this.client;
    if (client === null) return;
    const now = this.clock.now();
    const { groupId, edgeNodeId } = this.settings;
    while (this.live.length > 0 && this.inFlight < WINDOW) {
      const item = this.live.shift() as LiveItem;
      if (item.kind === 'record') {
        this.liveKeys.set(item.record.key, 'inflight');
        this.sendRecord(client, item.record, false, null);
      } else {
        const device = this.catalog.device(item.deviceId);
        if (device === undefined) continue;
        const payload = item.kind === 'dbirth' ? dbirthPayload(device, this.seq.next(), now) : ddeathPayload(this.seq.next(), now);
        const type = item.kind === 'dbirth' ? 'DBIRTH' : 'DDEATH';
        this.send(client, deviceTopic(groupId, type, edgeNodeId, item.deviceId), payload);
      }
    }
    if (!this.draining && this.inFlight < WINDOW) void this.drain();
  }

  private scheduleDrain(ms: number): void {
    if (this.drainTimer !== null || this.client === null) return;
    this.drainTimer = setTimeout(() => {
      this.drainTimer = null;
      this.kick();
    }, ms);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    const epoch = this.epoch;
    let records: OutboxRecord[] = [];
    try {
      records = await this.outbox.take(PAGE);
    } catch (err) {
      this.log.error({ err, uplink: 'sparkplug' }, 'Sparkplug: reading the outbox failed');
      this.draining = false;
      this.scheduleDrain(1000);
      return;
    }
    this.draining = false;
    if (epoch !== this.epoch || this.client === null) {
      if (records.length > 0) this.outbox.release(records.map((r) => r.id));
      return;
    }
    const client = this.client;
    const now = this.clock.now();
    const rate = this.settings.drainPerSecond;
    this.tokens = Math.min(rate, this.tokens + ((now - this.lastRefill) * rate) / 1000);
    this.lastRefill = now;
    let stoppedAt = -1;
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as OutboxRecord;
      const body = r.body.toString('utf8');
      const key = batchRecordKey(body);
      const state = this.liveKeys.get(key);
      this.taken.add(r.id);
      if (state === 'delivered') {
        this.liveKeys.delete(key);
        this.taken.ack(r.id);
        continue;
      }
      if (state !== undefined) {
        this.waitingAck.set(key, r.id);
        continue;
      }
      const historical = r.createdAt < this.sessionStart;
      if (this.inFlight >= WINDOW || (historical && this.tokens < 1)) {
        stoppedAt = i;
        break;
      }
      let record: BatchRecord;
      try {
        record = decodeBatchRecord(body);
      } catch (err) {
        this.log.error({ err, uplink: 'sparkplug', id: r.id }, 'Sparkplug: dropping an unreadable outbox record');
        this.counters.failed++;
        this.taken.ack(r.id);
        continue;
      }
      if (historical) this.tokens -= 1;
      this.sendRecord(client, record, historical, r.id);
    }
    if (stoppedAt >= 0) {
      this.taken.release(records.slice(stoppedAt).map((r) => r.id));
      this.scheduleDrain(Math.max(20, Math.ceil(1000 / Math.max(1, rate))));
    } else if (records.length === PAGE) {
      this.kick();
    } else {
      this.scheduleDrain(IDLE_DRAIN_MS);
    }
  }

  /** DDATA at QoS 1 so the broker's PUBACK proves delivery before the outbox forgets the record. */
  private sendRecord(client: MqttClient, record: BatchRecord, historical: boolean, outboxId: number | null): void {
    const values: DataValue[] = [];
    for (const s of record.samples) {
      const entry = this.catalog.byTag(s.tagId);
      // A tag removed from the bridge since: its alias is no longer in the births, so it cannot be sent.
      if (entry !== undefined && entry.deviceId === record.deviceId) values.push({ entry, ts: s.ts, value: s.value, quality: s.quality });
    }
    if (values.length === 0 || this.catalog.device(record.deviceId) === undefined) {
      if (outboxId !== null) this.taken.ack(outboxId);
      else this.liveDone(record.key, true);
      return;
    }
    const epoch = this.epoch;
    const { groupId, edgeNodeId } = this.settings;
    const payload = ddataPayload(values, this.seq.next(), this.clock.now(), historical);
    const bytes = encodeSparkplugPayload(payload);
    this.inFlight++;
    client.publish(deviceTopic(groupId, 'DDATA', edgeNodeId, record.deviceId), Buffer.from(bytes), { qos: 1, retain: false }, (err) => {
      if (epoch !== this.epoch) return;
      this.inFlight--;
      if (err) {
        this.counters.failed++;
        if (outboxId === null) this.liveDone(record.key, false);
        else this.taken.release([outboxId]);
      } else {
        this.counters.published++;
        if (historical) this.counters.historical++;
        if (outboxId !== null) this.taken.ack(outboxId);
        else this.liveDone(record.key, true);
      }
      this.kick();
    });
  }

  private liveDone(key: string, delivered: boolean): void {
    const id = this.waitingAck.get(key);
    if (id !== undefined) {
      this.waitingAck.delete(key);
      this.liveKeys.delete(key);
      if (delivered) this.taken.ack(id);
      else this.taken.release([id]);
    } else if (delivered) this.liveKeys.set(key, 'delivered');
    else this.liveKeys.delete(key);
  }

  private send(client: MqttClient, topic: string, payload: SpPayload): void {
    client.publish(topic, Buffer.from(encodeSparkplugPayload(payload)), { qos: 0, retain: false });
  }
}
