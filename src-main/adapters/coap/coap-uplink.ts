// The CoAP uplink: a confirmable PUT of each tag's latest value to its resource (JSON, Content-Format 50), over
// plain UDP or DTLS-PSK. publish() stores the newest sample per tag of each batch in the durable outbox and never
// waits; the coalescing pump drains it. 2.xx acks, 4.xx is a counted reject (lastError says why), 5.xx and
// timeouts keep the records and retry with back-off. A probe keeps the state honest while nothing is sent.
import type { TagBatch, TagSample, UplinkStatus, UplinkTestResult } from '../../contract/index.js';
import { classifyResponse, coapResourcePath, describeCode, encodeCoapBody } from '../../domain/coap/coap-uplink-rules.js';
import type { TagDef } from '../../domain/tags.js';
import type { Clock, Disposable, Listener, Log, Outbox, OutboxRecord, Uplink } from '../../services/ports.js';
import { UplinkStateTracker } from '../uplink/uplink-state.js';
import { CoalescingPump, type SendOutcome } from './coalescing-pump.js';
import { TransportError, type CoapTransport } from './coap-transport.js';

export interface CoapUplinkOptions {
  id: string;
  /** Shown in the status (never contains the key). */
  url: string;
  basePath: string;
  pathTemplate: string;
  transport: CoapTransport;
  outbox: Outbox;
  concurrency: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Bound of the "test connection" round trip and of the idle probe. */
  probeTimeoutMs: number;
  /** How often the peer is probed while nothing is being sent (so the state and the alarm stay true). */
  keepAliveMs: number;
  log: Log;
  clock: Clock;
}

export class CoapUplink implements Uplink {
  readonly id: string;
  private readonly link: UplinkStateTracker;
  private readonly pump: CoalescingPump;
  private routes = new Map<string, string>();
  private readonly counters = { published: 0, rejected: 0, failed: 0, skipped: 0, retried: 0, garbage: 0 };
  private started = false;
  private stopped = false;
  private cut = false;
  private probeTimer: NodeJS.Timeout | null = null;
  private lastExchangeAt = 0;
  /** The last 4.xx refusal, shown until that resource accepts a value again (other tags' successes do not hide it). */
  private reject: { key: string; text: string } | null = null;
  private readonly appending = new Set<Promise<void>>();

  constructor(private readonly opts: CoapUplinkOptions) {
    this.id = opts.id;
    this.link = new UplinkStateTracker(() => this.status(), opts.clock, opts.log, { uplink: opts.id, url: opts.url });
    this.pump = new CoalescingPump({
      outbox: opts.outbox,
      concurrency: opts.concurrency,
      retryBaseMs: opts.retryBaseMs,
      retryMaxMs: opts.retryMaxMs,
      log: opts.log,
      send: (record) => this.send(record),
      onResend: () => (this.counters.retried += 1),
    });
  }

  /** Counted by the transport hooks (see coap-setup.ts). Three retransmissions without any answer (7 s or more at
   * the RFC timing) mean the link is down now, long before the exchange finally fails. */
  countRetransmit(attempt: number, silentMs: number): void {
    this.counters.retried += 1;
    if (attempt < 3 || this.stopped || this.cut || Date.now() - this.lastExchangeAt < silentMs) return;
    this.link.setError(`no answer from ${this.opts.url} for ${Math.round(silentMs / 1000)} s (retransmitting)`);
    this.link.setState('disconnected');
    this.scheduleProbe(this.opts.retryBaseMs);
  }

  countGarbage(reason: string): void {
    this.counters.garbage += 1;
    this.opts.log.debug({ uplink: this.id, reason }, 'CoAP uplink ignored a datagram');
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    if (this.cut) {
      this.link.setState('cut');
      return;
    }
    this.link.setState('connecting');
    this.pump.resume();
    this.scheduleProbe(0);
  }

  async stop(): Promise<void> {
    if (!this.started || this.stopped) return;
    this.stopped = true;
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    await Promise.allSettled([...this.appending]);
    this.pump.pause();
    await this.opts.transport.close();
    await this.pump.stop();
    this.started = false;
    this.link.setState('disconnected');
  }

  async setCut(cut: boolean): Promise<void> {
    if (cut === this.cut) return;
    this.cut = cut;
    if (!this.started || this.stopped) return;
    if (cut) {
      this.opts.log.warn({ uplink: this.id }, 'uplink cut on purpose (store-and-forward drill): buffering in the outbox');
      this.pump.pause();
      this.link.setState('cut');
    } else {
      this.link.setState('connecting');
      this.pump.resume();
      this.scheduleProbe(0);
    }
  }

  setTags(tags: TagDef[]): void {
    const routes = new Map<string, string>();
    for (const tag of tags) routes.set(tag.id, coapResourcePath(this.opts.pathTemplate, tag.id, this.opts.basePath));
    this.routes = routes;
  }

