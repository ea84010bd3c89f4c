// The outbox survives kill -9 (everything whose append() resolved is still there, in order, file intact) and a
// full disk (append() rejects with a clear message, the process stays up, writes resume once there is space).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { openDb } from '../../src-main/adapters/store/sqlite-db.js';
import { makeOutbox, records, seqOf, tempDir } from '../unit/outbox/outbox-kit.js';

async function integrity(dbPath: string): Promise<string> {
  const db = await openDb(dbPath);
  try {
    return (await db.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check ?? 'no answer';
  } finally {
    await db.close();
  }
}

describe('outbox after kill -9 of the appending process', () => {
  const tmp = tempDir('pb-outbox-crash-');
  after(() => tmp.remove());

  it('keeps every record whose append had resolved, in order, with the file intact', async () => {
    const dbPath = join(tmp.dir, 'outbox-test.db');
    const script = fileURLToPath(new URL('../unit/outbox/append-child.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    let buffered = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child acknowledged only ${acked + 1} records in 20 s`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) acked = Math.max(acked, Number(line.split(' ')[1]));
        if (acked >= 40_000 && child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL'); // mid-stream: more appends are queued and in transactions right now
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await exited;
    assert.equal(await integrity(dbPath), 'ok');

    const outbox = makeOutbox(tmp.dir);
    await outbox.open();
    try {
      const depth = outbox.status().depth;
      assert.ok(depth >= acked + 1, `only ${depth} records survived, ${acked + 1} had been acknowledged`);
      let expected = 0;
      for (;;) {
        const part = await outbox.take(5_000);
        if (part.length === 0) break;
        for (const r of part) assert.equal(seqOf(r.body), expected++, 'records come back complete and in order');
      }
      assert.equal(expected, depth);
    } finally {
      await outbox.close();
    }
  });
});

const full = tempDir('pb-outbox-full-');
let skipReason: string | false = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', full.dir], { stdio: 'pipe' });
} catch (err) {
  skipReason = `cannot mount a 512 KiB tmpfs (needs root): ${String((err as Error).message).split('\n')[0]}`;
  console.log(`# skipping outbox disk-full test: ${skipReason}`);
}

describe('outbox on a full disk', { skip: skipReason }, () => {
  after(() => {
    if (!skipReason) execFileSync('umount', [full.dir]);
    full.remove();
  });

  it('rejects append with "outbox <path>: disk full", keeps what was committed, and recovers', async () => {
    const outbox = makeOutbox(full.dir);
    await outbox.open();
    try {
      await outbox.append(records(0, 100));
      const big = Array.from({ length: 20_000 }, (_, i) => ({ key: 'k', body: Buffer.alloc(100, i % 251), createdAt: i }));
      await assert.rejects(outbox.append(big), /^Error: outbox .*outbox-test\.db: disk full/);
      assert.equal(outbox.status().depth, 100, 'the failed transaction left nothing half-written');
      const first = await outbox.take(1_000);
      assert.deepEqual(first.map((r) => seqOf(r.body)), Array.from({ length: 100 }, (_, i) => i));
      await outbox.ack(first.map((r) => r.id));
      await outbox.append(records(100, 10)); // small enough to fit again
      assert.deepEqual((await outbox.take(100)).map((r) => seqOf(r.body)), Array.from({ length: 10 }, (_, i) => 100 + i));
    } finally {
      await outbox.close();
    }
    assert.equal(await integrity(join(full.dir, 'outbox-test.db')), 'ok');
  });
});
