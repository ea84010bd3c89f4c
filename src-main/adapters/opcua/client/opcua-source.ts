// One connection to a plant OPC UA server: connect with retries, discover and subscribe, survive reconnections,
// and report a specific reason whenever it is not connected. Certificates are never accepted automatically.
import type { OPCUAClient, ClientSession, OPCUACertificateManager, UserIdentityInfo } from 'node-opcua';
import type { SourceState, SourceStatus, TagBatch, TagValue } from '../../../contract/index.js';
import type { TagDef } from '../../../domain/tags.js';
import type { OpcuaSource, SourceWriteResult } from '../../../services/ports.js';
import { acquireCertificateManager } from '../pki.js';
import { createClient, effectivePolicy, identityOf } from './client-factory.js';
import { ensureClientCertificate } from './client-certificate.js';
import { describeFailure, isUntrustedServerError, recentlyRejectedCertificate } from './connection-errors.js';
import { recordConnectionRefusal } from './refusal-record.js';
import type { GroupSubscription } from './group-subscription.js';
import { Emitter } from './listeners.js';
import { DEFAULT_RETRY, type OpcuaSourceOptions, type RetryTimings } from './options.js';
import type { TagWithType } from './read-metadata.js';
import { readOperationLimits, type OperationLimits } from './server-info.js';
import { SampleBuffer } from './sample-buffer.js';
import { discoverTags, planSubscriptions } from './session-setup.js';
import { closeConnection, restoreSubscriptions, retryDelay, terminateAll } from './connection-steps.js';
import { readTagValue, writeTagValue } from './tag-io.js';

class OpcuaSourceImpl implements OpcuaSource {
  readonly id: string;
  private readonly retry: RetryTimings;
  private state: SourceState = 'disconnected';
  private since: number;
  private lastError: string | null = null;
  private reconnects = 0;
  private stopped = true;
  private cert: { manager: OPCUACertificateManager; release(): Promise<void>; file: string; uri: string } | null = null;
  private client: OPCUAClient | null = null;
  private session: ClientSession | null = null;
  private subscriptions: GroupSubscription[] = [];
  private tagList: TagWithType[] = [];
  private readonly byId = new Map<string, TagWithType>();
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private failedAttempts = 0;
  private rejectedServerCertificate: Buffer | undefined;
  private limits: OperationLimits = {};
  private readonly buffer: SampleBuffer;
  private readonly tagsEvent: Emitter<TagDef[]>;
  private readonly batchEvent: Emitter<TagBatch>;
  private readonly statusEvent: Emitter<SourceStatus>;

  constructor(private readonly opts: OpcuaSourceOptions) {
    this.id = opts.id;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.since = opts.clock.now();
    this.tagsEvent = new Emitter(opts.log, 'tags');
    this.batchEvent = new Emitter(opts.log, 'batch');
    this.statusEvent = new Emitter(opts.log, 'status');
    this.buffer = new SampleBuffer(opts.clock, (b) => this.batchEvent.emit(b));
  }

  onTags = (l: (t: TagDef[]) => void) => this.tagsEvent.on(l);
  onBatch = (l: (b: TagBatch) => void) => this.batchEvent.on(l);
  onStatus = (l: (s: SourceStatus) => void) => this.statusEvent.on(l);

  tags(): TagDef[] {
    return this.tagList.map((t) => t.def);
  }

  status(): SourceStatus {
    return {
      id: this.id,
      endpointUrl: this.opts.endpointUrl,
      securityMode: this.opts.securityMode,
      securityPolicy: effectivePolicy(this.opts.securityMode, this.opts.securityPolicy),
      state: this.state,
      since: this.since,
      lastError: this.lastError,
      monitoredItems: this.subscriptions.reduce((n, s) => n + s.monitoredItems, 0),
      reconnects: this.reconnects,
      operationLimits: { ...this.limits },
      subscriptions: this.subscriptions.map((s) => s.info()),
    };
  }

