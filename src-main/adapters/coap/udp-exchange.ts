// Plain-UDP CoAP client for the uplink: confirmable requests with RFC 7252 retransmission (same message id,
// ACK_TIMEOUT × random factor, doubling, MAX_RETRANSMIT), piggybacked and separate responses, a reachability probe.
// Own code rather than coap@1.5.0's agent because that library's timing is process-global and a lost request only
// fails after EXCHANGE_LIFETIME (247 s); here every uplink has its own timing and a retransmission counter.
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import {
  CONTENT_FORMAT,
  OPTION,
  codeText,
  decodeMessage,
  encodeMessage,
  uintOption,
  uriPathOptions,
  type CoapMessage,
} from '../../domain/coap/coap-message.js';
import { initialTimeout, maxTransmitWait, type RetransmissionTiming } from '../../domain/coap/coap-uplink-rules.js';
import { TransportError, type CoapReply, type CoapTransport, type TransportHooks } from './coap-transport.js';

interface Pending {
  messageId: number;
  sentAt: number;
  timing: RetransmissionTiming;
  token: string;
  datagram: Buffer;
  attempts: number;
  timeoutMs: number;
  timer: NodeJS.Timeout | null;
  /** Set once the server acknowledged with an empty ACK: the response comes separately. */
  acked: boolean;
  resolve(reply: CoapReply): void;
  reject(err: TransportError): void;
}

