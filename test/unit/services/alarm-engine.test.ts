// The alarm service with every kind on a fake clock: on/off delays, shelving expiry, latch and reset, suppression
// by another tag, deviation from a setpoint tag, bad quality, confirm, and runtime limits that survive a restart.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { AlarmLimits, TagSample, TagValue } from '../../../src-main/contract/index.js';
import { createSqliteHistorian } from '../../../src-main/adapters/store/index.js';
import type { TagDef } from '../../../src-main/domain/tags.js';
import { AlarmRefusal, createAlarmService, type AlarmService } from '../../../src-main/services/alarm-service.js';
import type { HistorianStore } from '../../../src-main/services/ports.js';
import { FakeStore } from '../../fixtures/fake-store.js';
import { recordingLog, tempDir } from '../store/store-fixtures.js';

const log = { debug() {}, info() {}, warn() {}, error() {} };
const P = 'demo-site/utilities/pump-101';
const T = 'demo-site/utilities/tank-301';

function tagDef(id: string, alarms: AlarmLimits | null): TagDef {
  const [site = '', area = '', asset = '', name = ''] = id.split('/');
  return {
    id, site, area, asset, name, sourceId: 'sim', nodeId: id, dataType: 'Double', unit: '', euRange: null,
    description: '', writable: false, group: 'default', alarms, deadband: null,
  };
}

function harness(tags: TagDef[], store: HistorianStore = new FakeStore()) {
  let now = 1_000_000;
  const service = createAlarmService({ store, clock: { now: () => now }, log });
  service.setTags(tags);
  const feed = (tagId: string, value: TagValue, quality: TagSample['quality'] = 'good') =>
    service.ingest({ samples: [{ tagId, ts: now, value, quality }] });
  const get = (id: string) => {
    const a = service.list('all').find((x) => x.id === id);
    assert.ok(a, `alarm ${id} exists`);
    return a;
  };
  const advance = (ms: number) => {
    now += ms;
    service.tick();
  };
  return { service, feed, get, advance, store, now: () => now };
}

async function journalOf(service: AlarmService, store: FakeStore, id: string): Promise<string[]> {
  await service.flush();
  return store.journal.filter((j) => j.alarmId === id).map((j) => `${j.event}${j.user ? `:${j.user}` : ''}`);
}

describe('alarm engine: delays', () => {
  const flowL = `${P}/flow#L`;
  const tags = [tagDef(`${P}/flow`, { L: 40, deadband: 2, priority: 3, onDelaySec: 5, offDelaySec: 3 })];

  it('activates only after the condition held for the on-delay, and a shorter dip never alarms', () => {
    const h = harness(tags);
    h.feed(`${P}/flow`, 30);
    h.advance(4000);
    h.feed(`${P}/flow`, 60); // back before 5 s
    h.advance(10_000);
    assert.equal(h.get(flowL).state, 'normal');
    h.feed(`${P}/flow`, 30);
    h.advance(4999);
    assert.equal(h.get(flowL).state, 'normal');
    h.advance(1);
    assert.equal(h.get(flowL).state, 'unacknowledged');
    assert.match(h.get(flowL).message, /low: 30 ≤ 40/);
  });

  it('returns only after the condition stayed clear for the off-delay', () => {
    const h = harness(tags);
    h.feed(`${P}/flow`, 30);
    h.advance(5000);
    h.feed(`${P}/flow`, 50);
    h.advance(2000);
    assert.equal(h.get(flowL).active, true);
    h.advance(1000);
    assert.equal(h.get(flowL).state, 'rtn-unacknowledged');
  });
});

