import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TagSample } from '../../../src-main/contract/index.js';
import { LiveStore } from '../../../src-renderer/state/live-store.js';
import { KeyedStore } from '../../../src-renderer/state/keyed-store.js';

const s = (tagId: string, ts: number, value: number, quality: TagSample['quality'] = 'good'): TagSample => ({ tagId, ts, value, quality });

describe('live value store', () => {
  it('batches notifications: one call per changed tag per flush, none for other tags', () => {
    const store = new LiveStore(10_000);
    let a = 0;
    let b = 0;
    store.subscribeTag('a', () => a++);
    store.subscribeTag('b', () => b++);
    store.apply([s('a', 1, 1)]);
    store.apply([s('a', 2, 2), s('a', 3, 3)]);
    assert.equal(a, 0, 'nothing before the flush');
    store.flush();
    assert.equal(a, 1);
    assert.equal(b, 0);
    assert.equal(store.get('a')?.value, 3);
    store.dispose();
  });

  it('keeps the newer sample when an older one arrives late, unless its quality changed', () => {
    const store = new LiveStore(10_000);
    store.apply([s('a', 10, 1)]);
    store.apply([s('a', 5, 2)]);
    assert.equal(store.get('a')?.value, 1);
    store.apply([s('a', 5, 2, 'stale')]);
    assert.equal(store.get('a')?.quality, 'stale');
    store.dispose();
  });

  it('hands every sample to batch listeners at flush time', () => {
    const store = new LiveStore(10_000);
    const seen: number[] = [];
    const off = store.subscribeSamples((batch) => seen.push(batch.length));
    store.apply([s('a', 1, 1), s('b', 1, 1)]);
    store.apply([s('a', 2, 2)]);
    store.flush();
    off();
    store.apply([s('a', 3, 3)]);
    store.flush();
    assert.deepEqual(seen, [3]);
    store.dispose();
  });

  it('flushes by itself after the interval', async () => {
    const store = new LiveStore(5);
    const done = new Promise<void>((resolve) => store.subscribeTag('a', resolve));
    store.apply([s('a', 1, 1)]);
    await done;
    store.dispose();
  });
});

describe('keyed store for alarms and flags', () => {
  it('merges changes, drops items that no longer qualify, and keeps the order', () => {
    const store = new KeyedStore<{ id: string; n: number; keep: boolean }>((x) => x.id, (x) => x.keep, (a, b) => a.n - b.n);
    store.replaceAll([{ id: 'x', n: 2, keep: true }, { id: 'y', n: 1, keep: true }]);
    assert.deepEqual(store.view.get().map((x) => x.id), ['y', 'x']);
    const before = store.view.get();
    store.merge([{ id: 'y', n: 1, keep: false }, { id: 'z', n: 0, keep: true }]);
    assert.deepEqual(store.view.get().map((x) => x.id), ['z', 'x']);
    assert.notEqual(store.view.get(), before, 'a new array so React sees the change');
  });
});
