// Moves records from the outbox to the broker: a bounded window in flight, acked in the outbox only after PUBACK.
// Two lanes per connection: records appended after the connection came up (above `boundary`) go out at once;
// the backlog (at or below it: the outage, or what a previous process left) drains oldest first at no more than
// `drainPerSecond`, flagged historical. On connection loss the window is released, so it is taken again first.
import type { Log, OutboxRecord } from '../../services/ports.js';
import type { Outbox } from '../../services/ports.js';

export interface PumpSender {
  /** Connected and the socket can take more. */
  ready(): boolean;
  /** Publishes; `done` runs once, without an error after PUBACK (QoS 1) or the write (QoS 0). */
  send(record: OutboxRecord, historical: boolean, done: (err?: Error) => void): void;
}

export interface PumpOptions {
  window: number;
  drainPerSecond: number;
  log: Log;
  onDelivered(count: number): void;
}

/** Records per take(): each take is a round trip to SQLite behind the outbox lock (and its group commits), so a
 * small chunk capped the uplink at ~17k messages/s in the end-to-end bench while the main thread still idled. */
const TAKE_CHUNK = 4096;
/** Acks gathered into one DELETE: fewer transactions queued in front of takes; a crash re-sends at most this long. */
const ACK_DELAY_MS = 25;
const REFILL_MS = 50;

export class OutboxPump {
  private sender: PumpSender | null = null;
  private readonly inFlight = new Set<number>();
  private acks: number[] = [];
  private ackTimer: NodeJS.Timeout | null = null;
  private ackWrites: Promise<void> = Promise.resolve();
  private boundary = 0;
  private backlog = false;
  private tokens = 0;
  private refilledAt = 0;
  private refillTimer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private paused = false;
  /** The last run stopped because the window was full: only then does a PUBACK need to start a new run. */
  private windowFull = false;
  /** Bumped on detach: callbacks of an earlier connection are ignored (their ids were released). */
  private epoch = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly opts: PumpOptions,
  ) {}

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** A connection came up: everything stored so far is backlog. */
  attach(sender: PumpSender): void {
    this.detach();
    this.sender = sender;
    this.paused = false;
    this.boundary = this.outbox.lastId();
    this.backlog = true;
    this.tokens = Math.max(1, this.opts.drainPerSecond / 10);
    this.refilledAt = Date.now();
    this.kick();
  }

  /** The connection is gone (or ended on purpose): un-acked records go back to the head of the outbox. */
  detach(): void {
    if (this.sender === null) return;
    this.sender = null;
    this.epoch += 1;
    this.windowFull = false;
    if (this.inFlight.size > 0) this.outbox.release([...this.inFlight]);
    this.inFlight.clear();
    if (this.refillTimer !== null) clearTimeout(this.refillTimer);
    this.refillTimer = null;
    this.flushAcks();
  }

  /** Stops taking new records (before a deliberate disconnect); in-flight ones may still be acknowledged. */
  pause(): void {
    this.paused = true;
  }

  /** New data, window room or a drained socket: run again soon. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.sender === null || this.paused) return;
    this.running = true;
    void this.run()
      .catch((err: unknown) => this.opts.log.error({ err: (err as Error).message }, 'MQTT uplink: outbox read failed'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when every acknowledgement so far is written to the outbox. */
  async settled(): Promise<void> {
    this.flushAcks();
    await this.ackWrites;
  }

  private async run(): Promise<void> {
    for (;;) {
      const sender = this.sender;
      if (sender === null || this.paused || !sender.ready()) return;
      const epoch = this.epoch;
      let room = this.opts.window - this.inFlight.size;
      if (room <= 0) {
        this.windowFull = true;
        return;
      }
      const live = await this.outbox.take(Math.min(room, TAKE_CHUNK), this.boundary);
      if (!this.sendAll(live, epoch, false)) return;
      room -= live.length;
      let old = 0;
      if (this.backlog && room > 0) {
        this.refill();
        const want = Math.min(Math.floor(this.tokens), room, TAKE_CHUNK);
        if (want > 0) {
          const records = await this.outbox.take(want);
          if (records.length < want) this.backlog = false;
          this.tokens -= records.length;
          old = records.length;
          if (!this.sendAll(records, epoch, true)) return;
        } else {
          this.scheduleRefill();
        }
      }
      if (live.length === 0 && old === 0) return;
    }
  }

  /** Sends records taken under `epoch`; if the connection changed meanwhile they go straight back. */
  private sendAll(records: OutboxRecord[], epoch: number, fromBacklog: boolean): boolean {
    const sender = this.sender;
    if (epoch !== this.epoch || sender === null) {
      if (records.length > 0) this.outbox.release(records.map((r) => r.id));
      return false;
    }
    for (const record of records) {
      this.inFlight.add(record.id);
      sender.send(record, fromBacklog && record.id <= this.boundary, (err) => this.settle(record.id, epoch, err));
    }
    return true;
  }

  private settle(id: number, epoch: number, err: Error | undefined): void {
    if (epoch !== this.epoch || !this.inFlight.delete(id)) return;
    if (err !== undefined) {
      this.outbox.release([id]); // taken again on this or the next connection
      this.kick();
      return;
    }
    this.acks.push(id);
    this.opts.onDelivered(1);
    this.ackTimer ??= setTimeout(this.flushAcksNow, ACK_DELAY_MS);
    // New records kick the pump themselves (append, drain): a PUBACK matters only to a pump waiting for window room.
    // Waiting for a quarter of the window to free up turns thousands of tiny takes into a few large ones.
    if (this.windowFull && this.inFlight.size <= (this.opts.window * 3) / 4) {
      this.windowFull = false;
      this.kick();
    }
  }

  private readonly flushAcksNow = (): void => this.flushAcks();

  private flushAcks(): void {
    if (this.ackTimer !== null) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (this.acks.length === 0) return;
    const ids = this.acks;
    this.acks = [];
    this.ackWrites = this.ackWrites
      .then(() => this.outbox.ack(ids))
      .catch((err: unknown) => this.opts.log.error({ err: (err as Error).message, ids: ids.length }, 'MQTT uplink: outbox ack failed'));
  }

  private refill(): void {
    const now = Date.now();
    const burst = Math.max(1, this.opts.drainPerSecond / 10);
    this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) * this.opts.drainPerSecond) / 1000);
    this.refilledAt = now;
  }

  private scheduleRefill(): void {
    if (this.refillTimer !== null) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = null;
      this.kick();
    }, REFILL_MS);
  }
}
