// Shared pieces for the MQTT uplink tests: tag definitions, a recording log, and a subscriber that collects messages.
import { connect, type MqttClient } from 'mqtt';
import type { TagDef } from '../../../src-main/domain/tags.js';
import type { Clock, Log } from '../../../src-main/services/ports.js';
import type { UplinkStatus } from '../../../src-main/contract/index.js';
import { MessageLog } from '../../fixtures/message-log.js';
import { makeTag } from '../../fixtures/tags.js';

export function tagDef(id: string, unit = ''): TagDef {
  return makeTag({ id, unit, sourceId: 'sim' });
}

export interface RecordingLog extends Log {
  lines: string[];
}

/** A Log that keeps messages in memory (tests stay quiet and can assert on what was logged). */
export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const record = (level: string) => (obj: object | string, msg?: string) => {
    lines.push(`${level} ${typeof obj === 'string' ? obj : (msg ?? '')} ${typeof obj === 'string' ? '' : JSON.stringify(obj)}`);
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

export const systemClock: Clock = { now: () => Date.now() };

export interface Received {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

export interface Subscriber {
  client: MqttClient;
  messages: Received[];
  /** Resolves when `predicate` holds over the messages received so far (checked on every message). */
  waitFor(predicate: (messages: Received[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function subscribe(
  url: string,
  filter: string,
  auth: { username?: string; password?: string } = {},
): Promise<Subscriber> {
  const client = connect(url, { ...auth, reconnectPeriod: 0, clean: true });
  const log = new MessageLog<Received>();
  client.on('message', (topic, payload, packet) => {
    log.push({ topic, payload: payload.toString(), qos: packet.qos, retain: packet.retain });
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(filter, { qos: 1 });
  return {
    client,
    messages: log.messages,
    waitFor: (predicate, what, timeoutMs = 10_000) => log.waitFor(predicate, what, timeoutMs),
    close: () => client.endAsync(true),
  };
}

/** Polls `probe` until it returns true (status changes happen on network events, not on our schedule). */
export async function eventually(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function describeStatus(status: UplinkStatus): string {
  return `${status.state} (${status.lastError ?? 'no error'}), published ${status.published}, failed ${status.failed}`;
}
