// CoAP message codec (RFC 7252 §3): header, token, delta-encoded options and payload. Pure; used by the uplink's
// confirmable-request client, which needs its own retransmission timing per uplink (see adapters/coap/udp-exchange.ts).

export type CoapType = 'CON' | 'NON' | 'ACK' | 'RST';

export interface CoapOption {
  number: number;
  value: Buffer;
}

export interface CoapMessage {
  type: CoapType;
  /** `class.detail` as a number pair: 0.00 empty, 0.03 PUT, 2.04 Changed … */
  code: { cls: number; detail: number };
  messageId: number;
  token: Buffer;
  options: CoapOption[];
  payload: Buffer;
}

export const OPTION = { uriHost: 3, uriPort: 7, uriPath: 11, contentFormat: 12, uriQuery: 15, accept: 17 } as const;
export const CONTENT_FORMAT = { textPlain: 0, linkFormat: 40, json: 50 } as const;

const TYPES: readonly CoapType[] = ['CON', 'NON', 'ACK', 'RST'];
const PAYLOAD_MARKER = 0xff;

export class CoapFormatError extends Error {}

/** `2.04` style text of a code. */
export function codeText(code: CoapMessage['code']): string {
  return `${code.cls}.${String(code.detail).padStart(2, '0')}`;
}

/** An option value as CoAP's minimal-length unsigned integer (0 is the empty value). */
export function uintOption(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`option value ${n} is not a 32-bit uint`);
  if (n === 0) return Buffer.alloc(0);
  const bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
  const out = Buffer.alloc(bytes);
  out.writeUIntBE(n, 0, bytes);
  return out;
}

export function readUint(value: Buffer): number {
  return value.length === 0 ? 0 : value.readUIntBE(0, Math.min(value.length, 4));
}

/** Uri-Path options for a path such as `plantbridge/site/area/asset/tag` (no empty segments). */
export function uriPathOptions(path: string): CoapOption[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((segment) => ({ number: OPTION.uriPath, value: Buffer.from(segment, 'utf8') }));
}

export function encodeMessage(msg: CoapMessage): Buffer {
  if (msg.token.length > 8) throw new CoapFormatError('a CoAP token is at most 8 bytes');
  const parts: Buffer[] = [];
  const header = Buffer.alloc(4);
  header[0] = (1 << 6) | (TYPES.indexOf(msg.type) << 4) | msg.token.length;
  header[1] = (msg.code.cls << 5) | msg.code.detail;
  header.writeUInt16BE(msg.messageId & 0xffff, 2);
  parts.push(header, msg.token);
  let previous = 0;
  // Stable sort: options of the same number keep their order (Uri-Path segments).
  for (const opt of [...msg.options].sort((a, b) => a.number - b.number)) {
    const delta = opt.number - previous;
    previous = opt.number;
    const [dNibble, dExt] = nibble(delta);
    const [lNibble, lExt] = nibble(opt.value.length);
    parts.push(Buffer.from([(dNibble << 4) | lNibble]), dExt, lExt, opt.value);
  }
  if (msg.payload.length > 0) parts.push(Buffer.from([PAYLOAD_MARKER]), msg.payload);
  return Buffer.concat(parts);
}

export function decodeMessage(buf: Buffer): CoapMessage {
  if (buf.length < 4) throw new CoapFormatError('datagram shorter than a CoAP header');
  const b0 = buf[0] as number;
  if (b0 >> 6 !== 1) throw new CoapFormatError('not CoAP version 1');
  const tkl = b0 & 0x0f;
  if (tkl > 8) throw new CoapFormatError('token length over 8');
  const b1 = buf[1] as number;
  const msg: CoapMessage = {
    type: TYPES[(b0 >> 4) & 0x03] as CoapType,
    code: { cls: b1 >> 5, detail: b1 & 0x1f },
    messageId: buf.readUInt16BE(2),
    token: Buffer.from(buf.subarray(4, 4 + tkl)),
    options: [],
    payload: Buffer.alloc(0),
  };
  if (buf.length < 4 + tkl) throw new CoapFormatError('datagram shorter than its token');
  let pos = 4 + tkl;
  let number = 0;
  while (pos < buf.length) {
    const byte = buf[pos] as number;
    pos += 1;
    if (byte === PAYLOAD_MARKER) {
      if (pos >= buf.length) throw new CoapFormatError('payload marker without a payload');
      msg.payload = Buffer.from(buf.subarray(pos));
      break;
    }
    const delta = extended(buf, byte >> 4, pos);
    pos = delta.pos;
    const length = extended(buf, byte & 0x0f, pos);
    pos = length.pos;
    if (pos + length.value > buf.length) throw new CoapFormatError('option runs past the end of the datagram');
    number += delta.value;
    msg.options.push({ number, value: Buffer.from(buf.subarray(pos, pos + length.value)) });
    pos += length.value;
  }
  return msg;
}

function nibble(n: number): [number, Buffer] {
  if (n < 13) return [n, Buffer.alloc(0)];
  if (n < 269) return [13, Buffer.from([n - 13])];
  if (n > 65_804) throw new CoapFormatError('option delta or length over 65804');
  const ext = Buffer.alloc(2);
  ext.writeUInt16BE(n - 269, 0);
  return [14, ext];
}

function extended(buf: Buffer, n: number, pos: number): { value: number; pos: number } {
  if (n < 13) return { value: n, pos };
  if (n === 13) {
    if (pos + 1 > buf.length) throw new CoapFormatError('truncated option header');
    return { value: (buf[pos] as number) + 13, pos: pos + 1 };
  }
  if (n === 14) {
    if (pos + 2 > buf.length) throw new CoapFormatError('truncated option header');
    return { value: buf.readUInt16BE(pos) + 269, pos: pos + 2 };
  }
  throw new CoapFormatError('reserved option nibble 15');
}