  publish(batch: TagBatch): void {
    // Latest-value semantics: within a batch only the newest sample of a tag needs to travel.
    const newest = new Map<string, TagSample>();
    for (const s of batch.samples) {
      if (!this.routes.has(s.tagId)) this.counters.skipped += 1;
      else newest.set(s.tagId, s);
    }
    const receivedAt = this.opts.clock.now();
    const records: { key: string; body: Buffer; createdAt: number }[] = [];
    for (const [tagId, sample] of newest) {
      try {
        records.push({ key: this.routes.get(tagId) as string, body: encodeCoapBody(sample), createdAt: receivedAt });
      } catch (err) {
        this.counters.failed += 1;
        this.opts.log.warn({ tag: tagId }, `sample not sent over CoAP: ${(err as Error).message}`);
      }
    }
    if (records.length === 0) return;
    if (this.stopped) {
      this.counters.failed += records.length;
      return;
    }
    const appended = this.opts.outbox.append(records).then(
      () => this.pump.kick(),
      (err: unknown) => {
        this.counters.failed += records.length;
        this.link.setError(`outbox write failed: ${(err as Error).message}`);
      },
    );
    this.appending.add(appended);
    void appended.finally(() => this.appending.delete(appended));
  }

  status(): UplinkStatus {
    const outbox = this.opts.outbox.status();
    return {
      id: this.id,
      kind: 'coap',
      url: this.opts.url,
      embeddedBroker: false,
      state: this.link.state,
      since: this.link.since,
      lastError: [this.link.lastError, this.reject?.text].filter((e) => e != null).join('; ') || null,
      published: this.counters.published,
      failed: this.counters.failed + this.counters.rejected + outbox.dropped,
      skipped: this.counters.skipped,
      queued: outbox.depth,
      retried: this.counters.retried,
      topicPrefix: this.opts.pathTemplate,
      outbox,
    };
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    return this.link.onStatus(listener);
  }

  async test(): Promise<UplinkTestResult> {
    const started = Date.now();
    try {
      const message = await this.opts.transport.probe(this.opts.probeTimeoutMs);
      return { id: this.id, ok: true, message, durationMs: Date.now() - started };
    } catch (err) {
      return { id: this.id, ok: false, message: errorMessage(err), durationMs: Date.now() - started };
    }
  }

  private async send(record: OutboxRecord): Promise<SendOutcome> {
    try {
      const reply = await this.opts.transport.put(record.key, record.body);
      this.lastExchangeAt = Date.now();
      const outcome = classifyResponse(reply.cls);
      this.link.setState(this.cut ? 'cut' : 'connected');
      if (outcome === 'delivered') {
        this.counters.published += 1;
        if (this.link.lastError !== null) this.link.setError(null);
        if (this.reject?.key === record.key) this.clearReject();
        return 'ack';
      }
      const what = `server answered ${describeCode(reply.code)} to PUT /${record.key}`;
      if (outcome === 'rejected') {
        this.counters.rejected += 1;
        this.setReject(record.key, `${what}: value rejected (not retried)`);
        return 'drop';
      }
      this.link.setError(`${what}: will retry`);
      return 'retry';
    } catch (err) {
      if (err instanceof TransportError && err.failure === 'closed') return 'retry';
      if (!this.stopped) {
        this.link.setError(errorMessage(err));
        this.link.setState(this.cut ? 'cut' : 'disconnected');
        this.scheduleProbe(this.opts.retryBaseMs);
      }
      return 'retry';
    }
  }

  private setReject(key: string, text: string): void {
    if (this.reject?.text !== text) this.opts.log.warn({ uplink: this.id }, text);
    this.reject = { key, text };
    this.link.notify();
  }

  private clearReject(): void {
    this.reject = null;
    this.link.notify();
  }

  /** While the pump is idle or backing off, a CoAP ping (or DTLS handshake) tells whether the peer is back. */
  private scheduleProbe(delayMs: number): void {
    if (this.probeTimer !== null || this.stopped || !this.started) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.probe();
    }, delayMs);
  }

  private async probe(): Promise<void> {
    if (this.stopped || this.cut) return;
    const connected = this.link.state === 'connected';
    const recent = Date.now() - this.lastExchangeAt < this.opts.keepAliveMs;
    if (!(connected && recent)) {
      try {
        await this.opts.transport.probe(this.opts.probeTimeoutMs);
        if (this.stopped || this.cut) return;
        this.lastExchangeAt = Date.now();
        if (this.link.state !== 'connected') {
          this.link.setState('connected');
          this.link.setError(null);
          this.opts.transport.nudge();
          this.pump.healed();
        }
      } catch (err) {
        if (this.stopped || this.cut) return;
        this.link.setError(errorMessage(err));
        this.link.setState('disconnected');
      }
    }
    const failing = this.link.state !== 'connected';
    this.scheduleProbe(failing ? Math.min(this.opts.retryMaxMs, Math.max(this.opts.retryBaseMs, this.opts.probeTimeoutMs)) : this.opts.keepAliveMs);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
