// Drains a durable outbox with latest-value semantics: records are taken oldest first and grouped by key (the
// tag's resource); only the newest record of a key is sent, one exchange per key at a time (a newer value never
// races an older one), and all the key's records are acknowledged together once it is delivered. A failed
// exchange keeps its records (they stay in SQLite until acked) and pauses sending with a doubling back-off.
import type { Log, Outbox, OutboxRecord } from '../../services/ports.js';
import { resendDelay } from '../../domain/coap/coap-uplink-rules.js';

/** `ack`: delivered; `drop`: refused for good (counted by the caller), removed; `retry`: keep and try later. */
export type SendOutcome = 'ack' | 'drop' | 'retry';

export interface CoalescingPumpOptions {
  outbox: Outbox;
  concurrency: number;
  retryBaseMs: number;
  retryMaxMs: number;
  log: Log;
  send(record: OutboxRecord): Promise<SendOutcome>;
  /** A held record is sent again after a failure. */
  onResend(): void;
}

interface Held {
  ids: number[];
  record: OutboxRecord;
}

const TAKE_CHUNK = 1024;
/** Taken-but-unsent record ids held in memory (they remain stored in the outbox until acked). */
const MAX_HELD_IDS = 50_000;

export class CoalescingPump {
  private readonly held = new Map<string, Held>();
  private heldIds = 0;
  private readonly inFlight = new Map<string, Promise<void>>();
  private failures = 0;
  private blockedUntil = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private paused = true;
  private acks: Promise<void> = Promise.resolve();

  constructor(private readonly opts: CoalescingPumpOptions) {}

  /** Consecutive failed exchanges (0 while the server answers). */
  get failureCount(): number {
    return this.failures;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  /** Stops starting exchanges; in-flight ones finish (or fail when the transport closes). */
  pause(): void {
    this.paused = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** The peer answered again (a probe succeeded): retry at once instead of waiting out the back-off. */
  healed(): void {
    this.failures = 0;
    this.blockedUntil = 0;
    this.kick();
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.paused) return;
    this.running = true;
    void this.run()
      .catch((err: unknown) => this.opts.log.error({ err: (err as Error).message }, 'CoAP uplink: outbox read failed'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for in-flight exchanges, then hands every held record back to the outbox and writes pending acks. */
  async stop(): Promise<void> {
    this.pause();
    await Promise.allSettled([...this.inFlight.values()]);
    const ids = [...this.held.values()].flatMap((h) => h.ids);
    this.held.clear();
    this.heldIds = 0;
    if (ids.length > 0) this.opts.outbox.release(ids.sort((a, b) => a - b));
    await this.acks;
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.paused) return;
      const now = Date.now();
      if (now < this.blockedUntil) {
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, this.blockedUntil - now);
        return;
      }
      let taken = 0;
      if (this.heldIds < MAX_HELD_IDS) {
        const records = await this.opts.outbox.take(Math.min(TAKE_CHUNK, MAX_HELD_IDS - this.heldIds));
        for (const r of records) this.hold(r.key, [r.id], r);
        taken = records.length;
      }
      const started = this.startSends();
      if (taken === 0 && started === 0) return;
      if (taken === 0 && this.inFlight.size >= this.limit()) return;
    }
  }

  private limit(): number {
    // While the peer is failing, one exchange at a time probes it; the rest waits in the outbox.
    return this.failures > 0 ? 1 : this.opts.concurrency;
  }

  private startSends(): number {
    let started = 0;
    for (const [key, entry] of this.held) {
      if (this.paused || this.inFlight.size >= this.limit()) break;
      if (this.inFlight.has(key)) continue;
      this.held.delete(key);
      this.heldIds -= entry.ids.length;
      this.inFlight.set(key, this.exchange(key, entry));
      started += 1;
    }
    return started;
  }

  private async exchange(key: string, entry: Held): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.opts.send(entry.record);
    } catch (err) {
      this.opts.log.error({ key, err: (err as Error).message }, 'CoAP uplink: send threw');
      outcome = 'retry';
    }
    this.inFlight.delete(key);
    if (outcome === 'retry') {
      this.failures += 1;
      this.blockedUntil = Date.now() + resendDelay(this.failures, this.opts.retryBaseMs, this.opts.retryMaxMs);
      this.hold(key, entry.ids, entry.record, true);
      this.opts.onResend();
    } else {
      this.failures = 0;
      const ids = entry.ids;
      this.acks = this.acks
        .then(() => this.opts.outbox.ack(ids))
        .catch((err: unknown) => this.opts.log.error({ err: (err as Error).message }, 'CoAP uplink: outbox ack failed'));
    }
    this.kick();
  }

  /** Adds records of `key` to what waits: the newest record (highest id) is the one sent. */
  private hold(key: string, ids: number[], record: OutboxRecord, older = false): void {
    this.heldIds += ids.length;
    const entry = this.held.get(key);
    if (entry === undefined) {
      this.held.set(key, { ids: [...ids], record });
      return;
    }
    entry.ids = older ? [...ids, ...entry.ids] : [...entry.ids, ...ids];
    if (record.id > entry.record.id) entry.record = record;
  }
}
