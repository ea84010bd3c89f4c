// The oneM2M uplink (TS-0009 HTTP binding): PlantBridge registers as an AE, keeps one container per tag (labels
// nodeId/unit/tagId, bounded mni/mbs) and creates one contentInstance per change. Every value is first stored in the
// durable outbox and removed only after the CSE answered 2001, so a CSE outage loses nothing: sending stops, backs
// off exponentially and resumes oldest first, in order. Commands arrive via a subscription (notification-server.ts).
import type { TagBatch, UplinkStatus, UplinkTestResult } from '../../contract/index.js';
import { encodeUnsMessage } from '../../domain/uns-topic.js';
import type { TagDef } from '../../domain/tags.js';
import type { Clock, Disposable, Listener, Log, Outbox, OutboxRecord, Uplink } from '../../services/ports.js';
import { UplinkStateTracker } from '../uplink/uplink-state.js';
import { Waker } from './waker.js';
import { checkCse } from './cse-check.js';
import { createHttpBinding, M2mUnreachableError, type HttpBinding } from './http-binding.js';
import { ensureContainer, ensureSubscription, M2mRefusedError, refused, registerAe, type RegistrationOptions } from './registration.js';
import { containerName, contentInstanceBody, RSC, rscText, tagLabels, TY } from './resources.js';

export interface OneM2mCommandOptions {
  /** Container under the AE that command contentInstances are created in. */
  container: string;
  subscriptionName: string;
  /** The notification URI given to the CSE (the AE's poa and the subscription's nu). */
  notifyUrl: string;
}

export interface OneM2mUplinkOptions extends Omit<RegistrationOptions, 'identityPath'> {
  id: string;
  rvi: string;
  /** Where the AE-ID is persisted (JSON, in the data dir). */
  identityPath: string;
  mni: number;
  mbs: number;
  requestTimeoutMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  outbox: Outbox;
  commands: OneM2mCommandOptions | null;
  log: Log;
  clock: Clock;
}

export interface OneM2mUplink extends Uplink {
  test(): Promise<UplinkTestResult>;
  /** The command subscription as the notification listener checks it. */
  subscription(): { path: string; ri: string | null; verifying: boolean };
}

const TAKE = 100;

export function createOneM2mUplink(o: OneM2mUplinkOptions): OneM2mUplink {
  return new OneM2mUplinkImpl(o);
}

class OneM2mUplinkImpl implements OneM2mUplink {
  readonly id: string;
  private readonly tracker: UplinkStateTracker;
  private readonly counters = { published: 0, failed: 0, skipped: 0, retried: 0 };
  private http: HttpBinding | null = null;
  private tags = new Map<string, TagDef>();
  private readonly containers = new Set<string>();
  private origin: string;
  private aePath: string;
  private registered = false;
  private sub = { ri: null as string | null, verifying: false };
  private stopped = true;
  private cut = false;
  private dirty = false;
  private backoffMs: number;
  private readonly waker = new Waker();
  private loop: Promise<void> = Promise.resolve();
  private readonly appending = new Set<Promise<void>>();

  constructor(private readonly o: OneM2mUplinkOptions) {
    this.id = o.id;
    this.origin = o.originator;
    this.aePath = `/${o.cseBase}/${o.aeName}`;
    this.backoffMs = o.retryMinMs;
    this.tracker = new UplinkStateTracker(() => this.status(), o.clock, o.log, { uplink: o.id, url: o.cseUrl });
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.http = createHttpBinding({ baseUrl: this.o.cseUrl, rvi: this.o.rvi, timeoutMs: this.o.requestTimeoutMs });
    this.stopped = false;
    this.waker.setClosed(false);
    this.tracker.setState(this.cut ? 'cut' : 'connecting');
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.waker.setClosed(true);
    await this.loop;
    await Promise.allSettled([...this.appending]);
    this.http?.close();
    this.http = null;
    this.tracker.setState('disconnected');
  }

  async setCut(cut: boolean): Promise<void> {
    this.cut = cut;
    if (cut) this.tracker.setState('cut');
    this.waker.wake();
  }

  setTags(tags: TagDef[]): void {
    this.tags = new Map(tags.map((t) => [t.id, t]));
  }

  publish(batch: TagBatch): void {
    const records: { key: string; body: Buffer; createdAt: number }[] = [];
    const now = this.o.clock.now();
    for (const s of batch.samples) {
      const tag = this.tags.get(s.tagId);
      if (tag === undefined) {
        this.counters.skipped += 1;
        continue;
      }
      records.push({ key: s.tagId, body: Buffer.from(encodeUnsMessage(s, tag)), createdAt: now });
    }
    if (records.length === 0) return;
    if (this.stopped) {
      this.counters.failed += records.length;
      return;
    }
    const appended = this.o.outbox.append(records).then(
      () => {
        this.dirty = true;
        this.waker.wake(true);
      },
      (err: unknown) => {
        this.counters.failed += records.length;
        this.tracker.setError(`outbox write failed: ${(err as Error).message}`);
      },
    );
    this.appending.add(appended);
    void appended.finally(() => this.appending.delete(appended));
  }

  status(): UplinkStatus {
    const outbox = this.o.outbox.status();
    return {
      id: this.id,
      kind: 'onem2m',
      url: this.o.cseUrl,
      embeddedBroker: false,
      state: this.tracker.state,
      since: this.tracker.since,
      lastError: this.tracker.lastError,
      published: this.counters.published,
      failed: this.counters.failed + outbox.dropped,
      skipped: this.counters.skipped,
      queued: outbox.depth,
      retried: this.counters.retried,
      topicPrefix: this.aePath,
      outbox,
    };
  }

