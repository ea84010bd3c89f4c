// The optional local CoAP server (coap@1.5.0): GET /tags/<tag id> as JSON (ct 50) or text (ct 0) by Accept,
// Observe (current value on registration, then one coalesced notification per change; RST or Observe=1
// deregisters), /.well-known/core in link format (Block2 by the library for large listings). Read-only: every
// write is 4.05. Garbage datagrams and oversized requests are filtered before the library sees them (counted).
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { createServer, type IncomingMessage, type OutgoingMessage, type Server } from 'coap';
import type { TagBatch, TagSample } from '../../contract/index.js';
import { CONTENT_FORMAT } from '../../domain/coap/coap-message.js';
import { linkFormat, representationFor, tagBody, tagIdOfPath, type Representation } from '../../domain/coap/tag-resources.js';
import type { TagDef } from '../../domain/tags.js';
import type { Log } from '../../services/ports.js';
import { screenDatagram } from './datagram-screen.js';

export interface CoapTagServerOptions {
  bind: string;
  port: number;
  maxObservers: number;
  maxBodyBytes: number;
  /** The current value of a tag (the bridge's live snapshot). */
  current(tagId: string): TagSample | undefined;
  log: Log;
}

export interface CoapTagServerStatus {
  url: string;
  observers: number;
  requests: number;
  /** Requests answered with an error (4.xx/5.xx), including the observer cap and oversized bodies. */
  rejected: number;
  /** Datagrams that were not CoAP requests at all (ignored). */
  garbage: number;
}

interface Observer {
  key: string;
  tagId: string;
  rep: Representation;
  stream: OutgoingMessage;
}

const WRITE_METHODS = new Set(['PUT', 'POST', 'DELETE', 'PATCH', 'iPATCH', 'FETCH']);

export class CoapTagServer {
  private socket: Socket | null = null;
  private server: Server | null = null;
  private tags = new Map<string, TagDef>();
  private readonly observers = new Map<string, Observer>();
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly counters = { requests: 0, rejected: 0, garbage: 0 };
  private boundPort = 0;

  constructor(private readonly opts: CoapTagServerOptions) {}

  get url(): string {
    const host = isIPv6(this.opts.bind) ? `[${this.opts.bind}]` : this.opts.bind;
    return `coap://${host}:${this.boundPort}`;
  }

