// The SQLite outbox as a FIFO: order, take/ack/release, live lanes, limits with gap rows, counters, reopen.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openDb } from '../../../src-main/adapters/store/sqlite-db.js';
import { makeOutbox, records, recordingLog, seqOf, tempDir, testClock } from './outbox-kit.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('SQLite outbox: order and hand-out', () => {
  it('hands records out oldest first, each only once, and keeps them until acked', async () => {
    const outbox = makeOutbox(tmp.dir);
    await outbox.open();
    try {
      await Promise.all([outbox.append(records(0, 3)), outbox.append(records(3, 4))]);
      const first = await outbox.take(5);
      assert.deepEqual(first.map((r) => seqOf(r.body)), [0, 1, 2, 3, 4]);
      assert.deepEqual(first.map((r) => r.key), ['t/0', 't/1', 't/2', 't/0', 't/1']);
      const second = await outbox.take(5);
      assert.deepEqual(second.map((r) => seqOf(r.body)), [5, 6]);
      assert.deepEqual(await outbox.take(5), [], 'nothing is handed out twice');
      assert.equal(outbox.status().depth, 7, 'taken records stay stored until acked');
      await outbox.ack(first.map((r) => r.id));
      assert.equal(outbox.status().depth, 2);
      assert.equal(outbox.status().delivered, 5);
    } finally {
      await outbox.close();
    }
  });

  it('puts released records back at the head, in their order, before anything newer', async () => {
    const outbox = makeOutbox(tmp.dir);
    await outbox.open();
    try {
      await outbox.append(records(0, 10));
      const taken = await outbox.take(6);
      await outbox.ack([taken[0]!.id, taken[2]!.id]); // 0 and 2 delivered, 1, 3, 4, 5 lost with the connection
      outbox.release([taken[5]!.id, taken[1]!.id, taken[3]!.id, taken[4]!.id]);
      const again = await outbox.take(100);
      assert.deepEqual(again.map((r) => seqOf(r.body)), [1, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await outbox.close();
    }
  });

  it('stores any body byte for byte and any key exactly, with consecutive ids, across chunks', async () => {
    const outbox = makeOutbox(tmp.dir);
    await outbox.open();
    try {
      const odd = [
        { key: 'a/ü/😀', body: Buffer.from([0, 255, 0x7d, 0x22, 0x5c]), createdAt: 1 },
        { key: 'empty/body', body: Buffer.alloc(0), createdAt: 2 },
        { key: 'lone\ud800/surrogate', body: Buffer.from('{"v":1}'), createdAt: 3 },
        { key: 'nul\u0000key', body: Buffer.from('x'), createdAt: 4 },
      ];
      const many = Array.from({ length: 9000 }, (_, i) => ({ key: `t/${i % 7}`, body: Buffer.from(`{"seq":${i}}`), createdAt: 5 }));
      const all = [...odd, ...many, ...odd];
      await outbox.append(all);
      const back = await outbox.take(all.length + 10);
      assert.equal(back.length, all.length);
      const first = back[0]!.id;
      back.forEach((r, i) => {
        assert.equal(r.id, first + i, 'ids are consecutive in append order');
        assert.equal(r.key, Buffer.from(all[i]!.key).toString(), 'the key reads back as when bound');
        assert.ok(r.body.equals(all[i]!.body), `body ${i} is byte-exact`);
      });
      assert.equal(outbox.lastId(), back[back.length - 1]!.id);
    } finally {
      await outbox.close();
    }
  });

  it('lets a second lane take records above an id while older ones wait (live data overtakes a backlog)', async () => {
    const outbox = makeOutbox(tmp.dir);
    await outbox.open();
    try {
      await outbox.append(records(0, 5));
      const boundary = outbox.lastId();
      await outbox.append(records(5, 3));
      assert.deepEqual((await outbox.take(10, boundary)).map((r) => seqOf(r.body)), [5, 6, 7]);
      assert.deepEqual((await outbox.take(2)).map((r) => seqOf(r.body)), [0, 1]);
      assert.deepEqual((await outbox.take(10)).map((r) => seqOf(r.body)), [2, 3, 4], 'the head lane skips what the live lane took');
    } finally {
      await outbox.close();
    }
  });

  it('reads in bounded chunks: a large backlog is handed out piecewise without gaps or repeats', async () => {
    const outbox = makeOutbox(tmp.dir);
    await outbox.open();
    try {
      await outbox.append(records(0, 5_000));
      const seen: number[] = [];
      for (;;) {
        const part = await outbox.take(1_700);
        if (part.length === 0) break;
        assert.ok(part.length <= 1_700);
        seen.push(...part.map((r) => seqOf(r.body)));
        if (seen.length % 3_400 === 0) outbox.release(part.map((r) => r.id)); // released once, taken again next
        else await outbox.ack(part.map((r) => r.id));
      }
      assert.deepEqual([...new Set(seen)], Array.from({ length: 5_000 }, (_, i) => i));
      assert.equal(outbox.status().depth, 0);
    } finally {
      await outbox.close();
    }
  });
});

