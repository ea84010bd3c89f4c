// Holds the uplink's status and tells listeners when the connection state or the last error changes.
// Counters (published, failed, skipped) change thousands of times a second, so they are read by polling
// status(); they never trigger a notification on their own.
import type { UplinkState, UplinkStatus } from '../../contract/index.js';
import type { Clock, Disposable, Listener, Log } from '../../services/ports.js';

/** The contract's status plus counters the contract does not carry yet. */
export interface MqttUplinkStatus extends UplinkStatus {
  /** Samples of tags not given to setTags: not published. */
  skipped: number;
  /** Samples waiting in memory for the broker. */
  queued: number;
}

export interface UplinkCounters {
  published: number;
  failed: number;
  skipped: number;
}

export class UplinkStatusTracker {
  readonly counters: UplinkCounters = { published: 0, failed: 0, skipped: 0 };
  private state: UplinkState = 'disconnected';
  private since: number;
  private lastError: string | null = null;
  private readonly listeners = new Set<Listener<UplinkStatus>>();

  constructor(
    private readonly fixed: { url: string; embeddedBroker: boolean; topicPrefix: string },
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly queued: () => number,
  ) {
    this.since = clock.now();
  }

  get current(): UplinkState {
    return this.state;
  }

  setState(state: UplinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.since = this.clock.now();
    this.notify();
  }

  /** Records a failure reason; logs it once per distinct message so a 2 s retry loop does not flood the log. */
  setError(message: string | null): void {
    if (message === this.lastError) return;
    this.lastError = message;
    if (message !== null) this.log.warn({ uplink: 'mqtt-json', url: this.fixed.url }, message);
    this.notify();
  }

  get error(): string | null {
    return this.lastError;
  }

  snapshot(): MqttUplinkStatus {
    return {
      kind: 'mqtt-json',
      url: this.fixed.url,
      embeddedBroker: this.fixed.embeddedBroker,
      state: this.state,
      since: this.since,
      lastError: this.lastError,
      published: this.counters.published,
      failed: this.counters.failed,
      topicPrefix: this.fixed.topicPrefix,
      skipped: this.counters.skipped,
      queued: this.queued(),
    };
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private notify(): void {
    const status = this.snapshot();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (err) {
        this.log.error({ err }, 'uplink status listener threw');
      }
    }
  }
}
