// A full disk must not crash PlantBridge or damage what was committed: the historian keeps the samples queued,
// reports the error in status(), retries, and resumes once there is space again.
// Needs a tiny tmpfs (root); skipped with the reason printed when it cannot be mounted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSqliteHistorian } from '../../src-main/adapters/store/index.js';
import { openDb } from '../../src-main/adapters/store/sqlite-db.js';
import type { TagSample } from '../../src-main/contract/index.js';
import { fixedClock, recordingLog } from '../unit/store/store-fixtures.js';

const T0 = Date.UTC(2026, 0, 15);
const TAG = 'demo-site/utilities/pump-101/flow';
const dir = mkdtempSync(join(tmpdir(), 'pb-diskfull-'));
let skipReason: string | false = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir], { stdio: 'pipe' });
} catch (err) {
  skipReason = `cannot mount a 512 KiB tmpfs (needs root): ${String((err as Error).message).split('\n')[0]}`;
  console.log(`# skipping disk-full test: ${skipReason}`);
}

after(() => {
  if (!skipReason) execFileSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

function seconds(from: number, count: number): TagSample[] {
  return Array.from({ length: count }, (_, i) => ({ tagId: TAG, ts: T0 + (from + i) * 1000, value: from + i + 0.25, quality: 'good' }));
}

const waitFor = async (cond: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(cond(), `timed out waiting for ${what}`);
};

describe('historian on a full disk', { skip: skipReason }, () => {
  const dbPath = join(dir, 'historian.db');
  const log = recordingLog();
  const store = createSqliteHistorian({ dbPath, retentionDays: 30, flushIntervalMs: 20, log, clock: fixedClock(T0) });
  let auditId = 0;

  before(async () => {
    await store.open();
    store.append({ samples: seconds(0, 100) });
    await store.flush();
    auditId = await store.appendAudit({ ts: T0, user: 'olga', via: 'http', action: 'write', tag: TAG, oldValue: 1, newValue: 2, status: 'requested', message: '' });
  });

  it('keeps running, keeps the samples queued and reports the error', async () => {
    store.append({ samples: seconds(100, 60_000) }); // ~1.5 MB of rows into 512 KiB
    await assert.rejects(store.flush(), /SQLITE_FULL|disk is full/);
    const s = store.status();
    assert.ok(s.writeErrors >= 1);
    assert.match(s.lastError ?? '', /historian disk full/);
    assert.equal(s.queueDepth, 60_000, 'nothing was lost or half-written');
    assert.ok(log.lines.some((l) => l.level === 'error' && /disk full/.test(l.msg ?? '')));
  });

  it('still answers queries with the data committed before the disk filled', async () => {
    const series = await store.queryHistory({ tag: TAG, from: T0, to: T0 + 10_000_000, points: 1000, mode: 'raw' });
    assert.equal(series.rawCount, 100);
    assert.equal(series.v[99], 99.25);
  });

  it('leaves a consistent database file', async () => {
    const db = await openDb(dbPath);
    try {
      assert.deepEqual(await db.get('PRAGMA integrity_check'), { integrity_check: 'ok' });
      assert.deepEqual(await db.get('SELECT count(*) AS n FROM samples'), { n: 100 });
      assert.deepEqual(await db.get('SELECT id FROM audit'), { id: auditId });
    } finally {
      await db.close();
    }
  });

  it('retries on its own and catches up once space is freed', async () => {
    execFileSync('mount', ['-o', 'remount,size=16m', dir]);
    await waitFor(() => store.status().queueDepth === 0, 'the queue to drain');
    assert.equal(store.status().lastError, null);
    assert.equal(store.status().rowsWritten, 60_100);
    assert.ok(log.lines.some((l) => l.msg === 'historian writes recovered'));
    await store.close();
    const db = await openDb(dbPath);
    try {
      assert.deepEqual(await db.get('PRAGMA integrity_check'), { integrity_check: 'ok' });
      assert.deepEqual(await db.get('SELECT count(*) AS n FROM samples'), { n: 60_100 });
    } finally {
      await db.close();
    }
  });
});
