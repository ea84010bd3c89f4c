// Screens datagrams on the CoAP server's socket before node-coap sees them: what does not decode as a CoAP request
// is ignored and counted (node-coap would answer 5.00, to the wrong address when bound to a LAN interface), and a
// request whose body exceeds the limit, or that starts a Block1 upload, is answered 4.13 with Size1 (RFC 7959).
import type { RemoteInfo, Socket } from 'node:dgram';
import { decodeMessage, encodeMessage, uintOption, type CoapMessage } from '../../domain/coap/coap-message.js';

const BLOCK1 = 27;
const SIZE1 = 60;

export interface ScreenCounters {
  garbage(): void;
  rejected(): void;
}

export function screenDatagram(socket: Socket, maxBodyBytes: number, count: ScreenCounters): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'message') return emit(event, ...args);
    const [buf, rinfo] = args as [Buffer, RemoteInfo];
    let msg: CoapMessage;
    try {
      msg = decodeMessage(buf);
    } catch {
      count.garbage();
      return false;
    }
    // Requests (0.01–0.31) and empty messages (ACK/RST of notifications, pings) go on; stray responses do not.
    if (msg.code.cls !== 0) {
      count.garbage();
      return false;
    }
    const uploading = msg.options.some((o) => o.number === BLOCK1);
    if (msg.code.detail !== 0 && (msg.payload.length > maxBodyBytes || uploading)) {
      count.rejected();
      const reply = encodeMessage({
        type: msg.type === 'CON' ? 'ACK' : 'NON',
        code: { cls: 4, detail: 13 },
        messageId: msg.messageId,
        token: msg.token,
        options: [{ number: SIZE1, value: uintOption(maxBodyBytes) }],
        payload: Buffer.from(`request body over ${maxBodyBytes} bytes`),
      });
      socket.send(reply, rinfo.port, rinfo.address);
      return false;
    }
    return emit(event, ...args);
  }) as typeof socket.emit;
}
