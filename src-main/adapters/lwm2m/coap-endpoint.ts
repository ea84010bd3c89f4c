// One UDP socket for an LwM2M client: its own coap.Agent sends Register/Update/De-register (never the global agent
// another module may tune), and a coap.Server on the same socket answers the server's requests, as LwM2M's
// "same address for both" needs. Datagrams that are not CoAP at all are counted here and otherwise ignored.
import { createSocket, type Socket } from 'node:dgram';
import { Agent, createServer, type IncomingMessage, type OutgoingMessage, type Server } from 'coap';

export interface CoapReply {
  code: string;
  payload: Buffer;
  contentFormat: number | null;
  locationPath: string[];
  /** The address the reply came from (the server's real IP when the URI named a host). */
  from: string;
}

export interface ClientRequest {
  host: string;
  port: number;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pathname: string;
  query?: string;
  contentFormat?: number;
  payload?: string;
  timeoutMs: number;
}

export type ServerRequestHandler = (req: IncomingMessage, res: OutgoingMessage) => void;

const FORMAT_NUMBERS: Record<string, number> = {
  'text/plain': 0,
  'application/link-format': 40,
  'application/octet-stream': 42,
  'application/json': 50,
  'application/cbor': 60,
  'application/senml+json': 110,
  'application/senml+cbor': 112,
  'application/vnd.oma.lwm2m+tlv': 11542,
  'application/vnd.oma.lwm2m+json': 11543,
  'application/vnd.oma.lwm2m+cbor': 11544,
};

/** A Content-Format or Accept header as its number (coap reports known formats by name); -1 if unrecognisable. */
export function formatNumber(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return FORMAT_NUMBERS[value] ?? -1;
  return -1;
}

/** Whether a datagram has a plausible CoAP header (RFC 7252 §3): version 1, token ≤ 8 bytes, a known code class. */
export function looksLikeCoap(msg: Buffer): boolean {
  if (msg.length < 4) return false;
  const first = msg.readUInt8(0);
  const version = first >> 6;
  const tokenLength = first & 0x0f;
  const codeClass = msg.readUInt8(1) >> 5;
  return version === 1 && tokenLength <= 8 && msg.length >= 4 + tokenLength && [0, 2, 4, 5].includes(codeClass);
}

export class CoapEndpoint {
  private socket: Socket | null = null;
  private agent: Agent | null = null;
  private server: Server | null = null;
  garbage = 0;

  constructor(
    private readonly onRequest: ServerRequestHandler,
    private readonly onError: (err: Error) => void,
  ) {}

  async open(bind: string, port: number): Promise<number> {
    const socket = createSocket({ type: bind.includes(':') ? 'udp6' : 'udp4' });
    socket.on('error', (err) => this.onError(err));
    socket.on('message', (msg) => {
      if (!looksLikeCoap(msg)) this.garbage += 1;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, bind, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    this.socket = socket;
    this.agent = new Agent({ socket });
    this.agent.on('error', (err: Error) => this.onError(err));
    const server = createServer({ piggybackReplyMs: 50 });
    server.on('request', (req: IncomingMessage, res: OutgoingMessage) => this.onRequest(req, res));
    server.on('error', (err: Error) => this.onError(err));
    server.listen(socket);
    this.server = server;
    return socket.address().port;
  }

  get localPort(): number | null {
    return this.socket?.address().port ?? null;
  }

  /** One confirmable request with a bounded wait; resolves to the reply, rejects on timeout or a send error. */
  request(r: ClientRequest): Promise<CoapReply> {
    const agent = this.agent;
    if (!agent) return Promise.reject(new Error('the LwM2M client socket is closed'));
    return new Promise((resolve, reject) => {
      const req = agent.request({
        hostname: r.host,
        port: r.port,
        method: r.method,
        pathname: r.pathname,
        confirmable: true,
        ...(r.query ? { query: r.query } : {}),
      });
      if (r.contentFormat !== undefined) req.setOption('Content-Format', r.contentFormat);
      const timer = setTimeout(() => {
        settle(() => reject(new Error(`no answer within ${Math.round(r.timeoutMs / 1000)} s`)));
        try {
          agent.abort(req);
        } catch {
          // already finished
        }
      }, r.timeoutMs);
      let done = false;
      const settle = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        fn();
      };
      req.on('response', (res: IncomingMessage) => {
        const locationPath = (res._packet.options ?? [])
          .filter((o) => o.name === 'Location-Path')
          .map((o) => (Buffer.isBuffer(o.value) ? o.value.toString('utf8') : String(o.value)));
        const reply: CoapReply = {
          code: String(res.code),
          payload: Buffer.isBuffer(res.payload) ? res.payload : Buffer.alloc(0),
          contentFormat: formatNumber(res.headers['Content-Format']),
          locationPath,
          from: res.rsinfo.address,
        };
        settle(() => resolve(reply));
      });
      req.on('timeout', (err: Error) => settle(() => reject(err)));
      req.on('error', (err: Error) => settle(() => reject(err)));
      req.end(r.payload ?? undefined);
    });
  }

  /** CoAP ping (RFC 7252 §4.3): an empty CON the peer answers with RST; true if it did within the time. */
  ping(host: string, port: number, timeoutMs: number): Promise<boolean> {
    const socket = this.socket;
    if (!socket) return Promise.resolve(false);
    const mid = Math.floor(Math.random() * 0xffff);
    return new Promise((resolve) => {
      const onMessage = (msg: Buffer) => {
        if (msg.length >= 4 && (msg.readUInt8(0) & 0xf0) === 0x70 && msg.readUInt16BE(2) === mid) finish(true);
      };
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        socket.off('message', onMessage);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      socket.on('message', onMessage);
      socket.send(Buffer.from([0x40, 0x00, mid >> 8, mid & 0xff]), port, host, (err) => {
        if (err) finish(false);
      });
    });
  }

  async close(): Promise<void> {
    const { server, agent, socket } = this;
    this.server = null;
    this.agent = null;
    this.socket = null;
    server?.close();
    // An agent on a socket it does not own never calls close()'s callback (coap 1.5 _doClose): do not wait for it.
    agent?.close();
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
