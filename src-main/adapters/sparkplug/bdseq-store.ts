// Persists the last bdSeq used, so a restarted edge node continues the sequence (tck-id-payloads-nbirth-bdseq-inc):
// a host correlates an NDEATH with its NBIRTH by bdSeq, and a restart that reused an old number could make a late
// will look like the death of the new session. Written with write-to-temp + fsync + rename: never half a file.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { nextBdSeq } from '../../domain/sparkplug/index.js';

export class BdSeqStore {
  private last: number | null;

  constructor(private readonly file: string) {
    this.last = readLast(file);
  }

  /** The bdSeq for the next CONNECT, persisted before it is used. Synchronous: it runs once per connection. */
  advance(): number {
    const next = nextBdSeq(this.last);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify({ bdSeq: next }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    this.last = next;
    return next;
  }
}

function readLast(file: string): number | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const value: unknown = (JSON.parse(text) as { bdSeq?: unknown }).bdSeq;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255 ? value : null;
  } catch {
    return null;
  }
}
