// The JSON command payload: exactly `{ "value", "ts", "user", "id", "hmac" }`. Everything else is refused with a
// specific reason, so an integrator can fix the sender and a flood of garbage costs nothing but a counter.
import type { CommandValue } from './command-signature.js';
import { commandTimestampMs } from './command-timestamp.js';
import { parseFlatJsonObject } from './flat-json.js';
import { excerpt, malformed, type Malformed } from './malformed.js';

export const MAX_PAYLOAD_BYTES = 16 * 1024;
export const MAX_STRING_BYTES = 4 * 1024;
export const MAX_COMMAND_ID_LENGTH = 64;

/** The same rule as `remoteCommands.users[].name` in the project file. */
const USER_NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
/** Visible ASCII: ids end up in logs and the audit, where invisible characters would hide what was sent. */
const COMMAND_ID = /^[\x21-\x7e]{1,64}$/;
const HMAC_HEX = /^[0-9a-fA-F]{64}$/;
/** Text spellings of non-numbers: a sender serialising a float as "NaN" has a bug; no tag should receive it. */
const NON_FINITE_TEXT = /^\s*[+-]?(?:nan|inf|infinity)\s*$/i;
const KEYS = ['value', 'ts', 'user', 'id', 'hmac'] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set(KEYS);

export interface JsonCommandFields {
  value: CommandValue;
  /** `ts` converted to ms since the epoch (what the signature covers). */
  tsMs: number;
  user: string;
  id: string;
  hmac: string;
}

export type ParsedJsonCommand = { ok: true; command: JsonCommandFields } | Malformed;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(payload: Uint8Array): string | Malformed {
  if (payload.length > MAX_PAYLOAD_BYTES) return malformed('too-large', `${payload.length} bytes (at most ${MAX_PAYLOAD_BYTES})`);
  try {
    const text = utf8.decode(payload);
    return text.trim() === '' ? malformed('empty', 'the payload is empty') : text;
  } catch {
    return malformed('invalid-utf8', 'the payload is not valid UTF-8');
  }
}

const wrongType = (key: string, expected: string, got: unknown): Malformed =>
  malformed('wrong-type', `"${key}" must be ${expected}, not ${got === null ? 'null' : typeof got}`);

/** Parses and checks the shape of a JSON command payload (not its signature, not its freshness). */
export function parseJsonCommandPayload(payload: Uint8Array): ParsedJsonCommand {
  if (payload.length === 0) return malformed('empty', 'the payload is empty');
  const text = decode(payload);
  if (typeof text !== 'string') return text;
  const parsed = parseFlatJsonObject(text, MAX_STRING_BYTES);
  if (!parsed.ok) return parsed;
  const { entries } = parsed;
  for (const key of entries.keys()) {
    if (!KNOWN_KEYS.has(key)) return malformed('unknown-key', `unknown key ${excerpt(key)} (expected ${KEYS.join(', ')})`);
  }
  const missing = KEYS.filter((k) => !entries.has(k));
  if (missing.length > 0) return malformed('missing-key', `missing ${missing.join(', ')}`);

  const value = entries.get('value');
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string') {
    return wrongType('value', 'a number, boolean or string', value);
  }
  if (typeof value === 'string' && NON_FINITE_TEXT.test(value)) {
    return malformed('not-finite', `"value" is ${excerpt(value)}; send a finite number`);
  }
  const ts = entries.get('ts');
  if (typeof ts !== 'number' && typeof ts !== 'string') return wrongType('ts', 'an ISO 8601 string or ms since the epoch', ts);
  const tsMs = commandTimestampMs(ts);
  if (tsMs === null) {
    return malformed('bad-timestamp', `"ts" ${excerpt(String(ts))} is not a whole non-negative ms epoch nor an ISO 8601 date-time with offset`);
  }
  const user = entries.get('user');
  if (typeof user !== 'string') return wrongType('user', 'a string', user);
  if (!USER_NAME.test(user)) return malformed('bad-user', `"user" ${excerpt(user)} is not 1–64 of A–Z a–z 0–9 _ . @ -`);
  const id = entries.get('id');
  if (typeof id !== 'string') return wrongType('id', 'a string', id);
  if (!COMMAND_ID.test(id)) return malformed('bad-id', `"id" must be 1–${MAX_COMMAND_ID_LENGTH} visible ASCII characters`);
  const hmac = entries.get('hmac');
  if (typeof hmac !== 'string') return wrongType('hmac', 'a string', hmac);
  if (!HMAC_HEX.test(hmac)) return malformed('bad-hmac-format', '"hmac" must be 64 hex digits (HMAC-SHA256)');
  return { ok: true, command: { value, tsMs, user, id, hmac } };
}
