import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSampleQueue } from '../../../src-main/adapters/store/sample-queue.js';
import { sample } from './store-fixtures.js';

const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => sample('a/b/c/d', from + i, from + i));

describe('historian sample queue', () => {
  it('hands samples out oldest first across batches', () => {
    const q = createSampleQueue(100);
    q.push(batch(0, 3));
    q.push(batch(3, 4));
    assert.equal(q.depth, 7);
    assert.deepEqual(q.take(5).map((s) => s.ts), [0, 1, 2, 3, 4]);
    assert.deepEqual(q.take(5).map((s) => s.ts), [5, 6]);
    assert.equal(q.depth, 0);
    assert.deepEqual(q.take(5), []);
  });

  it('drops the oldest samples beyond its capacity and counts them', () => {
    const q = createSampleQueue(10);
    q.push(batch(0, 6));
    q.push(batch(6, 6));
    assert.equal(q.depth, 10);
    assert.equal(q.dropped, 2);
    assert.deepEqual(q.take(100).map((s) => s.ts), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('puts a failed write back at the head, before newer samples', () => {
    const q = createSampleQueue(100);
    q.push(batch(0, 5));
    const taken = q.take(3);
    q.push(batch(5, 2));
    q.putBack(taken);
    assert.equal(q.depth, 7);
    assert.deepEqual(q.take(100).map((s) => s.ts), [0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps its bound when a put-back overflows it', () => {
    const q = createSampleQueue(4);
    q.push(batch(0, 4));
    const taken = q.take(4);
    q.push(batch(4, 3));
    q.putBack(taken);
    assert.equal(q.depth, 4);
    assert.equal(q.dropped, 3);
    assert.deepEqual(q.take(100).map((s) => s.ts), [3, 4, 5, 6]);
  });
});