describe('alarm engine: shelving', () => {
  const id = `${P}/vibration#H`;
  const tags = [tagDef(`${P}/vibration`, { H: 7, deadband: 0, priority: 2, maxShelveMinutes: 60 })];

  it('a timed shelve hides the alarm, expires by itself and journals unshelved by system', async () => {
    const store = new FakeStore();
    const h = harness(tags, store);
    h.feed(`${P}/vibration`, 8);
    const shelved = await h.service.shelve(id, { mode: 'timed', minutes: 30, reason: 'sensor being replaced' }, 'olga');
    assert.equal(shelved.state, 'shelved');
    assert.equal(shelved.shelvedUntil, h.now() + 30 * 60_000);
    assert.deepEqual(h.service.list('active'), [], 'not annunciated');
    assert.deepEqual(h.service.list('shelved').map((a) => a.id), [id], 'but listed as shelved');
    h.advance(30 * 60_000 - 1);
    assert.equal(h.get(id).state, 'shelved');
    h.advance(1);
    assert.equal(h.get(id).state, 'unacknowledged', 'still active, so annunciated again');
    assert.deepEqual(await journalOf(h.service, store, id), ['activated', 'shelved:olga', 'unshelved:system']);
    assert.equal(store.alarmSettings.has(id), false, 'the expired shelve is no longer stored');
  });

  it('refuses a shelve longer than the maximum, without a reason, or twice', async () => {
    const h = harness(tags);
    h.feed(`${P}/vibration`, 8);
    await assert.rejects(h.service.shelve(id, { mode: 'timed', minutes: 61, reason: 'x' }, 'o'), (e: unknown) => e instanceof AlarmRefusal && e.status === 400 && /at most 60 minutes/.test(e.message));
    await assert.rejects(h.service.shelve(id, { mode: 'timed', minutes: 5, reason: ' ' }, 'o'), /needs a reason/);
    await h.service.shelve(id, { mode: 'one-shot', reason: 'known issue' }, 'o');
    await assert.rejects(h.service.shelve(id, { mode: 'timed', minutes: 5, reason: 'x' }, 'o'), /already shelved until it returns/);
  });
});

describe('alarm engine: latch, confirm and reset', () => {
  it('a latched alarm that returned stays until reset; a confirm is needed after the acknowledge', async () => {
    const id = `${P}/vibration#HH`;
    const h = harness([tagDef(`${P}/vibration`, { HH: 11, deadband: 0, priority: 1, latched: true, confirmRequired: true })]);
    h.feed(`${P}/vibration`, 12);
    await h.service.acknowledge(id, 'seen', 'ana');
    assert.equal(h.get(id).confirmed, false);
    h.feed(`${P}/vibration`, 3);
    assert.equal(h.get(id).state, 'latched');
    assert.deepEqual(h.service.list('active').map((a) => a.id), [id]);
    await h.service.reset(id, 'bearing checked', 'ana');
    assert.deepEqual(h.service.list('active').map((a) => a.id), [id], 'still waiting for a confirm');
    const confirmed = await h.service.confirm(id, 'work order 4711 closed', 'ana');
    assert.equal(confirmed.state, 'normal');
    assert.deepEqual(h.service.list('active'), []);
  });
});

describe('alarm engine: suppression by design and other tags', () => {
  it('suppresses pump low flow while the pump is not running, and re-annunciates when it runs again', () => {
    const id = `${P}/flow#L`;
    const h = harness([tagDef(`${P}/flow`, { L: 40, deadband: 0, priority: 3, suppressWhen: { tag: `${P}/running`, equals: false } })]);
    h.feed(`${P}/running`, false);
    h.feed(`${P}/flow`, 0);
    const a = h.get(id);
    assert.deepEqual([a.state, a.active, a.suppressedBy], ['suppressed', true, `${P}/running`]);
    assert.deepEqual(h.service.list('active'), []);
    h.feed(`${P}/running`, true);
    assert.equal(h.get(id).state, 'unacknowledged', 'flow still low with the pump running');
  });

  it('evaluates a deviation alarm on setpoint changes as well as on values', () => {
    const id = `${T}/level#DEV`;
    const h = harness([tagDef(`${T}/level`, { deadband: 0, priority: 3, deviation: { setpointTag: `${T}/level-setpoint`, limit: 10 } })]);
    h.feed(`${T}/level`, 50);
    assert.equal(h.get(id).active, false, 'no setpoint yet');
    h.feed(`${T}/level-setpoint`, 50);
    assert.equal(h.get(id).active, false);
    h.feed(`${T}/level-setpoint`, 70);
    assert.equal(h.get(id).state, 'unacknowledged');
    assert.match(h.get(id).message, /20 from setpoint 70/);
  });

  it('raises BAD when the source is lost for longer than the delay, and clears it on good quality', () => {
    const id = `${T}/level#BAD`;
    const h = harness([tagDef(`${T}/level`, { H: 90, deadband: 0, priority: 2, badQuality: { delaySec: 10 } })]);
    h.feed(`${T}/level`, 95);
    h.feed(`${T}/level`, 95, 'stale');
    h.advance(9000);
    assert.equal(h.get(id).active, false);
    h.advance(1000);
    assert.equal(h.get(id).active, true);
    assert.equal(h.get(`${T}/level#H`).active, true, 'the process alarm keeps its state on a stale sample');
    h.feed(`${T}/level`, 50);
    assert.equal(h.get(id).active, false);
  });

  it('a digital discrepancy alarm waits its delay', () => {
    const id = `${P}/running#DIG`;
    const h = harness([tagDef(`${P}/running`, { deadband: 0, priority: 2, digital: { feedbackTag: `${P}/running-feedback`, delaySec: 5 } })]);
    h.feed(`${P}/running-feedback`, false);
    h.feed(`${P}/running`, true);
    h.advance(4000);
    assert.equal(h.get(id).active, false);
    h.advance(1000);
    assert.equal(h.get(id).state, 'unacknowledged');
    h.feed(`${P}/running-feedback`, true);
    assert.equal(h.get(id).active, false);
  });
});

