// What the historian acknowledged must survive `kill -9`: audit rows, journal entries and flushed samples.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteHistorian } from '../../src-main/adapters/store/index.js';
import { openDb } from '../../src-main/adapters/store/sqlite-db.js';
import { recordingLog } from '../unit/store/store-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'pb-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const storeModule = new URL('../../src-main/adapters/store/index.ts', import.meta.url).href;

// The child writes, prints what was acknowledged, then keeps ingesting until it is killed mid-stream.
const child = (dbPath: string) => `
import { createSqliteHistorian } from ${JSON.stringify(storeModule)};
const log = { debug() {}, info() {}, warn() {}, error() {} };
const store = createSqliteHistorian({ dbPath: ${JSON.stringify(dbPath)}, retentionDays: 30, flushIntervalMs: 5, log, clock: { now: () => Date.now() } });
await store.open();
const T0 = 1767225600000;
const second = (i) => ({ samples: Array.from({ length: 50 }, (_, k) => ({ tagId: 'site/area/asset-' + k + '/pv', ts: T0 + i * 1000, value: i, quality: 'good' })) });
for (let i = 0; i < 100; i++) store.append(second(i));
await store.flush();
await store.appendJournal([{ ts: T0, alarmId: 'a/HH', tag: 'site/area/asset-1/pv', event: 'activated', state: 'unacknowledged', value: 99, user: null, comment: null }]);
const id = await store.appendAudit({ ts: T0, user: 'olga', via: 'http', action: 'write', tag: 'site/area/asset-1/sp', oldValue: 1, newValue: 2, status: 'requested', message: '' });
let i = 100;
setInterval(() => { for (let j = 0; j < 20; j++) store.append(second(i++)); }, 1);
process.stdout.write('committed ' + id + '\\n');
`;

describe('historian after kill -9', () => {
  it('keeps every acknowledged audit row, journal entry and flushed sample, in a consistent file', async () => {
    const dbPath = join(dir, 'crash.db');
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child(dbPath)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const auditId = await new Promise<number>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /committed (\d+)/.exec(out);
        if (m) setTimeout(() => resolve(Number(m[1])), 150); // let a few more flushes run, then kill mid-write
      });
      proc.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;

    const db = await openDb(dbPath);
    try {
      assert.deepEqual(await db.get('PRAGMA integrity_check'), { integrity_check: 'ok' });
      assert.deepEqual(await db.get('SELECT id, user, new_value FROM audit'), { id: auditId, user: 'olga', new_value: '2' });
      assert.deepEqual(await db.get('SELECT count(*) AS n FROM alarm_journal'), { n: 1 });
      const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM samples WHERE ts < 1767225700000');
      assert.equal(row?.n, 5000, 'the 100 flushed seconds of 50 tags are all there');
    } finally {
      await db.close();
    }
    // And the historian opens it again and carries on.
    const store = createSqliteHistorian({ dbPath, retentionDays: 30, log: recordingLog(), clock: { now: () => Date.now() } });
    await store.open();
    const id = await store.appendAudit({ ts: 1, user: 'u', via: 'cli', action: 'write', tag: 't', oldValue: null, newValue: 1, status: 'Good', message: '' });
    assert.ok(id > auditId);
    await store.close();
  });
});
