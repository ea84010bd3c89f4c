// The in-memory outbox (no durable outbox configured) and the historical marking of replayed messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryOutbox } from '../../../src-main/adapters/store/outbox/memory-outbox.js';
import { markHistorical } from '../../../src-main/adapters/mqtt/historical-body.js';

const rec = (n: number) => ({ key: `t/${n}`, body: Buffer.from(`{"v":${n}}`), createdAt: n });
const values = (records: { body: Buffer }[]) => records.map((r) => (JSON.parse(r.body.toString()) as { v: number }).v);

describe('in-memory outbox', () => {
  it('is FIFO with take/ack/release and a live lane above a boundary', async () => {
    const box = new MemoryOutbox(100);
    await box.append([1, 2, 3].map(rec));
    const boundary = box.lastId();
    await box.append([4, 5].map(rec));
    assert.deepEqual(values(await box.take(10, boundary)), [4, 5]);
    const head = await box.take(2);
    assert.deepEqual(values(head), [1, 2]);
    box.release([head[1]!.id]);
    await box.ack([head[0]!.id]);
    assert.deepEqual(values(await box.take(10)), [2, 3]);
    assert.equal(box.depth, 4);
  });

  it('drops the oldest message not in flight when full, and counts it', async () => {
    const box = new MemoryOutbox(3);
    await box.append([rec(1)]);
    await box.take(1); // in flight
    await box.append([2, 3, 4, 5].map(rec));
    assert.equal(box.depth, 3);
    assert.equal(box.dropped, 2);
    assert.deepEqual(values(await box.take(10)), [4, 5]);
    assert.equal(box.clear(), 3);
  });

  it('refuses a bound that is not a positive integer', () => {
    assert.throws(() => new MemoryOutbox(0), /positive integer/);
  });
});

describe('historical marking', () => {
  it('adds "historical": true to a JSON object body without changing the rest', () => {
    const body = Buffer.from('{"value":1,"ts":"2026-01-15T08:00:00.000Z","quality":"good"}');
    assert.deepEqual(JSON.parse(markHistorical(body).toString()), {
      value: 1,
      ts: '2026-01-15T08:00:00.000Z',
      quality: 'good',
      historical: true,
    });
    assert.equal(markHistorical(Buffer.from('{}')).toString(), '{"historical":true}');
  });
});
