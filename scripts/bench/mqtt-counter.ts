// The independent subscriber: counts every message on `<prefix>/#`, parses each JSON payload, measures source
// timestamp → arrival latency, and checks the load-test counters (+1 per change) for gaps and repeats.
import { connect, type MqttClient } from 'mqtt';
import { LatencyHistogram } from './latency-histogram.js';

export interface CounterWindowResult {
  seconds: number;
  messages: number;
  loadMessages: number;
  badPayloads: number;
  latency: { p50: number; p90: number; p99: number; min: number; max: number; count: number };
  /** Per load tag, values skipped between the first and the last value seen inside the window. */
  loadGaps: number;
  /** Load-tag values that were not greater than the previous one seen (duplicates or reordering). */
  loadRepeats: number;
  /** Load tags with no message at all inside the window. */
  silentLoadTags: number;
  /** New load-tag values carrying the same source timestamp as the previous value of that tag: a historian keyed
   * (tag, ts) keeps only one of them. */
  sameStampChanges: number;
}

/** `…/load/load-<k>/value-<i>` → i, or -1 for a process tag. */
function loadIndex(topic: string): number {
  const at = topic.lastIndexOf('/value-');
  if (at < 0 || !topic.includes('/load/')) return -1;
  const n = Number(topic.slice(at + 7));
  return Number.isInteger(n) ? n : -1;
}

export class MqttCounter {
  private client: MqttClient | null = null;
  private measuring = false;
  private windowStart = 0;
  private windowEnd = 0;
  private messages = 0;
  private loadMessages = 0;
  private badPayloads = 0;
  private latency = new LatencyHistogram();
  private readonly first: Float64Array;
  private readonly last: Float64Array;
  private readonly seen: Uint32Array;
  private readonly lastTs: Float64Array;
  private repeats = 0;
  private sameStamp = 0;

  constructor(private readonly loadTags: number) {
    this.first = new Float64Array(loadTags);
    this.last = new Float64Array(loadTags);
    this.seen = new Uint32Array(loadTags);
    this.lastTs = new Float64Array(loadTags);
  }

  async start(url: string, topicPrefix: string, qos: 0 | 1): Promise<void> {
    const client = connect(url, { clientId: `pb-bench-${process.pid}`, clean: true, reconnectPeriod: 1000 });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench subscriber: no connection to ${url} within 10 s`)), 10_000);
      client.once('connect', () => {
        client.subscribe(`${topicPrefix}/#`, { qos }, (err) => {
          clearTimeout(timer);
          if (err) reject(new Error(`bench subscriber: subscribe failed: ${err.message}`));
          else resolve();
        });
      });
    });
  }

  beginWindow(): void {
    this.messages = 0;
    this.loadMessages = 0;
    this.badPayloads = 0;
    this.repeats = 0;
    this.sameStamp = 0;
    this.latency = new LatencyHistogram();
    this.seen.fill(0);
    this.windowStart = Date.now();
    this.measuring = true;
  }

  endWindow(): CounterWindowResult {
    this.measuring = false;
    this.windowEnd = Date.now();
    let gaps = 0;
    let silent = 0;
    for (let i = 0; i < this.loadTags; i++) {
      const n = this.seen[i] ?? 0;
      if (n === 0) {
        silent += 1;
        continue;
      }
      const span = (this.last[i] ?? 0) - (this.first[i] ?? 0) + 1;
      if (span > n) gaps += span - n;
    }
    const h = this.latency;
    return {
      seconds: (this.windowEnd - this.windowStart) / 1000,
      messages: this.messages,
      loadMessages: this.loadMessages,
      badPayloads: this.badPayloads,
      latency: { p50: h.percentile(0.5), p90: h.percentile(0.9), p99: h.percentile(0.99), min: h.min, max: h.max, count: h.count },
      loadGaps: gaps,
      loadRepeats: this.repeats,
      silentLoadTags: silent,
      sameStampChanges: this.sameStamp,
    };
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(true);
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (!this.measuring) return;
    const now = Date.now();
    this.messages += 1;
    if (topic.endsWith('/_bridge/status')) return;
    let doc: { value?: unknown; ts?: unknown };
    try {
      doc = JSON.parse(payload.toString('utf8')) as { value?: unknown; ts?: unknown };
    } catch {
      this.badPayloads += 1;
      return;
    }
    const ts = typeof doc.ts === 'string' ? Date.parse(doc.ts) : Number.NaN;
    if (Number.isNaN(ts)) this.badPayloads += 1;
    else this.latency.add(now - ts);
    const i = loadIndex(topic);
    if (i < 0 || i >= this.loadTags || typeof doc.value !== 'number') return;
    this.loadMessages += 1;
    const v = doc.value;
    if (this.seen[i] === 0) {
      this.first[i] = v;
      this.last[i] = v;
    } else if (v <= (this.last[i] ?? 0)) {
      this.repeats += 1;
      return;
    } else {
      this.last[i] = v;
      if (ts === this.lastTs[i]) this.sameStamp += 1;
    }
    this.lastTs[i] = ts;
    this.seen[i] = (this.seen[i] ?? 0) + 1;
  }
}
