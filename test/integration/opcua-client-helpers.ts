// Shared helpers of the OPC UA client integration tests.
import type { SourceStatus, TagBatch, TagSample } from '../../src-main/contract/index.js';
import type { SubscriptionGroup } from '../../src-main/domain/tags.js';
import type { Log, OpcuaSource } from '../../src-main/services/ports.js';

export interface LogLine {
  level: string;
  obj: unknown;
  msg: string | undefined;
}

export function memoryLog(lines: LogLine[] = []): Log & { lines: LogLine[] } {
  const add = (level: string) => (obj: object | string, msg?: string) => {
    lines.push({ level, obj, msg: typeof obj === 'string' ? obj : msg });
  };
  return { lines, debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

export const clock = { now: () => Date.now() };

export const fastGroup: SubscriptionGroup = { name: 'default', samplingIntervalMs: 50, publishingIntervalMs: 100, queueSize: 10, deadband: null };

/** Records every batch and status of a source. */
export function record(source: OpcuaSource): { batches: TagBatch[]; statuses: SourceStatus[]; samples(tagId: string): TagSample[] } {
  const batches: TagBatch[] = [];
  const statuses: SourceStatus[] = [];
  source.onBatch((b) => batches.push(b));
  source.onStatus((s) => statuses.push(s));
  return { batches, statuses, samples: (tagId) => batches.flatMap((b) => b.samples.filter((s) => s.tagId === tagId)) };
}

/** Polls `condition` every 50 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
