// The independent subscriber: every message on `plantbridge/#` (JSON) or `spBv1.0/bench/#` (Sparkplug B) is
// decoded and its changes go to the measuring window and, around an outage, to the outage ledger.
// For the outage it keeps a persistent session (fixed client id, clean: false, QoS 1) on a broker with persistence,
// so messages the broker accepted while the subscriber was away are delivered after it reconnects.
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import type { UplinkKind } from './args.js';
import { handleJson, type ChangeSink } from './json-decoder.js';
import { OutageLedger } from './outage-ledger.js';
import { SparkplugDecoder, type SeqCounts } from './sparkplug-decoder.js';
import { WindowStats, type CounterWindowResult } from './window-stats.js';
import { SPARKPLUG_GROUP } from './project-file.js';

export type { CounterWindowResult } from './window-stats.js';

export interface SubscriberConnection {
  /** Connections after the first one. */
  reconnects: number;
  /** Whether the broker still had the session at the last reconnect (persistent mode). */
  lastSessionPresent: boolean | null;
  /** Retained messages replayed by a (re)subscription: not changes, ignored. */
  retainedIgnored: number;
}

export class MqttCounter {
  private client: MqttClient | null = null;
  private window: WindowStats | null = null;
  private ledger: OutageLedger | null = null;
  private readonly sparkplug: SparkplugDecoder | null;
  private readonly sink: ChangeSink;
  readonly connection: SubscriberConnection = { reconnects: 0, lastSessionPresent: null, retainedIgnored: 0 };

  constructor(
    private readonly loadTags: number,
    readonly kind: UplinkKind,
  ) {
    this.sparkplug = kind === 'sparkplug' ? new SparkplugDecoder() : null;
    this.sink = (load, value, ts, historical, now) => {
      this.window?.change(load, value, ts, historical, now);
      this.ledger?.change(load, value, ts, historical, now);
    };
  }

  get topicFilter(): string {
    return this.kind === 'sparkplug' ? `spBv1.0/${SPARKPLUG_GROUP}/#` : 'plantbridge/#';
  }

  /** Sparkplug seq and birth counters so far (cumulative; the caller takes differences). */
  seqCounts(): SeqCounts | null {
    return this.sparkplug ? { ...this.sparkplug.counts } : null;
  }

  async start(url: string, qos: 0 | 1, persistent: boolean): Promise<void> {
    const client = connect(url, {
      clientId: `pb-bench-${process.pid}`,
      clean: !persistent,
      reconnectPeriod: 500,
      // With a persistent session the broker keeps the subscription; re-subscribing would replay retained values.
      resubscribe: !persistent,
    });
    this.client = client;
    client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet));
    let connected = false;
    client.on('connect', (connack) => {
      if (connected) this.connection.reconnects += 1;
      connected = true;
      this.connection.lastSessionPresent = connack.sessionPresent;
      // The session was lost after all (broker without persistence): subscribe again rather than hear nothing.
      if (persistent && !connack.sessionPresent && this.connection.reconnects > 0) client.subscribe(this.topicFilter, { qos });
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench subscriber: no connection to ${url} within 10 s`)), 10_000);
      client.once('connect', () => {
        client.subscribe(this.topicFilter, { qos }, (err) => {
          clearTimeout(timer);
          if (err) reject(new Error(`bench subscriber: subscribe failed: ${err.message}`));
          else resolve();
        });
      });
    });
  }

  beginWindow(): void {
    this.window = new WindowStats(this.loadTags);
  }

  endWindow(): CounterWindowResult {
    const w = this.window;
    this.window = null;
    if (w === null) throw new Error('endWindow without beginWindow');
    return w.result();
  }

  /** Starts recording every load-tag change for the outage accounting. */
  beginLedger(): OutageLedger {
    this.ledger = new OutageLedger(this.loadTags);
    return this.ledger;
  }

  /** Skipped seq numbers still pending count as gaps from here on (end of a phase). */
  settleSeq(): void {
    this.sparkplug?.settle();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(true);
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
    // Under MQTT 3.1.1 the retain flag is set only on messages replayed from the retained store by a subscription.
    if (packet.retain) {
      this.connection.retainedIgnored += 1;
      return;
    }
    const w = this.window;
    // JSON needs no decoding outside the window and the ledger; Sparkplug always does (aliases, seq continuity).
    if (!this.sparkplug && !w && !this.ledger) return;
    const now = Date.now();
    if (w) w.messages += 1;
    const ok = this.sparkplug ? this.sparkplug.handle(topic, payload, now, this.sink) : handleJson(topic, payload, now, this.sink);
    if (!ok && w) w.badPayloads += 1;
  }
}
