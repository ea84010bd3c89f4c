// pino for the backend: JSON lines to a file in the data dir, and warnings and errors to stderr in plain words.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Log } from '../services/ports.js';

export function createLogger(dataDir: string, level = process.env.PLANTBRIDGE_LOG_LEVEL ?? 'info'): Log & { flush(): void } {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const file = pino.destination({ dest: join(dataDir, 'logs', 'plantbridge.log'), sync: false, mkdir: true });
  const logger = pino(
    { level, base: { app: 'plantbridge' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream([
      { level: level as pino.Level, stream: file },
      { level: 'warn', stream: { write: (line: string) => process.stderr.write(humanLine(line)) } },
    ]),
  );
  return Object.assign(logger as unknown as Log, { flush: () => file.flushSync() });
}

function humanLine(jsonLine: string): string {
  try {
    const o = JSON.parse(jsonLine) as { level: number; msg?: string; err?: { message?: string } };
    const level = o.level >= 50 ? 'error' : 'warning';
    const detail = o.err?.message ? ` (${o.err.message})` : '';
    return `plantbridge ${level}: ${o.msg ?? ''}${detail}\n`;
  } catch {
    return jsonLine;
  }
}

/** A logger that drops everything: for tests and short CLI commands. */
export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
