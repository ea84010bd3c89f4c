// An uplink's connection state and last error, with change notifications (shared by every uplink adapter). Counters change thousands of times a
// second and are read by polling status(); only state and error changes notify.
import type { UplinkState, UplinkStatus } from '../../contract/index.js';
import type { Clock, Disposable, Listener, Log } from '../../services/ports.js';

export class UplinkStateTracker {
  private current: UplinkState = 'disconnected';
  private sinceMs: number;
  private error: string | null = null;
  private readonly listeners = new Set<Listener<UplinkStatus>>();

  constructor(
    private readonly snapshot: () => UplinkStatus,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly context: object,
  ) {
    this.sinceMs = clock.now();
  }

  get state(): UplinkState {
    return this.current;
  }

  get since(): number {
    return this.sinceMs;
  }

  get lastError(): string | null {
    return this.error;
  }

  setState(state: UplinkState): void {
    if (state === this.current) return;
    this.current = state;
    this.sinceMs = this.clock.now();
    this.notify();
  }

  /** Logs each distinct error once, so a retry loop does not flood the log. */
  setError(message: string | null): void {
    if (message === this.error) return;
    this.error = message;
    if (message !== null) this.log.warn(this.context, message);
    this.notify();
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Tells listeners the status changed for another reason (e.g. an outbox error). */
  notify(): void {
    if (this.listeners.size === 0) return;
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
