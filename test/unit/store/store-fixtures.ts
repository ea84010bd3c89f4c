// Shared fixtures for historian tests: a temp dir per test, a recording log, a settable clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quality, TagSample, TagValue } from '../../../src-main/contract/index.js';
import type { Clock, Log } from '../../../src-main/services/ports.js';

export interface LogLine {
  level: string;
  obj: object | string;
  msg: string | undefined;
}

export function recordingLog(): Log & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function fixedClock(start = Date.UTC(2026, 0, 15)): Clock & { set(ms: number): void } {
  let now = start;
  return { now: () => now, set: (ms) => void (now = ms) };
}

export function tempDir(prefix = 'pb-historian-'): { dir: string; file(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sample(tagId: string, ts: number, value: TagValue, quality: Quality = 'good'): TagSample {
  return { tagId, ts, value, quality };
}