describe('SQLite outbox: limits', () => {
  it('drops the oldest records beyond maxBytes, never one in flight, counts them and records one gap per episode', async () => {
    const log = recordingLog();
    const size = records(0, 1)[0]!.body.length + 3; // body + key bytes (all bodies of 0..9 have the same size)
    const outbox = makeOutbox(tmp.dir, { maxBytes: size * 5, log });
    await outbox.open();
    try {
      await outbox.append(records(0, 2));
      const inFlight = await outbox.take(1); // seq 0 is being published
      await outbox.append(records(2, 5)); // 7 stored, limit 5: drop 1 and 2 (0 is in flight)
      await outbox.append(records(7, 2)); // drop 3 and 4
      const status = outbox.status();
      assert.equal(status.depth, 5);
      assert.ok(status.bytes <= size * 5);
      assert.equal(status.dropped, 4);
      const rest = await outbox.take(10);
      assert.deepEqual(rest.map((r) => seqOf(r.body)), [5, 6, 7, 8]);
      assert.deepEqual(inFlight.map((r) => seqOf(r.body)), [0]);
      assert.deepEqual(await outbox.gaps(), [{ from: 1_001, to: 1_004, count: 4 }]);
      assert.equal(log.lines.filter((l) => l.level === 'warn' && /limit reached/.test(l.msg)).length, 1, 'warned once per episode');
    } finally {
      await outbox.close();
    }
  });

  it('drops records older than maxAge on its periodic check', async () => {
    const clock = testClock(100_000);
    const outbox = makeOutbox(tmp.dir, { maxAgeMs: 10_000, clock });
    await outbox.open();
    try {
      await outbox.append(records(0, 4, (i) => 80_000 + i * 10_000)); // ages 20 s, 10 s, 0 s, -10 s
      assert.equal(outbox.status().oldestAgeMs, 20_000);
      await (outbox as unknown as { enforceLimits(age: boolean): Promise<void> }).enforceLimits(true);
      assert.equal(outbox.status().dropped, 1);
      assert.deepEqual(await outbox.gaps(), [{ from: 80_000, to: 80_000, count: 1 }]);
      assert.deepEqual((await outbox.take(10)).map((r) => seqOf(r.body)), [1, 2, 3]);
    } finally {
      await outbox.close();
    }
  });
});

describe('SQLite outbox: reopen', () => {
  it('continues after close and reopen with the same depth, bytes, order and ids', async () => {
    const first = makeOutbox(tmp.dir);
    await first.open();
    await first.append(records(0, 20));
    const taken = await first.take(5);
    await first.ack(taken.map((r) => r.id));
    const before = first.status();
    const lastId = first.lastId();
    await first.close();

    const second = makeOutbox(tmp.dir);
    await second.open();
    try {
      assert.equal(second.status().depth, 15);
      assert.equal(second.status().bytes, before.bytes);
      assert.equal(second.lastId(), lastId);
      await second.append(records(20, 1));
      assert.equal(second.lastId(), lastId + 1, 'ids are never reused');
      assert.deepEqual((await second.take(100)).map((r) => seqOf(r.body)), Array.from({ length: 16 }, (_, i) => i + 5));
    } finally {
      await second.close();
    }
    const db = await openDb(join(tmp.dir, 'outbox-test.db'));
    try {
      assert.equal((await db.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check, 'ok');
      assert.equal((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode, 'wal');
    } finally {
      await db.close();
    }
  });

  it('refuses appends after close with a clear message', async () => {
    const outbox = makeOutbox(tmp.dir);
    await outbox.open();
    await outbox.close();
    await assert.rejects(outbox.append(records(0, 1)), /outbox .*outbox-test\.db is not open/);
  });
});
