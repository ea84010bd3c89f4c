import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { createSqliteHistorian, type SqliteHistorian } from '../../../src-main/adapters/store/index.js';
import { openDb } from '../../../src-main/adapters/store/sqlite-db.js';
import type { TagSample } from '../../../src-main/contract/index.js';
import { bucketAverages, lttb } from '../../../src-main/domain/downsample.js';
import { fixedClock, recordingLog, sample, tempDir } from './store-fixtures.js';

const FLOW = 'demo-site/utilities/pump-101/flow';
const T0 = Date.UTC(2026, 0, 15);
const tmp = tempDir();
after(() => tmp.remove());

let n = 0;
let store: SqliteHistorian;
let dbPath: string;
const clock = fixedClock(T0);

function open(extra: { retentionDays?: number; flushIntervalMs?: number } = {}): SqliteHistorian {
  return createSqliteHistorian({
    dbPath,
    retentionDays: extra.retentionDays ?? 30,
    flushIntervalMs: extra.flushIntervalMs ?? 10_000,
    log: recordingLog(),
    clock,
  });
}

beforeEach(async () => {
  dbPath = tmp.file(`h${++n}/historian.db`);
  store = open();
  await store.open();
});
afterEach(async () => {
  await store.close();
});

/** One second data for several interleaved tags, as OPC UA batches would bring it. */
function appendSeconds(tags: string[], seconds: number, value: (tag: number, i: number) => number, from = T0): void {
  for (let i = 0; i < seconds; i++) {
    store.append({ samples: tags.map((tag, k) => sample(tag, from + i * 1000, value(k, i))) });
  }
}

