// Every load-tag change the subscriber receives around an outage, kept per tag by counter value (the load tags go
// up by one per change, so the value names the change exactly): after de-duplication, which changes never
// arrived, which arrived twice, and which distinct changes a receiver de-duplicating by (topic, ts) would merge.
// Also the arrivals per phase (before, outage, drain, after), split live / historical, with live latency.
import { LatencyHistogram } from './latency-histogram.js';
import { latencySummary, type CounterWindowResult } from './window-stats.js';

export type OutagePhase = 'before' | 'outage' | 'drain' | 'after';
const PHASES: readonly OutagePhase[] = ['before', 'outage', 'drain', 'after'];

export interface PhaseArrivals {
  seconds: number;
  liveChanges: number;
  historicalChanges: number;
  /** Source ts → arrival of the live (non-historical) changes in this phase. */
  liveLatency: CounterWindowResult['latency'];
  /** Oldest historical change delivered in this phase (arrival − source ts), ms. */
  historicalMaxAgeMs: number;
}

export interface LedgerResult {
  phases: Record<OutagePhase, PhaseArrivals>;
  /** Load tags with a first live value before the outage (the span of each starts there). */
  trackedLoadTags: number;
  /** Distinct load-tag changes expected in the tracked spans: Σ (last − first + 1). */
  expectedChanges: number;
  distinctChanges: number;
  /** Expected and never received (after de-duplication). */
  missingChanges: number;
  /** Deliveries of a change already received (at-least-once on the wire). */
  duplicateDeliveries: number;
  /** Distinct changes sharing (tag, source ts) with another one: de-duplication by (topic, ts) drops them. */
  sameStampCollisions: number;
}

/** ts are stored as Int32 ms offsets from the ledger's start (enough for 24 days). */
const NO_TS = -2147483648;

class TagSlots {
  base = Number.NaN;
  max = -1;
  counts = new Uint8Array(0);
  stamps = new Int32Array(0);

  grow(index: number): void {
    const size = Math.max(index + 1, this.counts.length * 2, 64);
    const counts = new Uint8Array(size);
    counts.set(this.counts);
    const stamps = new Int32Array(size).fill(NO_TS);
    stamps.set(this.stamps);
    this.counts = counts;
    this.stamps = stamps;
  }
}

export class OutageLedger {
  private readonly t0 = Date.now();
  private readonly tags: TagSlots[];
  private phase: OutagePhase = 'before';
  private readonly phaseStart = new Map<OutagePhase, number>([['before', this.t0]]);
  private readonly phaseEnd = new Map<OutagePhase, number>();
  private readonly live = new Map<OutagePhase, LatencyHistogram>(PHASES.map((p) => [p, new LatencyHistogram()]));
  private readonly liveCount = new Map<OutagePhase, number>(PHASES.map((p) => [p, 0]));
  private readonly histCount = new Map<OutagePhase, number>(PHASES.map((p) => [p, 0]));
  private readonly histAge = new Map<OutagePhase, number>(PHASES.map((p) => [p, Number.NaN]));
  private duplicates = 0;
  private ended = false;
  /** Arrival (ms epoch) of the latest historical change: the backlog is empty from then on, as the receiver sees it. */
  lastHistoricalArrival: number | null = null;

  constructor(loadTags: number) {
    this.tags = Array.from({ length: loadTags }, () => new TagSlots());
  }

  enter(phase: OutagePhase): void {
    const now = Date.now();
    this.phaseEnd.set(this.phase, now);
    this.phase = phase;
    this.phaseStart.set(phase, now);
  }

  /** One change of any tag (`load` −1 for process tags); NaN value or ts when unreadable. */
  change(load: number, value: number, ts: number, historical: boolean, now: number): void {
    if (this.ended) return;
    const p = this.phase;
    if (historical) {
      this.lastHistoricalArrival = now;
      this.histCount.set(p, (this.histCount.get(p) ?? 0) + 1);
      const age = now - ts;
      if (!(age <= (this.histAge.get(p) ?? Number.NaN))) this.histAge.set(p, age);
    } else {
      this.liveCount.set(p, (this.liveCount.get(p) ?? 0) + 1);
      if (!Number.isNaN(ts)) this.live.get(p)?.add(now - ts);
    }
    const slots = load >= 0 ? this.tags[load] : undefined;
    if (slots === undefined || !Number.isInteger(value)) return;
    // A tag's span starts at its first live value after tracking began; anything older is not this outage's.
    if (Number.isNaN(slots.base)) {
      if (historical) return;
      slots.base = value;
    }
    const index = value - slots.base;
    if (index < 0) return;
    if (index >= slots.counts.length) slots.grow(index);
    const n = slots.counts[index] ?? 0;
    if (n > 0) this.duplicates += 1;
    else slots.stamps[index] = Number.isNaN(ts) ? NO_TS : Math.round(ts - this.t0);
    if (n < 255) slots.counts[index] = n + 1;
    if (index > slots.max) slots.max = index;
  }

  /** Stops recording (the tracked span ends here). */
  end(): void {
    this.phaseEnd.set(this.phase, Date.now());
    this.ended = true;
  }

  /** Whether change `value` of load tag `load` arrived, or null when outside that tag's tracked span. */
  received(load: number, value: number): boolean | null {
    const slots = this.tags[load];
    if (slots === undefined || Number.isNaN(slots.base)) return null;
    const index = value - slots.base;
    if (index < 0 || index > slots.max) return null;
    return (slots.counts[index] ?? 0) > 0;
  }

  result(): LedgerResult {
    let tracked = 0;
    let expected = 0;
    let distinct = 0;
    let collisions = 0;
    for (const slots of this.tags) {
      if (Number.isNaN(slots.base)) continue;
      tracked += 1;
      expected += slots.max + 1;
      const stamps: number[] = [];
      for (let i = 0; i <= slots.max; i++) {
        if ((slots.counts[i] ?? 0) === 0) continue;
        distinct += 1;
        const s = slots.stamps[i] ?? NO_TS;
        if (s !== NO_TS) stamps.push(s);
      }
      stamps.sort((a, b) => a - b);
      for (let i = 1; i < stamps.length; i++) if (stamps[i] === stamps[i - 1]) collisions += 1;
    }
    const phase = (p: OutagePhase): PhaseArrivals => {
      const start = this.phaseStart.get(p);
      const end = this.phaseEnd.get(p);
      return {
        seconds: start !== undefined && end !== undefined ? (end - start) / 1000 : 0,
        liveChanges: this.liveCount.get(p) ?? 0,
        historicalChanges: this.histCount.get(p) ?? 0,
        liveLatency: latencySummary(this.live.get(p) ?? new LatencyHistogram()),
        historicalMaxAgeMs: this.histAge.get(p) ?? Number.NaN,
      };
    };
    return {
      phases: { before: phase('before'), outage: phase('outage'), drain: phase('drain'), after: phase('after') },
      trackedLoadTags: tracked,
      expectedChanges: expected,
      distinctChanges: distinct,
      missingChanges: expected - distinct,
      duplicateDeliveries: this.duplicates,
      sameStampCollisions: collisions,
    };
  }
}