  async start(): Promise<void> {
    const socket = createSocket({ type: isIPv6(this.opts.bind) ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.opts.port, this.opts.bind, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', (err) => this.opts.log.warn({ err: err.message }, 'CoAP server socket error'));
    this.boundPort = socket.address().port;
    screenDatagram(socket, this.opts.maxBodyBytes, {
      garbage: () => (this.counters.garbage += 1),
      rejected: () => (this.counters.rejected += 1),
    });
    const server = createServer({ type: isIPv6(this.opts.bind) ? 'udp6' : 'udp4' }, (req, res) => this.handle(req, res));
    server.on('error', (err: Error) => this.opts.log.warn({ err: err.message }, 'CoAP server error'));
    server.listen(socket);
    this.socket = socket;
    this.server = server;
    this.opts.log.info({ url: this.url }, 'CoAP server listening (read-only tags)');
  }

  async stop(): Promise<void> {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const o of this.observers.values()) o.stream.end();
    this.observers.clear();
    const server = this.server;
    this.server = null;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  setTags(tags: TagDef[]): void {
    this.tags = new Map(tags.map((t) => [t.id, t]));
    for (const o of [...this.observers.values()]) if (!this.tags.has(o.tagId)) this.drop(o, true);
  }

  /** New values: each observed tag that changed gets one notification (coalesced to the newest per tick). */
  update(batch: TagBatch): void {
    if (this.observers.size === 0) return;
    for (const s of batch.samples) this.dirty.add(s.tagId);
    this.flushTimer ??= setTimeout(() => this.flush(), 0);
  }

  status(): CoapTagServerStatus {
    return { url: this.url, observers: this.observers.size, ...this.counters };
  }

  private handle(req: IncomingMessage, res: OutgoingMessage): void {
    this.counters.requests += 1;
    try {
      const [path = '/', query = ''] = req.url.split('?');
      const tagId = tagIdOfPath(path);
      const known = path === '/.well-known/core' || (tagId !== null && this.tags.has(tagId));
      if (!known) return this.reply(res, '4.04', 'no such resource');
      if (WRITE_METHODS.has(req.method)) return this.reply(res, '4.05', 'tags are read-only over CoAP');
      if (tagId === null) {
        res.setOption('Content-Format', 'application/link-format');
        res.end(Buffer.from(linkFormat([...this.tags.values()], query), 'utf8'));
        return;
      }
      const rep = representationFor(acceptNumber(req.headers['Accept']));
      if (rep === null) return this.reply(res, '4.06', 'supported: application/json (50), text/plain (0)');
      const key = `${req.rsinfo.address}:${req.rsinfo.port}:${req._packet.token?.toString('hex') ?? ''}`;
      if (req.headers['Observe'] === 1) this.dropKey(key);
      if (req.headers['Observe'] === 0) return this.observe(key, tagId, rep, res);
      res.setOption('Content-Format', rep === 'json' ? 'application/json' : 'text/plain');
      res.end(tagBody(tagId, this.opts.current(tagId), rep));
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'CoAP server: request failed');
      this.reply(res, '5.00', 'internal error');
    }
  }

  private observe(key: string, tagId: string, rep: Representation, res: OutgoingMessage): void {
    this.dropKey(key); // a re-registration replaces the old one
    if (this.observers.size >= this.opts.maxObservers) {
      this.opts.log.warn({ max: this.opts.maxObservers }, 'CoAP server: observer limit reached');
      return this.reply(res, '5.03', `observer limit (${this.opts.maxObservers}) reached`);
    }
    const observer: Observer = { key, tagId, rep, stream: res };
    this.observers.set(key, observer);
    res.setOption('Content-Format', rep === 'json' ? 'application/json' : 'text/plain');
    // RST to a notification or a failed CON notification ends the stream: the observer is gone.
    res.on('finish', () => this.drop(observer, false));
    res.on('error', () => this.drop(observer, false));
    res.write(tagBody(tagId, this.opts.current(tagId), rep));
  }

  private flush(): void {
    this.flushTimer = null;
    const changed = new Set(this.dirty);
    this.dirty.clear();
    for (const o of this.observers.values()) {
      if (!changed.has(o.tagId)) continue;
      try {
        o.stream.write(tagBody(o.tagId, this.opts.current(o.tagId), o.rep));
      } catch (err) {
        this.opts.log.debug({ err: (err as Error).message }, 'CoAP server: notification failed');
        this.drop(o, true);
      }
    }
  }

  private dropKey(key: string): void {
    const o = this.observers.get(key);
    if (o !== undefined) this.drop(o, true);
  }

  private drop(o: Observer, end: boolean): void {
    if (this.observers.get(o.key) !== o) return;
    this.observers.delete(o.key);
    if (end) o.stream.end();
  }

  private reply(res: OutgoingMessage, code: string, text: string): void {
    if (!code.startsWith('2')) this.counters.rejected += 1;
    res.statusCode = code;
    res.setOption('Content-Format', 'text/plain');
    res.end(Buffer.from(text, 'utf8'));
  }
}

/** Accept as the library decodes it (a registered format name or a number) → the CoAP content-format number. */
function acceptNumber(accept: unknown): number | undefined {
  if (accept === undefined || accept === null) return undefined;
  if (typeof accept === 'number') return accept;
  if (accept === 'application/json') return CONTENT_FORMAT.json;
  if (typeof accept === 'string' && accept.startsWith('text/plain')) return CONTENT_FORMAT.textPlain;
  return -1;
}
