// What the CoAP uplink needs from a transport (plain UDP or DTLS): a confirmable PUT with its outcome, a bounded
// reachability probe, and a clean close. Failures reject with a TransportError whose message is plain words.

export interface CoapReply {
  /** `2.04` */
  code: string;
  cls: number;
  payload: Buffer;
}

export type TransportFailure = 'timeout' | 'reset' | 'handshake' | 'socket' | 'closed';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface CoapTransport {
  /** Confirmable PUT with Content-Format application/json; resolves with the server's response (any code). */
  put(path: string, body: Buffer): Promise<CoapReply>;
  /** One bounded round trip (CoAP ping, plus the DTLS handshake for coaps); resolves with a description. */
  probe(timeoutMs: number): Promise<string>;
  /** Forgets the connection (DTLS session) so the next request starts afresh. */
  reset(): void;
  /** The peer answered again: retransmit unanswered requests now instead of waiting out their back-off. */
  nudge(): void;
  close(): Promise<void>;
}

export interface TransportHooks {
  /** A CoAP-level retransmission of a confirmable message (same message id): the `attempt`th, `silentMs` after the
   * first transmission without any answer. */
  onRetransmit(attempt: number, silentMs: number): void;
  /** A datagram that was not a valid CoAP message, or an answer to nothing we sent. */
  onGarbage(reason: string): void;
}
