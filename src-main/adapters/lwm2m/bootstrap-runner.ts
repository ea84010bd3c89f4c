// Which LwM2M server to register with: one bootstrapped earlier (kept encrypted in the data dir), or — with a
// bootstrap server configured — a client-initiated bootstrap now (POST /bs?ep=, the server's Writes, Bootstrap-Finish),
// retried with back-off; otherwise the configured server URI.
import { BootstrapSession, type BootstrappedServer } from '../../domain/lwm2m/bootstrap-session.js';
import { parseCoapUri, type Lwm2mClientOptions, type ServerAccount } from './client-options.js';
import type { ClientRequest, CoapReply } from './coap-endpoint.js';
import type { SecretStore } from './secret-store.js';

export interface BootstrapRunnerDeps {
  options: Lwm2mClientOptions;
  secrets: SecretStore;
  request: (r: ClientRequest) => Promise<CoapReply>;
  endpointName: () => string;
  /** Bootstrap progress for the uplink status: a problem in plain words, or null once it worked. */
  onProblem: (message: string | null) => void;
}

const STORE_NAME = 'bootstrap';
const FINISH_WAIT_MS = 60_000;

export class BootstrapRunner {
  private active: BootstrapSession | null = null;
  private host: string | null = null;
  private cancelled = false;
  private wake: (() => void) | null = null;
  lastError: string | null = null;

  constructor(private readonly d: BootstrapRunnerDeps) {}

  session(): BootstrapSession | null {
    return this.active;
  }

  trustedHost(): string | null {
    return this.active ? this.host : null;
  }

  configuredAccount(): ServerAccount | null {
    const { serverUri, shortServerId, lifetimeSec } = this.d.options;
    if (!serverUri) return null;
    const parsed = parseCoapUri(serverUri);
    return typeof parsed === 'string' ? null : { ...parsed, uri: serverUri, shortServerId, lifetimeSec };
  }

  cancel(): void {
    this.cancelled = true;
    this.active = null;
    this.wake?.();
  }

  /** The account to register with; null when cancelled (stop or drill) before one was found. */
  async account(isCut: () => boolean): Promise<ServerAccount | null> {
    this.cancelled = false;
    const o = this.d.options;
    if (!o.bootstrapUri) return this.configuredAccount();
    const stored = await this.d.secrets.load(STORE_NAME).catch((err: unknown) => {
      o.log.error({ uplink: o.id, err: String(err) }, 'the stored LwM2M bootstrap data cannot be read (bootstrapping again)');
      return null;
    });
    const fromStore = toAccount(stored);
    if (fromStore) return fromStore;
    for (let attempt = 0; !this.cancelled && !isCut(); attempt += 1) {
      const server = await this.runOnce(o.bootstrapUri);
      if (server) {
        await this.d.secrets.save(STORE_NAME, server);
        o.log.info({ uplink: o.id, server: server.serverUri, shortServerId: server.shortServerId }, 'LwM2M bootstrap finished');
        return toAccount(server);
      }
      await this.sleep(Math.min(60_000, 2000 * 2 ** Math.min(attempt, 5)));
    }
    return null;
  }

  private async runOnce(bootstrapUri: string): Promise<BootstrappedServer | null> {
    const o = this.d.options;
    const target = parseCoapUri(bootstrapUri);
    if (typeof target === 'string') {
      this.lastError = `bootstrap server: ${target}`;
      return null;
    }
    this.lastError = null;
    const session = new BootstrapSession();
    this.active = session;
    this.host = target.host;
    try {
      const reply = await this.d.request({
        host: target.host, port: target.port, method: 'POST', pathname: '/bs',
        query: `ep=${encodeURIComponent(this.d.endpointName())}&pct=110`, timeoutMs: o.requestTimeoutMs,
      });
      if (reply.code !== '2.04') {
        this.lastError = `bootstrap server answered Bootstrap-Request with ${reply.code}`;
        return null;
      }
      this.host = reply.from;
      const deadline = o.clock.now() + FINISH_WAIT_MS;
      while (!session.finished && !this.cancelled && o.clock.now() < deadline) await this.sleep(100);
      if (!session.finished) this.lastError = 'the bootstrap server did not finish within 60 s';
      return session.finished;
    } catch (err) {
      this.lastError = `no answer from the bootstrap server: ${err instanceof Error ? err.message : String(err)}`;
      return null;
    } finally {
      if (this.active === session) this.active = null;
      if (this.lastError) this.d.onProblem(`LwM2M bootstrap: ${this.lastError}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function toAccount(v: unknown): ServerAccount | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Partial<BootstrappedServer>;
  if (typeof s.serverUri !== 'string' || typeof s.shortServerId !== 'number' || typeof s.lifetimeSec !== 'number') return null;
  const parsed = parseCoapUri(s.serverUri);
  if (typeof parsed === 'string') return null;
  return { ...parsed, uri: s.serverUri, shortServerId: s.shortServerId, lifetimeSec: s.lifetimeSec };
}
