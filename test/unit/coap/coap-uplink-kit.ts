// Test harness for the CoAP uplink: builds it exactly as the host does (createCoapUplink) on a real SQLite outbox
// in a temp dir, with helpers to drive tag values and read the status.
import { join } from 'node:path';
import type { TagBatch, UplinkStatus } from '../../../src-main/contract/index.js';
import type { CoapUplink } from '../../../src-main/adapters/coap/coap-uplink.js';
import { createSqliteOutbox, type SqliteOutbox } from '../../../src-main/adapters/store/outbox/index.js';
import { coapConfigSchema, type CoapUplinkConfig } from '../../../src-main/host/coap-config.js';
import { createCoapUplink } from '../../../src-main/host/coap-setup.js';
import { makeTag } from '../../fixtures/tags.js';
import type { Log } from '../../../src-main/services/ports.js';
import { tempDir } from '../outbox/outbox-kit.js';

/** A log that keeps every line in full (objects included), to prove what never appears in it. */
export interface RecordingLog extends Log {
  lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const rec = (level: string) => (obj: object | string, msg?: string) => lines.push(`${level} ${typeof obj === 'string' ? obj : JSON.stringify(obj)} ${msg ?? ''}`);
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

export const TAG_IDS = ['plant/area1/pump1/temp', 'plant/area1/pump1/speed', 'plant/area2/tank1/level'];

export interface UplinkHarness {
  uplink: CoapUplink;
  outbox: SqliteOutbox;
  log: RecordingLog;
  dir: string;
  /** Sends one batch with value `base + i` for tag i, stamped now. */
  publishRound(base: number): void;
  stop(): Promise<void>;
}

/** Parses `uplink` through the real config schema, so tests use the defaults a project file gets. */
export function uplinkConfig(uplink: Record<string, unknown>): CoapUplinkConfig {
  const parsed = coapConfigSchema.parse({ uplink });
  if (parsed.uplink === undefined) throw new Error('no uplink');
  return parsed.uplink;
}

export async function startUplink(uplink: Record<string, unknown>, tagIds = TAG_IDS): Promise<UplinkHarness> {
  const tmp = tempDir('pb-coap-');
  const log = recordingLog();
  const clock = { now: () => Date.now() };
  const outbox = createSqliteOutbox({ dbPath: join(tmp.dir, 'outbox-coap.db'), maxBytes: 64 * 1024 ** 2, maxAgeMs: 86_400_000, log, clock });
  await outbox.open();
  const up = createCoapUplink(uplinkConfig(uplink), { log, clock }, outbox);
  up.setTags(tagIds.map((id) => makeTag({ id })));
  await up.start();
  let stopped = false;
  return {
    uplink: up,
    outbox,
    log,
    dir: tmp.dir,
    publishRound(base) {
      const batch: TagBatch = { samples: tagIds.map((tagId, i) => ({ tagId, ts: Date.now(), value: base + i, quality: 'good' })) };
      up.publish(batch);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await up.stop();
      await outbox.close();
      tmp.remove();
    },
  };
}

export function describeCoapStatus(s: UplinkStatus): string {
  return `state=${s.state} published=${s.published} failed=${s.failed} retried=${s.retried} queued=${s.queued} lastError=${s.lastError}`;
}

/** The `{"v","q","ts"}` body a GET returned, or undefined if it is not one. */
export function parseBody(text: string): { v: unknown; q: string; ts: number } | undefined {
  try {
    const body = JSON.parse(text) as { v: unknown; q: string; ts: number };
    return typeof body === 'object' && body !== null && 'v' in body ? body : undefined;
  } catch {
    return undefined;
  }
}