describe('SQLite historian: ingest', () => {
  it('stores appended samples and reads them back raw after flush()', async () => {
    store.append({
      samples: [sample(FLOW, T0, 12.5), sample(FLOW, T0 + 1000, 13), sample('s/a/b/run', T0, true, 'uncertain')],
    });
    assert.equal(store.status().queueDepth, 3, 'append only queues');
    await store.flush();
    const s = store.status();
    assert.equal(s.rowsWritten, 3);
    assert.equal(s.queueDepth, 0);
    assert.equal(s.lastError, null);
    const series = await store.queryHistory({ tag: FLOW, from: T0, to: T0 + 5000, points: 100, mode: 'raw' });
    assert.deepEqual(series, { tag: FLOW, mode: 'raw', from: T0, to: T0 + 5000, rawCount: 2, t: [T0, T0 + 1000], v: [12.5, 13] });
    const run = await store.queryHistory({ tag: 's/a/b/run', from: T0, to: T0 + 5000, points: 10, mode: 'raw' });
    assert.deepEqual(run.v, [1], 'booleans are stored as 1/0');
  });

  it('keeps value types and quality codes in the samples table', async () => {
    store.append({ samples: [sample(FLOW, T0, 3), sample(FLOW, T0 + 1, 'ERR-7', 'bad'), sample(FLOW, T0 + 2, null, 'stale')] });
    await store.flush();
    const db = await openDb(dbPath);
    const rows = await db.all<{ t: string; quality: number }>('SELECT typeof(value) AS t, quality FROM samples ORDER BY ts');
    await db.close();
    assert.deepEqual(rows, [
      { t: 'integer', quality: 0 },
      { t: 'text', quality: 2 },
      { t: 'null', quality: 3 },
    ]);
  });

  it('replaces a sample with the same tag and timestamp', async () => {
    store.append({ samples: [sample(FLOW, T0, 1), sample(FLOW, T0 + 1000, 2)] });
    await store.flush();
    store.append({ samples: [sample(FLOW, T0, 10)] });
    store.append({ samples: [sample(FLOW, T0 + 1000, 20), sample(FLOW, T0 + 1000, 21)] });
    await store.flush();
    const series = await store.queryHistory({ tag: FLOW, from: T0, to: T0 + 1000, points: 10, mode: 'raw' });
    assert.deepEqual(series.v, [10, 21]);
    assert.equal(series.rawCount, 2);
  });

  it('counts every stored value overwritten under the same tag and timestamp, but not identical re-deliveries', async () => {
    store.append({ samples: [sample(FLOW, T0, 1), sample(FLOW, T0 + 1000, 2), sample(FLOW, T0 + 2000, 3)] });
    await store.flush();
    assert.equal(store.status().replacedSamples, 0);
    store.append({ samples: [sample(FLOW, T0, 10), sample(FLOW, T0 + 2000, 3)] }); // 1 → 10 replaced; 3 again: identical
    store.append({ samples: [sample(FLOW, T0 + 1000, 20), sample(FLOW, T0 + 1000, 21)] }); // 2 → 20 → 21
    store.append({ samples: [sample(FLOW, T0 + 2000, 3, 'bad')] }); // same value, other quality: replaced
    await store.flush();
    const series = await store.queryHistory({ tag: FLOW, from: T0, to: T0 + 2000, points: 10, mode: 'raw' });
    assert.deepEqual(series.v, [10, 21, 3]);
    assert.equal(store.status().replacedSamples, 4);
    assert.equal(store.status().rowsWritten, 8, 'every appended sample is still accounted as written');
  });

  it('stores values JSON cannot carry (±Infinity, lone surrogates, NUL) and doubles bit-exactly, in order', async () => {
    const doubles = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -1.5e-300, 123456789.12345679, 2 ** 53 + 2, 1e21];
    for (let i = 0; i < 2000; i++) doubles.push((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 40 - 20));
    const odd: TagSample[] = [
      sample(FLOW, T0, 1),
      sample(FLOW, T0, Number.POSITIVE_INFINITY), // replaces 1, then is replaced by the next row: order is kept
      sample(FLOW, T0, 2),
      sample(FLOW, T0 + 1, Number.NEGATIVE_INFINITY),
      sample(FLOW, T0 + 2, 'lone \ud800 surrogate'),
      sample(FLOW, T0 + 3, 'nul \u0000 inside'),
      sample(FLOW, T0 + 4, 'pair 😀 "quoted" \\ ok'),
    ];
    store.append({ samples: [...odd, ...doubles.map((v, i) => sample('s/a/b/x', T0 + i, v))] });
    await store.flush();
    const db = await openDb(dbPath);
    const rows = await db.all<{ ts: number; value: number | string }>('SELECT ts, value FROM samples WHERE tag_id = (SELECT id FROM tags WHERE path = ?) ORDER BY ts', [FLOW]);
    const xs = await db.all<{ value: number }>("SELECT value FROM samples WHERE tag_id = (SELECT id FROM tags WHERE path = 's/a/b/x') ORDER BY ts");
    await db.close();
    assert.deepEqual(
      rows.map((r) => r.value),
      [2, Number.NEGATIVE_INFINITY, Buffer.from('lone \ud800 surrogate').toString(), 'nul \u0000 inside', 'pair 😀 "quoted" \\ ok'],
    );
    assert.equal(store.status().replacedSamples, 2);
    assert.deepEqual(
      xs.map((r) => r.value),
      doubles,
    );
  });

  it('writes on its own timer without flush()', async () => {
    await store.close();
    store = open({ flushIntervalMs: 20 });
    await store.open();
    store.append({ samples: [sample(FLOW, T0, 1)] });
    for (let i = 0; i < 200 && store.status().rowsWritten === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(store.status().rowsWritten, 1);
  });

  it('ignores malformed samples instead of failing the whole flush', async () => {
    const bad = [
      { tagId: FLOW, ts: Number.NaN, value: 1, quality: 'good' },
      { tagId: '', ts: T0, value: 1, quality: 'good' },
      { tagId: FLOW, ts: T0, value: { nested: true }, quality: 'good' },
    ] as unknown as TagSample[];
    store.append({ samples: [...bad, sample(FLOW, T0 + 5, 5)] });
    await store.flush();
    assert.equal(store.status().rowsWritten, 1);
    assert.equal(store.status().rejectedSamples, 3);
  });

  it('survives a reopen: tag ids and samples persist', async () => {
    appendSeconds([FLOW, 'x/y/z/a'], 10, (k, i) => k * 100 + i);
    await store.close();
    store = open();
    await store.open();
    appendSeconds(['x/y/z/b', FLOW], 5, (k, i) => i, T0 + 10_000);
    await store.flush();
    const flow = await store.queryHistory({ tag: FLOW, from: T0, to: T0 + 60_000, points: 100, mode: 'raw' });
    assert.equal(flow.rawCount, 15);
    const db = await openDb(dbPath);
    const tags = await db.all<{ path: string }>('SELECT path FROM tags ORDER BY id');
    await db.close();
    assert.deepEqual(tags.map((t) => t.path), [FLOW, 'x/y/z/a', 'x/y/z/b']);
  });
});