  /** The live session (for the address-space browser), with the server's operation limits; null when not connected. */
  currentSession(): { session: ClientSession; limits: OperationLimits } | null {
    return this.session && this.state === 'connected' ? { session: this.session, limits: this.limits } : null;
  }

  private setState(state: SourceState, lastError: string | null = this.lastError): void {
    if (state === this.state && lastError === this.lastError) return;
    if (state !== this.state) this.since = this.opts.clock.now();
    this.state = state;
    this.lastError = lastError;
    this.statusEvent.emit(this.status());
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.setState('connecting', null);
    try {
      const { manager, release } = await acquireCertificateManager(this.opts.pkiDir);
      const { file, uri } = await ensureClientCertificate(manager, this.opts.applicationName);
      this.cert = { manager, release, file, uri };
    } catch (err) {
      this.setState('failed', `Cannot prepare the client certificate in ${this.opts.pkiDir}: ${(err as Error).message}`);
      return;
    }
    await this.attempt();
  }

  /** One connection attempt, from a fresh client. Failures schedule the next attempt; nothing is thrown. */
  private async attempt(): Promise<void> {
    this.retryTimer = null;
    const cert = this.cert;
    if (this.stopped || !cert) return;
    // The first connect is tried once (start() must return); node-opcua retries forever after a lost connection.
    const client = createClient(this.opts, cert, { maxRetry: 0, initialDelay: this.retry.initialDelayMs, maxDelay: this.retry.maxDelayMs });
    this.client = client;
    const attemptStart = Date.now();
    try {
      await client.connect(this.opts.endpointUrl);
      const session = await client.createSession(this.identity());
      this.session = session;
      this.wireReconnection(client);
      await this.setupSession(session);
      this.failedAttempts = 0;
      this.setState('connected', null);
      this.opts.log.info({ source: this.id, monitoredItems: this.status().monitoredItems }, 'connected');
    } catch (err) {
      // Read before teardown: disconnecting forgets the certificate the server presented.
      let serverCertificate = client.serverCertificate;
      await this.teardownClient();
      if (!serverCertificate && isUntrustedServerError(err)) {
        // A certificate already in rejected/ is not written again: remember the one found on the first refusal.
        serverCertificate = (await recentlyRejectedCertificate(this.opts.pkiDir, attemptStart)) ?? this.rejectedServerCertificate;
        this.rejectedServerCertificate = serverCertificate;
      }
      if (this.stopped) return;
      const context = { endpointUrl: this.opts.endpointUrl, pkiDir: this.opts.pkiDir, serverCertificate }, failure = describeFailure(err, context);
      await recordConnectionRefusal(err, failure, context, this.opts.clock.now());
      this.opts.log.warn({ source: this.id, kind: failure.kind, err: (err as Error).message }, failure.message);
      this.failedAttempts++;
      const delay = retryDelay(failure.kind, this.failedAttempts, this.retry);
      this.setState(failure.kind === 'unreachable' ? 'disconnected' : 'failed', failure.message);
      this.retryTimer = setTimeout(() => void this.attempt(), delay);
    }
  }

  private identity(): UserIdentityInfo {
    return identityOf(this.opts.user);
  }

  private async setupSession(session: ClientSession): Promise<void> {
    // The server's per-call limits bound every Read, Browse and CreateMonitoredItems below (interop: many embedded
    // servers allow far fewer than node-opcua's defaults).
    this.limits = await readOperationLimits(session).catch((err: unknown) => {
      this.opts.log.warn({ source: this.id, err: (err as Error).message }, 'cannot read the server operation limits: assuming none');
      return {};
    });
    this.tagList = await discoverTags(session, this.opts, this.limits);
    this.byId.clear();
    for (const t of this.tagList) this.byId.set(t.def.id, t);
    this.buffer.setTags(this.tagList.map((t) => t.def.id));
    this.tagsEvent.emit(this.tags());
    await this.terminateSubscriptions();
    this.subscriptions = planSubscriptions(this.tagList, this.opts, this.buffer.push, this.limits.MaxMonitoredItemsPerCall);
    for (const s of this.subscriptions) await s.create(session);
  }

