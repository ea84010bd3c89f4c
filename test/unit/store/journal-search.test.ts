import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { createSqliteHistorian, type SqliteHistorian } from '../../../src-main/adapters/store/index.js';
import type { JournalEntry } from '../../../src-main/contract/index.js';
import { fixedClock, recordingLog, tempDir } from './store-fixtures.js';

const T0 = Date.UTC(2026, 0, 15);
const tmp = tempDir('pb-journal-search-');
after(() => tmp.remove());
let n = 0;
let store: SqliteHistorian;

type Row = Omit<JournalEntry, 'id'>;
const row = (ts: number, alarmId: string, event: JournalEntry['event'], user: string | null = null, comment: string | null = null): Row => ({
  ts: T0 + ts, alarmId, tag: alarmId.slice(0, alarmId.indexOf('#')), event, state: 'unacknowledged', value: 1, user, comment,
});

const PUMP = 'demo-site/utilities/pump-101/flow';
const PUMP2 = 'demo-site/utilities/pump-1010/flow';
const TANK = 'demo-site/process/tank-201/level';

beforeEach(async () => {
  store = createSqliteHistorian({ dbPath: tmp.file(`j${++n}.db`), retentionDays: 1, log: recordingLog(), clock: fixedClock(T0) });
  await store.open();
  await store.appendJournal([
    row(1, `${PUMP}#H`, 'activated'),
    row(2, `${PUMP}#H`, 'acknowledged', 'olga', 'Checked the VALVE, 50% open'),
    row(3, `${PUMP}#HH`, 'activated'),
    row(4, `${PUMP2}#H`, 'activated'),
    row(5, `${TANK}#L`, 'activated'),
    row(6, `${TANK}#L`, 'acknowledged', 'piet', "100% sure'; DROP TABLE alarm_journal; --"),
    row(7, `${TANK}#L`, 'returned'),
  ]);
});
afterEach(() => store.close());

const ts = (rows: JournalEntry[]) => rows.map((r) => r.ts - T0);

describe('alarm journal search in SQLite', () => {
  it('filters by tag prefix (a whole area, or one tag) and by alarm id prefix', async () => {
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, tagPrefix: 'demo-site/utilities/' })), [4, 3, 2, 1]);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, alarmPrefix: `${PUMP}#` })), [3, 2, 1]);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, alarmPrefix: `${PUMP}#HH` })), [3]);
  });

  it('treats LIKE wildcards in a prefix as plain characters', async () => {
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, tagPrefix: 'demo-site/%' })), []);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, tagPrefix: 'demo_site' })), []);
  });

  it('filters by events, by exact user and by comment text, case-insensitively', async () => {
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, events: ['acknowledged', 'returned'] })), [7, 6, 2]);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, user: 'olga' })), [2]);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, user: 'olg' })), []);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, text: 'valve' })), [2]);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, text: '50%' })), [2]);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, text: "'; DROP TABLE" })), [6]);
  });

  it('combines filters with the time range and the limit', async () => {
    const rows = await store.queryJournal({ limit: 1, from: T0 + 2, to: T0 + 6, tagPrefix: 'demo-site/', events: ['activated'] });
    assert.deepEqual(ts(rows), [5]);
    assert.deepEqual(ts(await store.queryJournal({ limit: 100, from: T0 + 2, to: T0 + 6, events: ['activated'] })), [5, 4, 3]);
    // The hostile comment was stored as text, nothing was executed.
    assert.equal((await store.queryJournal({ limit: 100 })).length, 7);
  });
});
