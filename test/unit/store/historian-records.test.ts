import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { createSqliteHistorian, type SqliteHistorian } from '../../../src-main/adapters/store/index.js';
import { openDb } from '../../../src-main/adapters/store/sqlite-db.js';
import type { FlagDto, JournalEntry } from '../../../src-main/contract/index.js';
import type { AuditEntry } from '../../../src-main/services/ports.js';
import { fixedClock, recordingLog, tempDir } from './store-fixtures.js';

const T0 = Date.UTC(2026, 0, 15);
const tmp = tempDir();
after(() => tmp.remove());
let n = 0;
let store: SqliteHistorian;
let dbPath: string;
const clock = fixedClock(T0);

beforeEach(async () => {
  dbPath = tmp.file(`r${++n}.db`);
  store = createSqliteHistorian({ dbPath, retentionDays: 1, log: recordingLog(), clock });
  await store.open();
});
afterEach(() => store.close());

function journal(ts: number, event: JournalEntry['event'], value: JournalEntry['value'] = 91.5): Omit<JournalEntry, 'id'> {
  return { ts, alarmId: 'pump-101/flow/HH', tag: 'demo-site/utilities/pump-101/flow', event, state: 'unacknowledged', value, user: null, comment: null };
}

function audit(over: Partial<AuditEntry> = {}): AuditEntry {
  return { ts: T0, user: 'olga', via: 'http', action: 'write', tag: 'demo-site/utilities/pump-101/setpoint', oldValue: 40, newValue: 42.5, status: 'requested', message: '', ...over };
}

describe('alarm journal', () => {
  it('returns entries newest first with ids, values and users intact', async () => {
    await store.appendJournal([journal(T0 + 1000, 'activated'), journal(T0 + 3000, 'returned', true)]);
    await store.appendJournal([{ ...journal(T0 + 2000, 'acknowledged', 'HIGH'), state: 'acknowledged', user: 'olga', comment: 'checked valve' }]);
    const rows = await store.queryJournal({ limit: 10 });
    assert.deepEqual(rows.map((r) => r.event), ['returned', 'acknowledged', 'activated']);
    assert.deepEqual(rows.map((r) => r.value), [true, 'HIGH', 91.5]);
    assert.equal(rows[1]?.user, 'olga');
    assert.equal(rows[1]?.comment, 'checked valve');
    assert.ok(rows.every((r) => Number.isInteger(r.id) && r.id > 0));
  });

  it('filters by time (inclusive) and limits the count', async () => {
    await store.appendJournal([1, 2, 3, 4, 5].map((s) => journal(T0 + s * 1000, 'activated')));
    const mid = await store.queryJournal({ from: T0 + 2000, to: T0 + 4000, limit: 100 });
    assert.deepEqual(mid.map((r) => r.ts - T0), [4000, 3000, 2000]);
    const latest = await store.queryJournal({ limit: 2 });
    assert.deepEqual(latest.map((r) => r.ts - T0), [5000, 4000]);
    const since = await store.queryJournal({ from: T0 + 4500, limit: 100 });
    assert.deepEqual(since.map((r) => r.ts - T0), [5000]);
  });
});

describe('command audit', () => {
  it('returns increasing row ids once committed', async () => {
    const first = await store.appendAudit(audit());
    const second = await store.appendAudit(audit({ status: 'Good', newValue: true, oldValue: false }));
    assert.ok(second > first);
    const db = await openDb(dbPath);
    const rows = await db.all<{ id: number; old_value: string; new_value: string; status: string }>('SELECT id, old_value, new_value, status FROM audit ORDER BY id');
    await db.close();
    assert.deepEqual(rows, [
      { id: first, old_value: '40', new_value: '42.5', status: 'requested' },
      { id: second, old_value: 'false', new_value: 'true', status: 'Good' },
    ]);
  });

  it('cannot be updated or deleted: the database raises', async () => {
    await store.appendAudit(audit());
    await store.appendJournal([journal(T0, 'activated')]);
    const db = await openDb(dbPath);
    try {
      await assert.rejects(db.run("UPDATE audit SET user = 'mallory'"), /audit is append-only: rows cannot be updated/);
      await assert.rejects(db.run('DELETE FROM audit'), /audit is append-only: rows cannot be deleted/);
      await assert.rejects(db.run('DELETE FROM alarm_journal'), /append-only/);
      const row = await db.get<{ n: number; user: string }>('SELECT count(*) AS n, user FROM audit');
      assert.deepEqual(row, { n: 1, user: 'olga' });
    } finally {
      await db.close();
    }
  });

  it('is never pruned by sample retention', async () => {
    await store.appendAudit(audit({ ts: T0 - 400 * 86_400_000 }));
    await store.appendJournal([journal(T0 - 400 * 86_400_000, 'activated')]);
    await store.applyRetention(T0);
    assert.equal((await store.queryJournal({ limit: 10 })).length, 1);
  });
});

describe('maintenance flags', () => {
  const flag = (id: string, state: FlagDto['state']): FlagDto => ({
    id, asset: 'pump-101', rule: 'drift', title: 'Bearing temperature drifting', severity: 'warning', state,
    tags: ['demo-site/utilities/pump-101/bearing-temp'], startedAt: T0, updatedAt: T0, limitEta: T0 + 3_600_000,
    limitEtaRange: [T0 + 1_800_000, T0 + 7_200_000], explanation: 'slope above baseline', evidence: [],
  });

  it('saves and loads flags, upserting by id', async () => {
    assert.deepEqual(await store.loadFlags(), []);
    await store.saveFlags([flag('f1', 'active'), flag('f2', 'active')]);
    await store.saveFlags([flag('f1', 'cleared')]);
    const loaded = await store.loadFlags();
    assert.deepEqual(
      loaded.map((f) => [f.id, f.state]).sort(),
      [['f1', 'cleared'], ['f2', 'active']],
    );
    assert.deepEqual(loaded.find((f) => f.id === 'f2'), flag('f2', 'active'));
  });
});
