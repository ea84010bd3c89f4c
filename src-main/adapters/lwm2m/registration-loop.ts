// Drives the registration state machine over the network: Register, Update on time (and when the lifetime or the
// object list changes), register again after a 4.04 or a failed Update, back-off after failures, De-register on stop.
import { RegistrationMachine, type RegistrationAction } from '../../domain/lwm2m/registration-machine.js';
import { CONTENT_FORMAT } from '../../domain/lwm2m/model.js';
import type { UplinkStateTracker } from '../uplink/uplink-state.js';
import type { Lwm2mClientOptions, ServerAccount } from './client-options.js';
import type { ClientRequest, CoapReply } from './coap-endpoint.js';

export interface RegistrationLoopDeps {
  options: Lwm2mClientOptions;
  account: ServerAccount;
  endpointName: string;
  links: () => string;
  request: (r: ClientRequest) => Promise<CoapReply>;
  state: UplinkStateTracker;
  counters: { failed: number; retried: number };
}

export class RegistrationLoop {
  private readonly machine: RegistrationMachine;
  private timer: NodeJS.Timeout | null = null;
  private linksSent = '';
  private stopped = false;
  /** The address the server answered from: its requests must come from there. */
  trustedHost: string | null = null;

  constructor(private readonly d: RegistrationLoopDeps) {
    this.machine = new RegistrationMachine({ lifetimeSec: d.account.lifetimeSec });
  }

  get registered(): boolean {
    return this.machine.registered;
  }

  start(): void {
    void this.perform(this.machine.start());
  }

  setLifetime(sec: number): void {
    void this.perform(this.machine.setLifetime(sec));
  }

  requestUpdate(): void {
    void this.perform(this.machine.requestUpdate());
  }

  objectsChanged(): void {
    if (this.d.links() !== this.linksSent) this.requestUpdate();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const action = this.machine.stop();
    if (action.kind !== 'deregister') return;
    try {
      const reply = await this.send('DELETE', action.location, undefined, undefined, 3000);
      this.d.options.log.info({ uplink: this.d.options.id, code: reply.code }, 'LwM2M de-registered');
    } catch (err) {
      this.d.options.log.warn({ uplink: this.d.options.id, err: String(err) }, 'LwM2M De-register got no answer');
    }
  }

  /** "Test connection" while registered: an Update round trip that does not disturb the schedule. */
  async testUpdate(): Promise<{ ok: boolean; message: string }> {
    const location = this.machine.location;
    if (!location) return { ok: false, message: 'not registered' };
    try {
      const reply = await this.send('POST', location, undefined, undefined, 5000);
      if (reply.code === '2.04') return { ok: true, message: `registration ${location} confirmed by the server (2.04)` };
      if (reply.code === '4.04') this.requestUpdate();
      return { ok: false, message: `the server answered Update with ${reply.code}` };
    } catch (err) {
      return { ok: false, message: `no answer to Update: ${errText(err)}` };
    }
  }

  private async perform(action: RegistrationAction): Promise<void> {
    if (this.stopped || action.kind === 'none' || action.kind === 'deregister') return this.schedule();
    const now = () => this.d.options.clock.now();
    const { state, counters } = this.d;
    const uri = this.d.account.uri;
    if (action.kind === 'register') {
      if (this.machine.consecutiveFailures > 0) counters.retried += 1;
      if (!state.lastError) state.setState('connecting');
      const links = this.d.links();
      const query = `ep=${encodeURIComponent(this.d.endpointName)}&lt=${this.machine.lifetime}&lwm2m=1.1&b=U`;
      let next: RegistrationAction;
      try {
        const reply = await this.send('POST', '/rd', query, links, this.d.options.requestTimeoutMs);
        if (this.stopped) return;
        if (reply.code === '2.01' && reply.locationPath.length > 0) {
          this.trustedHost = reply.from;
          this.linksSent = links;
          next = this.machine.registerSucceeded(now(), `/${reply.locationPath.join('/')}`);
          state.setError(null);
          state.setState('connected');
          this.d.options.log.info({ uplink: this.d.options.id, location: this.machine.location }, `LwM2M registered with ${uri}`);
        } else {
          counters.failed += 1;
          next = this.machine.registerFailed(now());
          state.setError(`${uri} refused Register with ${reply.code}${detail(reply)}`);
          state.setState('disconnected');
        }
      } catch (err) {
        if (this.stopped) return;
        counters.failed += 1;
        next = this.machine.registerFailed(now());
        state.setError(`no answer from ${uri} to Register: ${errText(err)}`);
        state.setState('disconnected');
      }
      return this.perform(next);
    }
    const links = this.d.links();
    const changed = links !== this.linksSent;
    let next: RegistrationAction;
    try {
      const reply = await this.send('POST', this.machine.location ?? '/rd', `lt=${this.machine.lifetime}`, changed ? links : undefined, this.d.options.requestTimeoutMs);
      if (this.stopped) return;
      if (reply.code === '2.04') {
        if (changed) this.linksSent = links;
        next = this.machine.updateSucceeded(now());
      } else {
        counters.failed += 1;
        state.setError(`${uri} answered Update with ${reply.code}${detail(reply)}: registering again`);
        state.setState('connecting');
        next = this.machine.updateFailed(now(), reply.code);
      }
    } catch (err) {
      if (this.stopped) return;
      counters.failed += 1;
      state.setError(`no answer from ${uri} to Update: ${errText(err)}`);
      state.setState('disconnected');
      next = this.machine.updateFailed(now(), null);
    }
    return this.perform(next);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.machine.nextDueAt;
    if (this.stopped || due === null) return;
    const wait = Math.max(0, due - this.d.options.clock.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.perform(this.machine.tick(this.d.options.clock.now()));
    }, wait);
  }

  private send(method: 'POST' | 'DELETE', pathname: string, query: string | undefined, links: string | undefined, timeoutMs: number) {
    const { host, port } = this.d.account;
    return this.d.request({
      host, port, method, pathname, timeoutMs,
      ...(query ? { query } : {}),
      ...(links !== undefined ? { payload: links, contentFormat: CONTENT_FORMAT.linkFormat } : {}),
    });
  }
}

function detail(reply: CoapReply): string {
  const text = reply.payload.toString('utf8').replace(/[^\x20-\x7e]/g, '').slice(0, 120);
  return text ? ` (${text})` : '';
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
