// The outbox's in-memory parts: the take cursor (hand-out, hints, release) and the drain-rate window.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TakeCursor } from '../../../src-main/adapters/store/outbox/take-cursor.js';
import { DrainRate } from '../../../src-main/adapters/store/outbox/drain-rate.js';

describe('take cursor', () => {
  it('continues a scan after what was handed out, and rewinds before a released id', () => {
    const cursor = new TakeCursor();
    for (const id of [1, 2, 3, 4]) cursor.hand(id, 10);
    cursor.advance(0, 4);
    assert.equal(cursor.startFor(0), 4);
    assert.equal(cursor.startFor(10), 10, 'another lane starts at its own boundary');
    cursor.forget(1); // acked: gone, the hint stays
    assert.equal(cursor.startFor(0), 4);
    cursor.release([3, 4]);
    assert.equal(cursor.startFor(0), 2);
    assert.equal(cursor.isOut(3), false);
    assert.equal(cursor.isOut(2), true);
    assert.equal(cursor.size, 1);
  });
});

describe('drain rate', () => {
  it('averages acknowledgements over the window and forgets old ones', () => {
    const rate = new DrainRate(5_000);
    rate.add(5_000, 1_000);
    rate.add(5_000, 3_000);
    assert.equal(rate.perSecond(4_000), 2_000);
    assert.equal(rate.perSecond(7_500), 1_000, 'the first burst left the window');
    assert.equal(rate.perSecond(60_000), 0);
  });
});

describe('take cursor: a release while a scan is reading', () => {
  it('keeps the released records findable (a connection lost during a take must not strand them)', () => {
    const cursor = new TakeCursor();
    for (let id = 1; id <= 10; id++) cursor.hand(id, 1);
    cursor.advance(0, 10);
    assert.equal(cursor.startFor(0), 10);
    cursor.beginScan();
    cursor.release([4, 5, 6]); // the connection dropped while the scan awaited SQLite
    cursor.advance(0, 20); // the scan finishes having read up to id 20
    cursor.endScan();
    assert.equal(cursor.startFor(0), 3, 'the next scan starts before the released ids');
    assert.equal(cursor.isOut(4), false);
  });
});