describe('SQLite historian: history queries', () => {
  const tags = Array.from({ length: 5 }, (_, i) => `demo-site/area/asset-${i}/pv`);
  const wave = (k: number, i: number) => (k === 2 && i === 1234 ? 1000 : k * 10 + Math.sin(i / 60));

  it('averages into at most `points` buckets and keeps each bucket min and max', async () => {
    appendSeconds(tags, 3600, wave);
    await store.flush();
    const q = { tag: tags[2] as string, from: T0, to: T0 + 3_599_000, points: 50, mode: 'avg' as const };
    const s = await store.queryHistory(q);
    assert.ok(s.t.length <= 50 && s.t.length >= 45);
    assert.equal(s.rawCount, 3600);
    assert.equal(s.min?.length, s.t.length);
    assert.equal(s.max?.length, s.t.length);
    assert.ok(s.max?.includes(1000), 'the spike is in a bucket max');
    // Same result as the in-memory reference bucketing
    const t = Array.from({ length: 3600 }, (_, i) => T0 + i * 1000);
    const ref = bucketAverages({ t, v: t.map((_, i) => wave(2, i)) }, q.from, q.to, q.points);
    assert.deepEqual(s.t, ref.t);
    s.v.forEach((v, i) => assert.ok(Math.abs((v as number) - (ref.v[i] as number)) < 1e-9));
    assert.deepEqual(s.max, ref.max);
  });

  it('downsamples with LTTB to `points`, keeping the ends and the spike', async () => {
    appendSeconds(tags, 3600, wave);
    await store.flush();
    const s = await store.queryHistory({ tag: tags[2] as string, from: T0, to: T0 + 3_600_000, points: 100, mode: 'lttb' });
    assert.equal(s.t.length, 100);
    assert.equal(s.rawCount, 3600);
    assert.equal(s.t[0], T0);
    assert.equal(s.t.at(-1), T0 + 3_599_000);
    assert.ok(s.v.includes(1000));
    assert.equal(s.min, undefined);
  });

  it('runs LTTB on every raw row when the range is small enough (no preselection)', async () => {
    appendSeconds(tags, 3600, wave);
    await store.flush();
    const q = { tag: tags[2] as string, from: T0, to: T0 + 3_600_000, points: 1000, mode: 'lttb' as const };
    const s = await store.queryHistory(q);
    const t = Array.from({ length: 3600 }, (_, i) => T0 + i * 1000);
    const exact = lttb({ t, v: t.map((_, i) => wave(2, i)) }, 1000);
    assert.deepEqual(s.t, exact.t);
    assert.equal(s.rawCount, 3600);
  });

  it('keeps string-only stretches as gaps when preselecting min/max for LTTB', async () => {
    appendSeconds([FLOW], 4000, (_k, i) => i);
    store.append({ samples: Array.from({ length: 1000 }, (_, i) => sample(FLOW, T0 + (1500 + i) * 1000, 'MAINT')) });
    await store.flush();
    const s = await store.queryHistory({ tag: FLOW, from: T0, to: T0 + 4_000_000, points: 20, mode: 'lttb' });
    assert.equal(s.t.length, 20);
    assert.ok(s.v.includes(null));
    assert.equal(s.v.at(-1), 3999);
    assert.equal(s.v[0], 0);
  });

  it('returns the most recent raw samples, capped at `points`', async () => {
    appendSeconds(tags, 100, (_k, i) => i);
    await store.flush();
    const s = await store.queryHistory({ tag: tags[0] as string, from: T0, to: T0 + 99_000, points: 10, mode: 'raw' });
    assert.equal(s.rawCount, 100);
    assert.deepEqual(s.v, [90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
  });

  it('returns strings as gaps (null) in avg and lttb', async () => {
    store.append({ samples: [sample(FLOW, T0, 1), sample(FLOW, T0 + 1000, 'OFF'), sample(FLOW, T0 + 2000, 3)] });
    await store.flush();
    const lt = await store.queryHistory({ tag: FLOW, from: T0, to: T0 + 2000, points: 10, mode: 'lttb' });
    assert.deepEqual(lt.v, [1, null, 3]);
    const avg = await store.queryHistory({ tag: FLOW, from: T0, to: T0 + 2000, points: 3, mode: 'avg' });
    assert.deepEqual(avg.v, [1, null, 3]);
    assert.equal(avg.rawCount, 3);
  });

  it('answers an unknown tag or an empty range with an empty series, not an error', async () => {
    const s = await store.queryHistory({ tag: 'no/such/tag/here', from: T0, to: T0 + 1000, points: 10, mode: 'avg' });
    assert.deepEqual(s, { tag: 'no/such/tag/here', mode: 'avg', from: T0, to: T0 + 1000, rawCount: 0, t: [], v: [], min: [], max: [] });
    store.append({ samples: [sample(FLOW, T0, 1)] });
    await store.flush();
    const later = await store.queryHistory({ tag: FLOW, from: T0 + 1, to: T0 + 1000, points: 10, mode: 'lttb' });
    assert.equal(later.rawCount, 0);
    assert.deepEqual(later.t, []);
  });
});

describe('SQLite historian: retention', () => {
  it('deletes only samples older than the retention, for every tag', async () => {
    await store.close();
    store = open({ retentionDays: 2 });
    await store.open();
    const day = 86_400_000;
    const now = T0 + 10 * day;
    for (const tag of [FLOW, 'a/b/c/d']) {
      store.append({ samples: [0, 5, 7.5, 7.9, 8.1, 9, 10].map((d) => sample(tag, T0 + d * day, d)) });
    }
    await store.flush();
    assert.equal(await store.applyRetention(now), 8);
    const s = await store.queryHistory({ tag: FLOW, from: 0, to: now, points: 100, mode: 'raw' });
    assert.deepEqual(s.v, [8.1, 9, 10]);
    assert.equal(await store.applyRetention(now), 0, 'a second pass finds nothing');
  });

  it('deletes large backlogs in chunks without losing recent rows', async () => {
    await store.close();
    store = open({ retentionDays: 1 });
    await store.open();
    appendSeconds([FLOW], 25_000, (_k, i) => i, T0 - 86_400_000 - 25_000_000);
    appendSeconds([FLOW], 10, (_k, i) => i, T0);
    await store.flush();
    assert.equal(await store.applyRetention(T0 + 1000), 25_000);
    const s = await store.queryHistory({ tag: FLOW, from: 0, to: T0 + 86_400_000, points: 100, mode: 'raw' });
    assert.equal(s.rawCount, 10);
  });
});

describe('SQLite historian: lifecycle', () => {
  it('close() flushes what was appended, and refuses work afterwards', async () => {
    store.append({ samples: [sample(FLOW, T0, 42)] });
    await store.close();
    const again = open();
    await again.open();
    const s = await again.queryHistory({ tag: FLOW, from: T0, to: T0, points: 2, mode: 'raw' });
    assert.deepEqual(s.v, [42]);
    await again.close();
    await assert.rejects(again.queryHistory({ tag: FLOW, from: 0, to: 1, points: 2, mode: 'raw' }), /not open/);
    again.append({ samples: [sample(FLOW, T0, 1)] });
    assert.equal(again.status().rejectedSamples, 1);
  });

  it('close() leaves no timers or open database handles behind', async () => {
    await store.close();
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    store = open({ flushIntervalMs: 5 });
    await store.open();
    store.append({ samples: [sample(FLOW, T0, 1)] });
    await store.close();
    assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, timersBefore);
    // The file is closed: another connection can take an exclusive lock and checkpoint it away entirely.
    const db = await openDb(dbPath);
    assert.deepEqual(await db.get('PRAGMA wal_checkpoint(TRUNCATE)'), { busy: 0, log: 0, checkpointed: 0 });
    await db.close();
  });

  it('reports its settings in status()', () => {
    const s = store.status();
    assert.equal(s.dbPath, dbPath);
    assert.equal(s.retentionDays, 30);
    assert.equal(s.writeErrors, 0);
  });
});
