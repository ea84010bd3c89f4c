// The alarm journal export and the KPI report over real HTTP, on a real SQLite journal holding a recorded shift.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSqliteHistorian, type SqliteHistorian } from '../../src-main/adapters/store/index.js';
import type { AlarmKpisDto, JournalEntry, TextFileDto } from '../../src-main/contract/index.js';
import { createHandlers, type HandlerDeps } from '../../src-main/host/handlers.js';
import { createAuthenticator } from '../../src-main/host/http-auth.js';
import { startHttpServer, type RunningHttpServer } from '../../src-main/host/http-server.js';
import { invokeRequest } from '../../src-main/host/invoke.js';
import { createAlarmService } from '../../src-main/services/alarm-service.js';
import { EventHub } from '../../src-main/services/event-hub.js';
import { LiveStream } from '../../src-main/services/live-stream.js';
import { TagCatalog } from '../../src-main/services/tag-catalog.js';
import { NOW, SHIFT_END, SHIFT_START, TANK_HIGH, shiftJournal } from '../fixtures/alarm-sequence.js';
import { fixedClock, recordingLog, tempDir } from '../unit/store/store-fixtures.js';

const tmp = tempDir('pb-alarm-reports-');
const clock = fixedClock(NOW);
const log = recordingLog();
let store: SqliteHistorian;
let http: RunningHttpServer;
let deps: HandlerDeps;

/** Only what the alarm report requests use is real here; the other dependencies are never called by these tests. */
const unused = <T>(what: string): T =>
  new Proxy({}, { get: () => { throw new Error(`${what} is not part of this test`); } }) as T;

before(async () => {
  store = createSqliteHistorian({ dbPath: tmp.file('plantbridge.db'), retentionDays: 30, log, clock });
  await store.open();
  await store.appendJournal(shiftJournal().map(({ id: _id, ...e }) => e));
  deps = {
    catalog: new TagCatalog({}),
    store,
    gate: unused('gate'),
    trust: unused('trust'),
    alarms: createAlarmService({ store, clock, log }),
    flags: unused('flags'),
    remote: unused('remote'),
    uplinks: () => [],
    snapshot: () => [],
    health: unused('health'),
    connections: unused('connections'),
    kpiOperators: 1,
    clock,
    latest: () => undefined,
    hypercat: () => null,
  };
  http = await startHttpServer({
    bind: '127.0.0.1', port: 0, handlers: createHandlers(deps), auth: createAuthenticator([], false),
    staticDir: tmp.dir, events: new EventHub(), live: new LiveStream(100), log,
  });
});

after(async () => {
  await http?.stop();
  await store?.close();
  tmp.remove();
});

const get = (path: string) => fetch(new URL(path, http.url));
const range = `from=${SHIFT_START}&to=${SHIFT_END}`;

describe('GET /api/alarms/journal', () => {
  it('downloads the range as an RFC 4180 CSV attachment with format=csv', async () => {
    const res = await get(`/api/alarms/journal?format=csv&${range}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="alarm-journal_2026-01-15T0600Z_2026-01-15T1400Z.csv"');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const lines = (await res.text()).split('\r\n');
    assert.equal(lines[0], 'time,alarm,tag,event,state,value,user,comment');
    assert.equal(lines.at(-1), '', 'the file ends with CRLF');
    // Every journal row of the shift (the two rows outside the range are left out), oldest first.
    const inRange = shiftJournal().filter((e) => e.ts >= SHIFT_START && e.ts <= SHIFT_END);
    assert.equal(lines.length - 2, inRange.length);
    assert.equal(lines[1], '2026-01-15T06:30:00.000Z,demo-site/utilities/pump-101/vibration#H,demo-site/utilities/pump-101/vibration,activated,unacknowledged,7.4,,');
  });

  it('applies the search filters to the export', async () => {
    const res = await get(`/api/alarms/journal?format=csv&${range}&alarm=${encodeURIComponent(TANK_HIGH)}&event=activated`);
    const rows = (await res.text()).trim().split('\r\n').slice(1);
    assert.equal(rows.length, 8);
    assert.ok(rows.every((r) => r.includes(`,${TANK_HIGH},`) && r.includes(',activated,')));
    const ack = await get(`/api/alarms/journal?${range}&user=olga&text=${encodeURIComponent('COMPRESSOR')}`);
    const entries = (await ack.json()) as JournalEntry[];
    assert.deepEqual(entries.map((e) => e.comment), ['compressor tripped']);
  });

  it('answers JSON by default and 400 naming the field for a bad filter', async () => {
    const res = await get(`/api/alarms/journal?${range}&limit=3`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(((await res.json()) as JournalEntry[]).length, 3);
    const bad = await get(`/api/alarms/journal?${range}&event=activated,exploded`);
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /^event\.1: one of activated, /);
    const badFormat = await get(`/api/alarms/journal?format=xlsx`);
    assert.equal(badFormat.status, 400);
    const backwards = await get(`/api/alarms/journal?from=${SHIFT_END}&to=${SHIFT_START}`);
    assert.equal(backwards.status, 400);
  });

  it('gives IPC and WebSocket callers the same CSV as a file object', async () => {
    const file = (await invokeRequest(createHandlers(deps), 'alarmJournal', { format: 'csv', from: SHIFT_START, to: SHIFT_END, event: 'activated' }, { user: 'desktop', roles: ['read'], via: 'ipc' })) as TextFileDto;
    assert.equal(file.kind, 'text-file');
    assert.equal(file.body.trim().split('\r\n').length, 1 + 28);
  });
});

describe('GET /api/alarms/kpis', () => {
  it('reports the shift figures from the SQLite journal', async () => {
    const res = await get(`/api/alarms/kpis?${range}`);
    assert.equal(res.status, 200);
    const k = (await res.json()) as AlarmKpisDto;
    assert.equal(k.totalActivations, 28);
    assert.equal(k.peakRate.count, 14);
    assert.equal(k.floods.length, 1);
    assert.deepEqual(k.chattering.map((c) => [c.alarmId, c.episodes]), [[TANK_HIGH, 2]]);
    assert.equal(k.now, NOW);
    assert.equal(k.truncated, false);
    const noSystem = (await (await get(`/api/alarms/kpis?${range}&system=exclude`)).json()) as AlarmKpisDto;
    assert.equal(noSystem.totalActivations, 26);
    assert.equal(noSystem.includeSystem, false);
  });

  it('refuses a missing or backwards range with a 400', async () => {
    assert.equal((await get('/api/alarms/kpis')).status, 400);
    assert.equal((await get(`/api/alarms/kpis?from=${SHIFT_END}&to=${SHIFT_START}`)).status, 400);
    assert.equal((await get(`/api/alarms/kpis?${range}&system=maybe`)).status, 400);
  });
});