  private wireReconnection(client: OPCUAClient): void {
    const lost = (): void => {
      if (this.stopped || this.client !== client || this.state === 'reconnecting') return;
      this.opts.log.warn({ source: this.id }, 'connection lost: reconnecting');
      this.buffer.markAllStale();
      this.setState('reconnecting', `Connection to ${this.opts.endpointUrl} lost; reconnecting.`);
      this.armWatchdog();
    };
    client.on('connection_lost', lost);
    client.on('start_reconnection', lost);
    client.on('reconnection_attempt_has_failed', (err: Error) => {
      if (this.client !== client) return;
      const failure = describeFailure(err, { endpointUrl: this.opts.endpointUrl, pkiDir: this.opts.pkiDir, serverCertificate: client.serverCertificate });
      this.setState('reconnecting', failure.message);
    });
    client.on('connection_reestablished', () => {
      if (this.stopped || this.client !== client) return;
      void this.afterReconnection();
    });
    client.on('close', (err?: Error | null) => {
      // node-opcua gave up repairing the connection: start over with a fresh client.
      if (err && !this.stopped && this.client === client) void this.rebuild(`connection closed: ${err.message}`);
    });
  }

  /** node-opcua repaired the session (reactivated it, or recreated it and its subscriptions). Check on the server
   * that every subscription and item exists; recreate the ones that do not. */
  private async afterReconnection(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.reconnects++;
    try {
      await restoreSubscriptions(session, this.subscriptions, this.opts.log, this.id);
      this.clearWatchdog();
      this.setState('connected', null);
      this.opts.log.info({ source: this.id, reconnects: this.reconnects }, 'reconnected');
    } catch (err) {
      await this.rebuild(`subscriptions could not be restored: ${(err as Error).message}`);
    }
  }

  private armWatchdog(): void {
    this.clearWatchdog();
    this.watchdog = setTimeout(() => void this.rebuild('reconnection took too long'), this.retry.reconnectWatchdogMs);
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private async rebuild(reason: string): Promise<void> {
    if (this.stopped) return;
    this.opts.log.warn({ source: this.id, reason }, 'starting a fresh connection');
    this.clearWatchdog();
    if (this.state === 'connected') this.buffer.markAllStale();
    await this.teardownClient();
    if (this.stopped || this.retryTimer) return;
    this.setState('reconnecting', `Reconnecting to ${this.opts.endpointUrl}: ${reason}.`);
    this.reconnects++;
    this.retryTimer = setTimeout(() => void this.attempt(), this.retry.initialDelayMs);
  }

  private async terminateSubscriptions(): Promise<void> {
    const subs = this.subscriptions;
    this.subscriptions = [];
    await terminateAll(subs);
  }

  private async teardownClient(): Promise<void> {
    const client = this.client;
    const session = this.session;
    this.client = null;
    this.session = null;
    await this.terminateSubscriptions();
    await closeConnection(client, session);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.clearWatchdog();
    await this.teardownClient();
    this.buffer.close();
    const cert = this.cert;
    this.cert = null;
    await cert?.release();
    this.setState('disconnected', null);
  }

  async write(tag: TagDef, value: TagValue): Promise<SourceWriteResult> {
    const session = this.session;
    if (!session || this.state !== 'connected') return { status: 'BadNotConnected' };
    return writeTagValue(session, tag, this.byId.get(tag.id)?.builtIn, value, { log: this.opts.log, sourceId: this.id });
  }

  async read(tag: TagDef): Promise<TagValue> {
    const session = this.session;
    if (!session) throw new Error(`Source ${this.id} is not connected to ${this.opts.endpointUrl}`);
    return readTagValue(session, tag);
  }
}

export interface SessionAccess {
  currentSession(): { session: ClientSession; limits: OperationLimits } | null;
}

export function createOpcuaSource(opts: OpcuaSourceOptions): OpcuaSource & SessionAccess {
  return new OpcuaSourceImpl(opts);
}

export function hasSessionAccess(source: object): source is SessionAccess {
  return typeof (source as Partial<SessionAccess>).currentSession === 'function';
}
