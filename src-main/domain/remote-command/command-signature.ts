// HMAC-SHA256 signatures of JSON commands. The signature covers the topic (so a command cannot be moved to
// another tag), the value, the timestamp (so it cannot be replayed later) and the sender's command id (so it
// cannot be replayed within the window): `${topic}\n${JSON.stringify(value)}\n${ts as ms}\n${id}`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { commandTimestampMs } from './command-timestamp.js';

export type CommandValue = number | boolean | string;

/** What a sender publishes on `<prefix>/<site>/<area>/<asset>/<tag>/set` (serialise with JSON.stringify). */
export interface JsonCommandPayload {
  value: CommandValue;
  ts: number | string;
  user: string;
  id: string;
  hmac: string;
}

export interface JsonCommandToSign {
  topic: string;
  value: CommandValue;
  /** ms since the epoch, or an ISO 8601 date-time with offset. */
  ts: number | string;
  user: string;
  /** Unique per command (≤ 64 characters), e.g. a UUID. */
  id: string;
  /** The user's shared secret (UTF-8), the value of its `secretEnv` variable. */
  secret: string;
}

export function commandCanonicalString(topic: string, value: CommandValue, tsMs: number, id: string): string {
  return `${topic}\n${JSON.stringify(value)}\n${tsMs}\n${id}`;
}

export function commandHmac(canonical: string, secret: string): string {
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
}

/** Builds a signed JSON command payload; throws on a timestamp the bridge would not accept. */
export function signJsonCommand(cmd: JsonCommandToSign): JsonCommandPayload {
  const tsMs = commandTimestampMs(cmd.ts);
  if (tsMs === null) throw new Error(`ts must be ms since the epoch or an ISO 8601 date-time with offset, not ${String(cmd.ts)}`);
  const hmac = commandHmac(commandCanonicalString(cmd.topic, cmd.value, tsMs, cmd.id), cmd.secret);
  return { value: cmd.value, ts: cmd.ts, user: cmd.user, id: cmd.id, hmac };
}

/** Constant-time comparison of a received hex HMAC (already checked to be 64 hex digits) with the expected one. */
export function verifyCommandHmac(canonical: string, hmacHex: string, secret: string): boolean {
  const expected = Buffer.from(commandHmac(canonical, secret), 'hex');
  const given = Buffer.from(hmacHex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
