// Answers the LwM2M server's CoAP requests: only from the server's own host, each turned into an LwRequest for the
// dispatcher (or the bootstrap session), Observe relations handed to Observations. Every refusal is counted and its
// reason logged (throttled); nothing a peer sends can throw out of here.
import type { IncomingMessage, OutgoingMessage } from 'coap';
import { parsePath } from '../../domain/lwm2m/model.js';
import type { LwRequest, LwResponse, RequestDispatcher } from '../../domain/lwm2m/request-dispatch.js';
import type { BootstrapSession } from '../../domain/lwm2m/bootstrap-session.js';
import type { Clock, Log } from '../../services/ports.js';
import { formatNumber } from './coap-endpoint.js';
import type { Observations } from './observations.js';

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'FETCH', 'PATCH', 'iPATCH']);

export interface ServerRequestDeps {
  dispatcher: RequestDispatcher;
  observations: Observations;
  /** The host the current (bootstrap) server sends from; requests from elsewhere are refused. */
  trustedHost(): string | null;
  /** While bootstrapping, requests go to this session instead of the object tree. */
  bootstrap(): BootstrapSession | null;
  /** Traffic stopped on purpose (the store-and-forward drill): no answers at all. */
  silenced(): boolean;
  clock: Clock;
  log: Log;
}

export class ServerRequests {
  rejected = 0;
  handled = 0;
  lastReject: string | null = null;
  private lastLogAt = 0;

  constructor(private readonly d: ServerRequestDeps) {}

  handle(req: IncomingMessage, res: OutgoingMessage): void {
    this.process(req, res).catch((err: unknown) => {
      this.reject('internal error while answering', String(err));
      try {
        res.code = '5.00';
        res.end();
      } catch {
        // the response is gone already
      }
    });
  }

  private async process(req: IncomingMessage, res: OutgoingMessage): Promise<void> {
    if (this.d.silenced()) return;
    const host = this.d.trustedHost();
    if (host === null || !sameHost(req.rsinfo.address, host)) {
      this.reply(res, { code: '4.03', reason: `request from ${req.rsinfo.address}, not from the LwM2M server` });
      return;
    }
    const lw = toLwRequest(req);
    if (typeof lw === 'string') {
      this.reply(res, { code: '4.00', reason: lw });
      return;
    }
    const session = this.d.bootstrap();
    if (session) {
      this.reply(res, session.handle(lw));
      return;
    }
    const observe = req.headers.Observe;
    const key = `${req.rsinfo.address}:${req.rsinfo.port}/${req._packet.token?.toString('hex') ?? ''}`;
    if (lw.method === 'GET' && observe === 1) this.d.observations.cancel(key);
    if (lw.method === 'GET' && observe === 0 && lw.accept !== 40) {
      const path = parsePath(lw.path);
      if (!path || path.objectId === 0) {
        this.reply(res, await this.d.dispatcher.handle(lw));
        return;
      }
      const first = this.d.dispatcher.read(path, lw.accept);
      if (first.code !== '2.05') {
        this.reply(res, first);
        return;
      }
      if (!this.d.observations.add(key, path, lw.accept, first, res)) {
        this.reply(res, { code: '5.03', reason: 'too many observations' });
        return;
      }
      this.handled += 1;
      return;
    }
    const out = await this.d.dispatcher.handle(lw);
    if (lw.method === 'PUT' && out.code === '2.04' && /(^|&)cancel(&|$)/.test(lw.query)) {
      const path = parsePath(lw.path);
      if (path) this.d.observations.cancelPath(path);
    }
    this.reply(res, out);
  }

  private reply(res: OutgoingMessage, r: LwResponse): void {
    // 4.xx: the server asked for something bad (counted); 5.xx (no value yet, busy) is our side, not a reject.
    if (r.code.startsWith('4')) this.reject(`${r.code} ${r.reason ?? ''}`.trim());
    else this.handled += 1;
    res.code = r.code;
    if (r.contentFormat !== undefined) res.setOption('Content-Format', r.contentFormat);
    res.end(r.payload !== undefined ? Buffer.from(r.payload, 'utf8') : undefined);
  }

  private reject(reason: string, detail?: string): void {
    this.rejected += 1;
    this.lastReject = reason.slice(0, 200);
    const now = this.d.clock.now();
    if (now - this.lastLogAt >= 1000) {
      this.lastLogAt = now;
      this.d.log.warn({ rejected: this.rejected, ...(detail ? { detail: detail.slice(0, 200) } : {}) }, `LwM2M request refused: ${this.lastReject}`);
    }
  }
}

function toLwRequest(req: IncomingMessage): LwRequest | string {
  const method = String(req.method);
  if (!METHODS.has(method)) return `unknown method code ${String(req.code)}`;
  const url = typeof req.url === 'string' ? req.url : '/';
  const q = url.indexOf('?');
  const contentFormat = formatNumber(req.headers['Content-Format']);
  const accept = formatNumber(req.headers.Accept);
  return {
    method: method as LwRequest['method'],
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    contentFormat,
    accept,
    payload: Buffer.isBuffer(req.payload) ? req.payload : Buffer.alloc(0),
  };
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) => h.replace(/^::ffff:/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return norm(a) === norm(b) || (norm(b) === 'localhost' && (norm(a) === '127.0.0.1' || norm(a) === '::1'));
}