export class UdpExchange implements CoapTransport {
  private socket: Socket | null = null;
  private nextId = randomBytes(2).readUInt16BE(0);
  private readonly byId = new Map<number, Pending>();
  private readonly byToken = new Map<string, Pending>();
  private closed = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timing: RetransmissionTiming,
    private readonly hooks: TransportHooks,
  ) {}

  put(path: string, body: Buffer): Promise<CoapReply> {
    const options = [...uriPathOptions(path), { number: OPTION.contentFormat, value: uintOption(CONTENT_FORMAT.json) }];
    return this.request({ cls: 0, detail: 3 }, options, body, randomBytes(4));
  }

  async probe(timeoutMs: number): Promise<string> {
    // A confirmable GET of /.well-known/core (RFC 6690): any answer, even 4.04 or RST, proves the server is there.
    // (A bare CoAP ping is not enough: libcoap answers only the first ping of a session with RST.)
    const started = Date.now();
    const timing = { ackTimeoutMs: timeoutMs / 7, ackRandomFactor: 1, maxRetransmit: 2 };
    let answer: string;
    try {
      const reply = await this.request({ cls: 0, detail: 1 }, uriPathOptions('.well-known/core'), Buffer.alloc(0), randomBytes(4), timing);
      answer = `answered ${reply.code}`;
    } catch (err) {
      if (!(err instanceof TransportError && err.failure === 'reset')) throw err;
      answer = 'answered with RST';
    }
    return `${this.host}:${this.port} ${answer} in ${Date.now() - started} ms`;
  }

  reset(): void {
    // Plain UDP has no session to forget.
  }

  nudge(): void {
    const socket = this.socket;
    if (socket === null) return;
    for (const p of this.byId.values()) {
      if (p.acked || p.timer === null || p.attempts >= p.timing.maxRetransmit) continue;
      clearTimeout(p.timer);
      p.attempts += 1;
      this.hooks.onRetransmit(p.attempts, Date.now() - p.sentAt);
      this.transmit(socket, p);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of [...this.byId.values()]) this.finish(p, new TransportError('closed', 'uplink stopped'));
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private request(
    code: CoapMessage['code'],
    options: CoapMessage['options'],
    payload: Buffer,
    token: Buffer,
    timing = this.timing,
  ): Promise<CoapReply> {
    if (this.closed) return Promise.reject(new TransportError('closed', 'uplink stopped'));
    const socket = this.open();
    let messageId = this.nextId;
    while (this.byId.has(messageId)) messageId = (messageId + 1) & 0xffff;
    this.nextId = (messageId + 1) & 0xffff;
    const datagram = encodeMessage({ type: 'CON', code, messageId, token, options, payload });
    return new Promise<CoapReply>((resolve, reject) => {
      const p: Pending = {
        messageId,
        sentAt: Date.now(),
        timing,
        token: token.toString('hex'),
        datagram,
        attempts: 0,
        timeoutMs: initialTimeout(timing, Math.random()),
        timer: null,
        acked: false,
        resolve,
        reject,
      };
      this.byId.set(messageId, p);
      if (token.length > 0) this.byToken.set(p.token, p);
      this.transmit(socket, p);
    });
  }

  private transmit(socket: Socket, p: Pending): void {
    const timing = p.timing;
    socket.send(p.datagram, this.port, this.host, (err) => {
      if (err) this.finish(p, new TransportError('socket', `cannot send to ${this.host}:${this.port}: ${err.message}`));
    });
    p.timer = setTimeout(() => {
      if (p.acked) return;
      if (p.attempts >= timing.maxRetransmit) {
        const waited = Math.round(maxTransmitWait(timing) / 1000);
        this.finish(p, new TransportError('timeout', `no answer from ${this.host}:${this.port} after ${timing.maxRetransmit} retransmissions (~${waited} s)`));
        return;
      }
      p.attempts += 1;
      p.timeoutMs *= 2;
      this.hooks.onRetransmit(p.attempts, Date.now() - p.sentAt);
      if (this.socket !== null) this.transmit(this.socket, p);
    }, p.timeoutMs);
  }

  private open(): Socket {
    if (this.socket !== null) return this.socket;
    const socket = createSocket(isIPv6(this.host) ? 'udp6' : 'udp4');
    socket.on('message', (buf) => this.receive(socket, buf));
    // Async socket errors (ICMP unreachable on some platforms …) fail nothing by themselves; requests time out.
    socket.on('error', (err) => this.hooks.onGarbage(`socket error: ${err.message}`));
    socket.unref();
    this.socket = socket;
    return socket;
  }

  private receive(socket: Socket, buf: Buffer): void {
    let msg: CoapMessage;
    try {
      msg = decodeMessage(buf);
    } catch (err) {
      this.hooks.onGarbage((err as Error).message);
      return;
    }
    const isEmpty = msg.code.cls === 0 && msg.code.detail === 0;
    if (msg.type === 'ACK' || msg.type === 'RST') {
      const p = this.byId.get(msg.messageId);
      if (p === undefined) return; // a duplicate ACK of something already finished
      if (msg.type === 'RST') {
        this.finish(p, new TransportError('reset', `${this.host}:${this.port} reset the request (RST)`));
      } else if (isEmpty) {
        this.awaitSeparate(p);
      } else {
        this.finish(p, null, msg);
      }
      return;
    }
    // CON or NON: a separate response, matched by token.
    const p = this.byToken.get(msg.token.toString('hex'));
    if (msg.type === 'CON') {
      const type = p === undefined ? 'RST' : 'ACK';
      const reply = encodeMessage({ type, code: { cls: 0, detail: 0 }, messageId: msg.messageId, token: Buffer.alloc(0), options: [], payload: Buffer.alloc(0) });
      socket.send(reply, this.port, this.host);
    }
    if (p === undefined || isEmpty) {
      if (p === undefined) this.hooks.onGarbage('a response to no pending request');
      return;
    }
    this.finish(p, null, msg);
  }

  /** Empty ACK: stop retransmitting and wait (bounded) for the separate response. */
  private awaitSeparate(p: Pending): void {
    p.acked = true;
    if (p.timer !== null) clearTimeout(p.timer);
    p.timer = setTimeout(
      () => this.finish(p, new TransportError('timeout', `${this.host}:${this.port} acknowledged but never sent the response`)),
      maxTransmitWait(this.timing),
    );
  }

  private finish(p: Pending, err: TransportError | null, msg?: CoapMessage): void {
    if (this.byId.get(p.messageId) !== p) return;
    this.byId.delete(p.messageId);
    this.byToken.delete(p.token);
    if (p.timer !== null) clearTimeout(p.timer);
    if (err !== null) p.reject(err);
    else if (msg !== undefined) p.resolve({ code: codeText(msg.code), cls: msg.code.cls, payload: msg.payload });
  }
}
