// Active Observe relations (RFC 7641) of the LwM2M server: the notification stream of each, and a periodic check
// that sends a notification when the observe scheduler says one is due (pmin/pmax/gt/lt/st).
import type { OutgoingMessage } from 'coap';
import type { AttributeStore } from '../../domain/lwm2m/attributes.js';
import type { LwPath } from '../../domain/lwm2m/model.js';
import { formatPath } from '../../domain/lwm2m/model.js';
import { decideNotification, type ObservationState } from '../../domain/lwm2m/observe-scheduler.js';
import type { LwResponse } from '../../domain/lwm2m/request-dispatch.js';
import type { Clock, Log } from '../../services/ports.js';

interface Observation {
  key: string;
  path: LwPath;
  accept: number | null;
  stream: OutgoingMessage;
  state: ObservationState;
}

export interface ObservationDeps {
  read(path: LwPath, accept: number | null): LwResponse;
  attributes: AttributeStore;
  clock: Clock;
  log: Log;
  maxObservations: number;
  onNotified(): void;
}

const comparable = (r: LwResponse): number | string => r.numeric ?? r.payload ?? '';

export class Observations {
  private readonly active = new Map<string, Observation>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly d: ObservationDeps) {}

  get count(): number {
    return this.active.size;
  }

  /** Starts an observation with its first response already decided (2.05); false when the cap is reached. */
  add(key: string, path: LwPath, accept: number | null, first: LwResponse, stream: OutgoingMessage): boolean {
    this.cancel(key);
    if (this.active.size >= this.d.maxObservations) return false;
    const obs: Observation = { key, path, accept, stream, state: { lastSentAt: this.d.clock.now(), lastSent: comparable(first) } };
    this.active.set(key, obs);
    stream.on('finish', () => {
      if (this.active.get(key) === obs) this.active.delete(key);
    });
    stream.on('error', () => this.cancel(key));
    this.send(obs, first);
    return true;
  }

  cancel(key: string): void {
    const obs = this.active.get(key);
    if (!obs) return;
    this.active.delete(key);
    try {
      obs.stream.end();
    } catch {
      // the stream is already closed
    }
  }

  /** Cancels every observation of a path (Write-Attributes `cancel`, LwM2M 1.0 style). */
  cancelPath(path: LwPath): void {
    const p = formatPath(path);
    for (const obs of [...this.active.values()]) if (formatPath(obs.path) === p) this.cancel(obs.key);
  }

  cancelAll(): void {
    for (const key of [...this.active.keys()]) this.cancel(key);
  }

  start(intervalMs = 200): void {
    this.timer ??= setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.cancelAll();
  }

  /** Sends every notification that is due now. */
  check(): void {
    const now = this.d.clock.now();
    for (const obs of [...this.active.values()]) {
      const current = this.d.read(obs.path, obs.accept);
      if (current.code !== '2.05') {
        // The resource went away (tag removed): tell the observer with the error and end the relation.
        obs.stream.statusCode = current.code;
        this.cancel(obs.key);
        continue;
      }
      const decision = decideNotification(obs.state, this.d.attributes.effective(obs.path), comparable(current), now);
      if (!decision.notify) continue;
      obs.state = { lastSentAt: now, lastSent: comparable(current) };
      this.send(obs, current);
      this.d.onNotified();
    }
  }

  private send(obs: Observation, r: LwResponse): void {
    try {
      obs.stream.statusCode = r.code;
      if (r.contentFormat !== undefined) obs.stream.setOption('Content-Format', r.contentFormat);
      obs.stream.write(Buffer.from(r.payload ?? '', 'utf8'));
    } catch (err) {
      this.d.log.warn({ err, path: formatPath(obs.path) }, 'LwM2M notification failed; observation ended');
      this.cancel(obs.key);
    }
  }
}
