// coaps (DTLS 1.2 PSK) transport for the uplink, through node-coap-client (with node-dtls-client pinned to 2.0.3:
// 1.1.1 crashes the process on a server identity hint). That library is a process-wide singleton keyed by host, a
// handshake with a wrong key never settles, and it rejects with plain strings: this wrapper bounds the handshake,
// maps every failure to a TransportError, and resets the library's connection for its origin on close.
import { CoapClient } from 'node-coap-client';
import { TransportError, type CoapReply, type CoapTransport } from './coap-transport.js';

export const HANDSHAKE_FAILED = 'DTLS handshake failed or timed out: check the PSK identity and key';

export interface DtlsExchangeOptions {
  /** `coaps://host:port` */
  origin: string;
  hostname: string;
  identity: string;
  key: Buffer;
  handshakeTimeoutMs: number;
}

export class DtlsExchange implements CoapTransport {
  private connected = false;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: DtlsExchangeOptions) {}

  async put(path: string, body: Buffer): Promise<CoapReply> {
    await this.connect();
    try {
      const res = await CoapClient.request(`${this.opts.origin}/${path}`, 'put', body, { confirmable: true, keepAlive: true, retransmit: true });
      return { code: res.code.toString(), cls: res.code.major, payload: res.payload ?? Buffer.alloc(0) };
    } catch (err) {
      if (this.closed) throw new TransportError('closed', 'uplink stopped');
      // "Retransmit counter exceeded" and friends arrive as strings; the session may be stale (server restarted).
      this.reset();
      throw new TransportError('timeout', `no answer from ${this.opts.origin}: ${errorText(err)}`);
    }
  }

  async probe(timeoutMs: number): Promise<string> {
    const started = Date.now();
    await this.connect();
    // Any answer to a GET of /.well-known/core proves the session works (libcoap ignores repeated CoAP pings).
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const reply = await Promise.race([CoapClient.request(`${this.opts.origin}/.well-known/core`, 'get').catch(() => null), deadline]);
    clearTimeout(timer);
    if (reply === null) {
      this.reset();
      throw new TransportError('timeout', `DTLS session up, but no CoAP answer from ${this.opts.origin} within ${timeoutMs} ms`);
    }
    return `DTLS-PSK session with ${this.opts.origin}: answered ${reply.code.toString()} in ${Date.now() - started} ms`;
  }

  nudge(): void {
    // node-coap-client keeps its own retransmission schedule.
  }

  reset(): void {
    this.connected = false;
    try {
      // A string argument is taken as a hostname (an origin string would match nothing and leak the DTLS socket).
      CoapClient.reset(this.opts.hostname);
    } catch {
      // reset of a connection the library never finished: nothing to forget
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reset();
    await this.connecting?.catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.closed) return Promise.reject(new TransportError('closed', 'uplink stopped'));
    if (this.connected) return Promise.resolve();
    this.connecting ??= this.handshake().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async handshake(): Promise<void> {
    // Security params are per host in the library; the key object is passed as a Buffer (hex keys are binary).
    // `timeout` is node-dtls-client's own handshake timeout, so its socket closes itself when ours fires.
    const params = { psk: { [this.opts.identity]: this.opts.key }, timeout: this.opts.handshakeTimeoutMs };
    CoapClient.setSecurityParams(this.opts.hostname, params as unknown as Parameters<typeof CoapClient.setSecurityParams>[1]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), this.opts.handshakeTimeoutMs + 500);
    });
    try {
      const result = await Promise.race([CoapClient.tryToConnect(this.opts.origin).catch((err: unknown) => err), deadline]);
      if (result === true) {
        this.connected = true;
        return;
      }
      this.reset();
      if (result === 'auth failed' || result === 'deadline' || result === 'timeout') {
        throw new TransportError('handshake', HANDSHAKE_FAILED);
      }
      throw new TransportError('handshake', `${HANDSHAKE_FAILED} (${errorText(result)})`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}
