import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PendingRing, type TagRoute } from '../../../src-main/adapters/mqtt/pending-ring.js';
import type { TagSample } from '../../../src-main/contract/index.js';

const route: TagRoute = { topic: 'p/a/b/c/d', unit: '' };
const s = (ts: number): TagSample => ({ tagId: 'a/b/c/d', ts, value: ts, quality: 'good' });

function drain(ring: PendingRing): number[] {
  const out: number[] = [];
  while (ring.shift((_r, sample) => out.push(sample.ts)));
  return out;
}

describe('PendingRing', () => {
  it('returns samples in arrival order', () => {
    const ring = new PendingRing(10);
    for (let i = 0; i < 5; i++) ring.push(route, s(i));
    assert.equal(ring.length, 5);
    assert.deepEqual(drain(ring), [0, 1, 2, 3, 4]);
    assert.equal(ring.length, 0);
  });

  it('drops the oldest when full and reports each drop', () => {
    const ring = new PendingRing(3);
    let dropped = 0;
    for (let i = 0; i < 7; i++) dropped += ring.push(route, s(i));
    assert.equal(dropped, 4);
    assert.deepEqual(drain(ring), [4, 5, 6]);
  });

  it('keeps order across wrap-around of interleaved pushes and shifts', () => {
    const ring = new PendingRing(12);
    const out: number[] = [];
    for (let i = 0; i < 20; i++) {
      ring.push(route, s(i));
      if (i % 2 === 1) ring.shift((_r, sample) => out.push(sample.ts));
    }
    out.push(...drain(ring));
    assert.deepEqual(out, Array.from({ length: 20 }, (_, i) => i));
  });

  it('clear() empties it and says how many were discarded', () => {
    const ring = new PendingRing(4);
    ring.push(route, s(1));
    ring.push(route, s(2));
    assert.equal(ring.clear(), 2);
    assert.equal(ring.length, 0);
  });

  it('refuses a bound that is not a positive integer', () => {
    assert.throws(() => new PendingRing(0), /positive integer/);
  });
});
