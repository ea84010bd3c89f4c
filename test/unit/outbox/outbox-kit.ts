// Shared pieces for the outbox tests: a temp dir per outbox, a settable clock, a recording log, records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteOutbox, type SqliteOutbox, type SqliteOutboxOptions } from '../../../src-main/adapters/store/outbox/index.js';
import type { Clock, Log } from '../../../src-main/services/ports.js';

export interface TestClock extends Clock {
  set(ms: number): void;
}

export function testClock(start = Date.UTC(2026, 0, 15)): TestClock {
  let now = start;
  return { now: () => now, set: (ms) => (now = ms) };
}

export interface RecordingLog extends Log {
  lines: { level: string; msg: string }[];
}

export function recordingLog(): RecordingLog {
  const lines: { level: string; msg: string }[] = [];
  const rec = (level: string) => (obj: object | string, msg?: string) => lines.push({ level, msg: typeof obj === 'string' ? obj : (msg ?? '') });
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

export function tempDir(prefix = 'pb-outbox-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function records(from: number, count: number, createdAt: (i: number) => number = (i) => 1_000 + i) {
  return Array.from({ length: count }, (_, k) => ({
    key: `t/${(from + k) % 3}`,
    body: Buffer.from(`{"seq":${from + k}}`),
    createdAt: createdAt(from + k),
  }));
}

export const seqOf = (body: Buffer): number => (JSON.parse(body.toString()) as { seq: number }).seq;

export function makeOutbox(dir: string, over: Partial<SqliteOutboxOptions> = {}): SqliteOutbox {
  return createSqliteOutbox({
    dbPath: join(dir, 'outbox-test.db'),
    maxBytes: 1024 * 1024 * 1024,
    maxAgeMs: 86_400_000,
    log: recordingLog(),
    clock: testClock(),
    tickMs: 5,
    ...over,
  });
}