  onStatus(listener: Listener<UplinkStatus>): Disposable {
    return this.tracker.onStatus(listener);
  }

  subscription() {
    const c = this.o.commands;
    return { path: c ? `${this.aePath}/${c.container}/${c.subscriptionName}` : '', ri: this.sub.ri, verifying: this.sub.verifying };
  }

  /** "Test connection": retrieve the CSEBase (see cse-check.ts). */
  test(): Promise<UplinkTestResult> {
    return checkCse({ id: this.id, http: this.http, opts: this.o, origin: this.origin, aePath: this.registered ? this.aePath : null });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.cut) {
        await this.waker.sleep(null, false);
        continue;
      }
      try {
        if (!this.registered) await this.register();
        this.dirty = false;
        const sent = await this.drainOnce();
        this.backoffMs = this.o.retryMinMs;
        if (sent === 0 && !this.dirty) await this.waker.sleep(null, true);
      } catch (err) {
        if (this.stopped) break;
        this.failed(err as Error);
        await this.waker.sleep(this.backoffMs, false);
        this.backoffMs = Math.min(this.o.retryMaxMs, this.backoffMs * 2);
      }
    }
  }

  private async register(): Promise<void> {
    const http = this.requireHttp();
    this.tracker.setState('connecting');
    const poa = this.o.commands ? [this.o.commands.notifyUrl] : [];
    const reg = await registerAe(http, this.o, poa);
    this.origin = reg.identity.aei;
    this.containers.clear();
    if (this.o.commands) {
      const c = this.o.commands;
      await ensureContainer(http, this.aePath, this.origin, c.container, ['plantbridge:commands'], 100, 64 * 1024);
      this.sub.verifying = true;
      try {
        this.sub.ri = await ensureSubscription(http, `${this.aePath}/${c.container}`, this.origin, c.subscriptionName, c.notifyUrl);
      } finally {
        this.sub.verifying = false;
      }
    }
    this.registered = true;
    this.o.log.info({ uplink: this.id, aei: this.origin, reused: reg.reusedExisting }, 'oneM2M AE registered');
    this.tracker.setError(null);
    this.tracker.setState('connected');
  }

  /** Sends the oldest stored values in order; acks what the CSE created, puts the rest back on a failure. */
  private async drainOnce(): Promise<number> {
    const records = await this.o.outbox.take(TAKE);
    if (records.length === 0) return 0;
    const done: number[] = [];
    try {
      for (const r of records) {
        if (this.stopped || this.cut) break;
        await this.sendRecord(r);
        done.push(r.id);
      }
    } finally {
      const rest = records.filter((r) => !done.includes(r.id)).map((r) => r.id);
      if (rest.length > 0) this.o.outbox.release(rest);
      if (done.length > 0) await this.o.outbox.ack(done);
    }
    return done.length;
  }

  private async sendRecord(r: OutboxRecord): Promise<void> {
    const http = this.requireHttp();
    const rn = containerName(r.key);
    const path = `${this.aePath}/${rn}`;
    for (let attempt = 0; ; attempt++) {
      if (!this.containers.has(r.key)) await this.createContainer(http, r.key, rn);
      const res = await http.send({ method: 'POST', path, origin: this.origin, ty: TY.contentInstance, body: contentInstanceBody(r.body.toString('utf8')) });
      if (res.rsc === RSC.created) {
        this.counters.published += 1;
        if (this.tracker.state !== 'connected') {
          this.tracker.setError(null); // the CSE is back
          this.tracker.setState('connected');
        }
        return;
      }
      if (res.rsc === RSC.notFound && attempt === 0) {
        // Deleted on the CSE: re-create it once (if the AE itself is gone, that fails and we register again).
        this.o.log.warn({ uplink: this.id, container: path }, 'oneM2M container missing: re-creating it');
        this.containers.delete(r.key);
        continue;
      }
      if (res.rsc === null || (res.rsc >= 5000 && res.rsc !== 5207) || res.rsc === RSC.noPermission || res.rsc === RSC.notFound) {
        if (res.rsc === RSC.notFound) this.registered = false;
        throw refused(`value for ${r.key}`, res); // transient or fixable on the CSE: keep the value and back off
      }
      // A refusal of this value itself (too large for mbs, bad request): counted and reported, the queue goes on.
      this.counters.failed += 1;
      this.tracker.setError(`value for ${r.key} refused by the CSE: ${rscText(res.rsc)}`);
      return;
    }
  }

  private async createContainer(http: HttpBinding, tagId: string, rn: string): Promise<void> {
    const tag = this.tags.get(tagId);
    const labels = tag ? tagLabels(tag) : [`tagId:${tagId}`];
    try {
      await ensureContainer(http, this.aePath, this.origin, rn, labels, this.o.mni, this.o.mbs);
    } catch (err) {
      if (err instanceof M2mRefusedError && err.rsc === RSC.notFound) this.registered = false;
      throw err;
    }
    this.containers.add(tagId);
  }

  private failed(err: Error): void {
    this.counters.retried += 1;
    const text = err instanceof M2mUnreachableError || err instanceof M2mRefusedError ? err.message : `oneM2M uplink: ${err.message}`;
    if (!(err instanceof M2mUnreachableError) && !(err instanceof M2mRefusedError)) this.o.log.error({ err, uplink: this.id }, 'oneM2M uplink failed');
    this.tracker.setError(`${text}; retrying in ${Math.round(this.backoffMs / 100) / 10} s`);
    this.tracker.setState('disconnected');
  }

  private requireHttp(): HttpBinding {
    if (this.http === null) throw new Error('the oneM2M uplink is not started');
    return this.http;
  }
}
