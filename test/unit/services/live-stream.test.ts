import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TagSample } from '../../../src-main/contract/index.js';
import { LiveStream } from '../../../src-main/services/live-stream.js';

const sample = (tagId: string, value: number): TagSample => ({ tagId, ts: value, value, quality: 'good' });
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live stream to UIs', () => {
  it('coalesces to the latest sample per tag between sends', async () => {
    const live = new LiveStream(20);
    const sent: TagSample[][] = [];
    live.addClient({ send: (s) => sent.push(s), busy: () => false });
    live.start();
    live.ingest({ samples: [sample('a', 1), sample('b', 1), sample('a', 2)] });
    live.ingest({ samples: [sample('a', 3)] });
    await tick(60);
    live.stop();
    assert.equal(sent.length, 1);
    assert.deepEqual(
      sent[0]?.map((s) => [s.tagId, s.value]),
      [
        ['a', 3],
        ['b', 1],
      ],
    );
  });

  it('skips a busy client without queueing, then sends only the freshest values', async () => {
    const live = new LiveStream(10);
    let busy = true;
    const sent: TagSample[][] = [];
    live.addClient({ send: (s) => sent.push(s), busy: () => busy });
    live.start();
    for (let i = 0; i < 100; i++) live.ingest({ samples: [sample('a', i)] });
    await tick(40);
    assert.equal(sent.length, 0);
    busy = false;
    await tick(40);
    live.stop();
    assert.deepEqual(sent.flat().map((s) => s.value), [99]);
  });

  it('stops sending to a disposed client', async () => {
    const live = new LiveStream(10);
    const sent: TagSample[][] = [];
    const client = live.addClient({ send: (s) => sent.push(s), busy: () => false });
    live.start();
    client.dispose();
    live.ingest({ samples: [sample('a', 1)] });
    await tick(30);
    live.stop();
    assert.equal(sent.length, 0);
  });
});
