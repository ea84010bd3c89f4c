// Holds the uplink's status and tells listeners when the connection state or the last error changes.
// Counters (published, failed, skipped) change thousands of times a second, so they are read by polling
// status(); they never trigger a notification on their own.
import type { OutboxStatus, UplinkState, UplinkStatus } from '../../contract/index.js';
import type { Clock, Disposable, Listener, Log } from '../../services/ports.js';
import { UplinkStateTracker } from '../uplink/uplink-state.js';

/** The MQTT JSON uplink's status: the contract's, unchanged (kept as a name for existing imports). */
export type MqttUplinkStatus = UplinkStatus;

export interface UplinkCounters {
  published: number;
  failed: number;
  skipped: number;
}

export interface StatusProbes {
  /** Messages waiting to be sent or acknowledged. */
  queued(): number;
  /** Messages the outbox dropped (size/age/count limits): they count as failed. */
  dropped(): number;
  /** The durable outbox's status, or null without one. */
  outbox(): OutboxStatus | null;
}

export class UplinkStatusTracker {
  readonly counters: UplinkCounters = { published: 0, failed: 0, skipped: 0 };
  private storeError: string | null = null;
  private readonly link: UplinkStateTracker;

  constructor(
    private readonly fixed: { id: string; url: string; embeddedBroker: boolean; topicPrefix: string },
    clock: Clock,
    private readonly log: Log,
    private readonly probes: StatusProbes,
  ) {
    this.link = new UplinkStateTracker(() => this.snapshot(), clock, log, { uplink: fixed.id, url: fixed.url });
  }

  get current(): UplinkState {
    return this.link.state;
  }

  setState(state: UplinkState): void {
    this.link.setState(state);
  }

  /** Records a connection failure reason; logged once per distinct message so a 2 s retry loop does not flood the log. */
  setError(message: string | null): void {
    this.link.setError(message);
  }

  /** A failure of the outbox (disk full …), shown beside the connection error until an append succeeds again. */
  setStoreError(message: string | null): void {
    if (message === this.storeError) return;
    this.storeError = message;
    if (message !== null) this.log.error({ uplink: this.fixed.id }, message);
    else this.log.info({ uplink: this.fixed.id }, 'outbox writes recovered');
    this.link.notify();
  }

  get error(): string | null {
    return this.link.lastError;
  }

  snapshot(): MqttUplinkStatus {
    const errors = [this.link.lastError, this.storeError].filter((e): e is string => e !== null);
    return {
      id: this.fixed.id,
      kind: 'mqtt-json',
      url: this.fixed.url,
      embeddedBroker: this.fixed.embeddedBroker,
      state: this.link.state,
      since: this.link.since,
      lastError: errors.length > 0 ? errors.join('; ') : null,
      published: this.counters.published,
      failed: this.counters.failed + this.probes.dropped(),
      skipped: this.counters.skipped,
      queued: this.probes.queued(),
      retried: null,
      topicPrefix: this.fixed.topicPrefix,
      outbox: this.probes.outbox(),
    };
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    return this.link.onStatus(listener);
  }
}
