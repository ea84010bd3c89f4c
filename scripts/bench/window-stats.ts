// What the bench subscriber saw inside the measuring window: messages, changes (one per JSON message, one per
// Sparkplug metric), source timestamp → arrival latency, and the load-test counters (+1 per change) checked for gaps.
import { LatencyHistogram } from './latency-histogram.js';

export interface CounterWindowResult {
  seconds: number;
  /** MQTT messages of any kind (JSON values, status, Sparkplug births and DDATA). */
  messages: number;
  /** Value changes: JSON value messages, or metrics of Sparkplug DDATA. */
  changes: number;
  loadChanges: number;
  /** Changes flagged historical (replayed from the outbox): not in the latency and gap figures. */
  historicalChanges: number;
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

export function latencySummary(h: LatencyHistogram): CounterWindowResult['latency'] {
  return { p50: h.percentile(0.5), p90: h.percentile(0.9), p99: h.percentile(0.99), min: h.min, max: h.max, count: h.count };
}

export class WindowStats {
  private readonly started = Date.now();
  messages = 0;
  badPayloads = 0;
  private changes = 0;
  private loadChanges = 0;
  private historical = 0;
  private readonly latency = new LatencyHistogram();
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

  /** One change; `load` is the load-tag index or -1, `value` NaN when not numeric, `ts` NaN when unreadable. */
  change(load: number, value: number, ts: number, historical: boolean, now: number): void {
    this.changes += 1;
    if (historical) {
      this.historical += 1;
      return;
    }
    if (Number.isNaN(ts)) this.badPayloads += 1;
    else this.latency.add(now - ts);
    if (load < 0 || load >= this.loadTags || Number.isNaN(value)) return;
    this.loadChanges += 1;
    if (this.seen[load] === 0) {
      this.first[load] = value;
      this.last[load] = value;
    } else if (value <= (this.last[load] ?? 0)) {
      this.repeats += 1;
      return;
    } else {
      this.last[load] = value;
      if (ts === this.lastTs[load]) this.sameStamp += 1;
    }
    this.lastTs[load] = ts;
    this.seen[load] = (this.seen[load] ?? 0) + 1;
  }

  result(): CounterWindowResult {
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
    return {
      seconds: (Date.now() - this.started) / 1000,
      messages: this.messages,
      changes: this.changes,
      loadChanges: this.loadChanges,
      historicalChanges: this.historical,
      badPayloads: this.badPayloads,
      latency: latencySummary(this.latency),
      loadGaps: gaps,
      loadRepeats: this.repeats,
      silentLoadTags: silent,
      sameStampChanges: this.sameStamp,
    };
  }
}