describe('alarm engine: out of service and runtime limits', () => {
  const tmp = tempDir('pb-alarms-');
  after(() => tmp.remove());

  it('keeps limit edits, out-of-service and shelving across a restart (real SQLite file), audited and journaled', async () => {
    const dbPath = tmp.file('alarms.db');
    const tags = [tagDef(`${P}/discharge-pressure`, { HH: 9, H: 8, L: 1.5, deadband: 0.2, priority: 2 })];
    const open = async () => {
      const store = createSqliteHistorian({ dbPath, retentionDays: 1, flushIntervalMs: 50, log: recordingLog(), clock: { now: () => 5_000 } });
      await store.open();
      const service = createAlarmService({ store, clock: { now: () => 5_000 }, log });
      await service.load();
      service.setTags(tags);
      return { store, service };
    };
    const first = await open();
    try {
      await assert.rejects(first.service.setLimits(`${P}/discharge-pressure#H`, { limit: 9.5 }, 'eng'), (e: unknown) => e instanceof AlarmRefusal && e.status === 409 && /HH \(9\) below H \(9.5\)/.test(e.message));
      const edited = await first.service.setLimits(`${P}/discharge-pressure#H`, { limit: 8.5, deadband: 0.3 }, 'eng', 'http', 'new pump curve');
      assert.deepEqual([edited.limit, edited.settings?.deadband], [8.5, 0.3]);
      await first.service.setOutOfService(`${P}/discharge-pressure#L`, true, 'transmitter removed for calibration', 'eng', 'http');
      await first.service.flush();
      const journal = await first.store.queryJournal({ limit: 10 });
      const limits = journal.find((j) => j.event === 'limits-changed');
      assert.equal(limits?.user, 'eng');
      assert.equal(limits?.comment, 'H 8 → 8.5; deadband 0.2 → 0.3 — new pump curve');
      const audit = await first.store.queryAudit({ limit: 10 });
      assert.deepEqual(audit.map((a) => a.tag), [`${P}/discharge-pressure`, `${P}/discharge-pressure`]);
      assert.match(audit[1]?.message ?? '', /settings changed by eng: H 8 → 8.5/);
      assert.match(audit[0]?.message ?? '', /taken out of service by eng: transmitter removed/);
    } finally {
      await first.store.close();
    }
    const second = await open();
    try {
      const h = second.service.list('all').find((a) => a.id === `${P}/discharge-pressure#H`);
      assert.deepEqual([h?.limit, h?.settings?.deadband], [8.5, 0.3], 'the edit survived the restart');
      const l = second.service.list('out-of-service');
      assert.deepEqual(l.map((a) => a.id), [`${P}/discharge-pressure#L`]);
      assert.match(l[0]?.outOfServiceReason ?? '', /transmitter removed for calibration \(eng\)/);
    } finally {
      await second.store.close();
    }
  });

  it('refuses edits that make no sense with a reason', async () => {
    const h = harness([tagDef(`${T}/level`, { H: 85, deadband: 0, priority: 2, badQuality: { delaySec: 1 } })]);
    await assert.rejects(h.service.setLimits(`${T}/level#BAD`, { limit: 3 }, 'eng'), /has no limit to change/);
    await assert.rejects(h.service.setLimits('nope#H', { limit: 3 }, 'eng'), (e: unknown) => e instanceof AlarmRefusal && e.status === 404);
    h.service.setSystemCondition('disk/x', { active: true, label: 'Disk', message: 'full', priority: 1 });
    await assert.rejects(h.service.setLimits('plantbridge/system/disk/x#SYS', { priority: 3 }, 'eng'), /not editable/);
  });

  it('applies a new limit to the latest value at once', async () => {
    const id = `${T}/level#H`;
    const h = harness([tagDef(`${T}/level`, { H: 85, deadband: 0, priority: 2 })]);
    h.feed(`${T}/level`, 80);
    const edited = await h.service.setLimits(id, { limit: 75 }, 'eng');
    assert.equal(edited.state, 'unacknowledged');
  });
});
